using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Security;
using Entente.Infrastructure.Text;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Summits.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Features.Actions;

/// <summary>What an action item follows from, as a client sends it: the kind, the record's id and its title as it reads now.</summary>
public sealed record ActionOriginInput
{
    [Required]
    public ActionOriginKind? Kind { get; init; }

    public Guid? Id { get; init; }

    [StringLength(ActionItem.MaxOriginTitleLength)]
    public string? Title { get; init; }
}

/// <summary>Who owes an action: a member, and optionally a person of it (a platform user, or a name).</summary>
public sealed record ActionOwnerInput
{
    [Required]
    [StringLength(8)]
    public string Member { get; init; } = "";

    public Guid? UserId { get; init; }

    [StringLength(ActionItem.MaxOwnerNameLength)]
    public string? Name { get; init; }
}

/// <summary>The filters every action list, count and export shares.</summary>
public sealed record ActionFilter
{
    /// <summary>Member code of the owner.</summary>
    [FromQuery(Name = "member")]
    [StringLength(8)]
    public string? Member { get; init; }

    /// <summary>open, inProgress, done or cancelled; absent means every status.</summary>
    [FromQuery(Name = "status")]
    [StringLength(16)]
    public string? Status { get; init; }

    /// <summary>Only items that are open or in progress and past their due date.</summary>
    [FromQuery(Name = "overdue")]
    public bool? Overdue { get; init; }

    /// <summary>Due on or after this day.</summary>
    [FromQuery(Name = "dueFrom")]
    public DateOnly? DueFrom { get; init; }

    /// <summary>Due on or before this day.</summary>
    [FromQuery(Name = "dueTo")]
    public DateOnly? DueTo { get; init; }

    /// <summary>Items that follow from this decision, meeting or alert.</summary>
    [FromQuery(Name = "originId")]
    public Guid? OriginId { get; init; }

    /// <summary>The status asked for, when <see cref="Status"/> names one.</summary>
    public ActionStatus? StatusValue => EnumText.TryParse<ActionStatus>(Status, out var value) ? value : null;

    /// <summary>The first filter that cannot be understood, as a validation error; null when all can.</summary>
    public DomainError? Check()
    {
        if (!EnumText.TryParse<ActionStatus>(Status, out _))
        {
            return DomainError.Invalid("status", "Unknown status: use open, inProgress, done or cancelled.");
        }

        return DueFrom is { } from && DueTo is { } to && to < from
            ? DomainError.Invalid("dueTo", "The end of the due range cannot be before its start.")
            : null;
    }

    public IQueryable<ActionItem> Apply(IQueryable<ActionItem> items, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (!string.IsNullOrWhiteSpace(Member))
        {
            var member = Member.Trim().ToUpperInvariant();
            items = items.Where(a => a.OwnerMember == member);
        }

        if (StatusValue is { } status)
        {
            items = items.Where(a => a.Status == status);
        }

        if (Overdue is true)
        {
            items = items.Where(a => (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress) && a.DueOn < today);
        }

        if (DueFrom is { } from)
        {
            items = items.Where(a => a.DueOn >= from);
        }

        if (DueTo is { } to)
        {
            items = items.Where(a => a.DueOn <= to);
        }

        if (OriginId is { } origin)
        {
            items = items.Where(a => a.OriginId == origin);
        }

        return items;
    }
}

public sealed record ActionOriginView(ActionOriginKind Kind, Guid? Id, string? Title);

public sealed record ActionOwnerView(string Member, Guid? UserId, string? Name);

/// <summary>An action item in a list.</summary>
public sealed record ActionItemSummary(
    Guid Id, string Title, ActionOriginView Origin, ActionOwnerView Owner, DateOnly DueOn, ActionStatus Status, bool IsOverdue,
    int Version, LabelView Label);

public sealed record ActionStatusChangeView(int Sequence, ActionStatus? From, ActionStatus To, string? Reason, string By, string? ByMember, DateTime At);

public sealed record ActionNoteView(int Sequence, string Text, string By, string? ByMember, DateTime At);

/// <summary>An action item with its status history and progress notes.</summary>
public sealed record ActionItemDetail(
    Guid Id, string Title, string? Description, ActionOriginView Origin, ActionOwnerView Owner, DateOnly DueOn, ActionStatus Status,
    bool IsOverdue, int Version, LabelView Label, DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt, DateTime? ClosedAt,
    IReadOnlyList<ActionStatusChangeView> StatusHistory, IReadOnlyList<ActionNoteView> Notes);

/// <summary>Explicit mapping from action items to what the API and the pages show.</summary>
public static class ActionViews
{
    public static ActionItemSummary Summary(ActionItem item, PolicySnapshot policy, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new ActionItemSummary(item.Id, item.Title, new ActionOriginView(item.OriginKind, item.OriginId, item.OriginTitle),
            new ActionOwnerView(item.OwnerMember, item.OwnerUserId, item.OwnerName), item.DueOn, item.Status, item.IsOverdueOn(today),
            item.Version, LabelView.From(item.Label, policy));
    }

    public static ActionItemDetail Detail(ActionItem item, PolicySnapshot policy, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new ActionItemDetail(item.Id, item.Title, item.Description, new ActionOriginView(item.OriginKind, item.OriginId, item.OriginTitle),
            new ActionOwnerView(item.OwnerMember, item.OwnerUserId, item.OwnerName), item.DueOn, item.Status, item.IsOverdueOn(today),
            item.Version, LabelView.From(item.Label, policy), item.CreatedAt, item.CreatedBy, item.UpdatedAt, item.ClosedAt,
            item.StatusChanges.OrderBy(c => c.Sequence).Select(c => new ActionStatusChangeView(c.Sequence, c.From, c.To, c.Reason, c.By, c.ByMember, c.At)).ToList(),
            item.Notes.OrderBy(n => n.Sequence).Select(n => new ActionNoteView(n.Sequence, n.Text, n.By, n.ByMember, n.At)).ToList());
    }
}

/// <summary>Who may change which action items, and the checks every write shares.</summary>
public static class ActionAccess
{
    public static DomainError ActionNotFound { get; } = DomainError.NotFound("The action item");

    public static DomainError NotYourMember { get; } = new(
        "summits.action-not-your-member",
        "Delegates create and update their own member's action items only; the Secretariat acts for any member.",
        ErrorKind.Forbidden,
        "owner.member");

    public static DomainError VersionConflict(int current) => new(
        "summits.action-version-conflict",
        $"The action item was changed by someone else (it is now at version {current}). Reload it, check the changes and try again.",
        ErrorKind.Conflict,
        "expectedVersion");

    public static DomainError UnknownMember(string code) => new(
        "summits.action-unknown-member",
        $"There is no member '{Infrastructure.Text.PlainText.Shorten(code, 16)}' in the registry that you may see. Give the code of a member of the coalition.",
        ErrorKind.Validation,
        "owner.member");

    public static DomainError UnknownOwnerUser { get; } = new(
        "summits.action-unknown-owner-user",
        "The person named as owner is not a user of the owner member. Give a user of that member, or a name instead.",
        ErrorKind.Validation,
        "owner.userId");

    public static ActionActor ActorOf(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new ActionActor(caller.ActorName, caller.Member);
    }

    /// <summary>An action item the caller may see, with its history and notes, tracked for change.</summary>
    public static Task<ActionItem?> FindAsync(EntenteDbContext db, Guid id, bool track, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var items = track ? db.ActionItems : db.ActionItems.AsNoTracking();
        return items.Include(a => a.StatusChanges).Include(a => a.Notes).AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
    }

    /// <summary>Checks the owner: a member the caller may see, and a user (when named) of that member.</summary>
    public static async Task<Result<string>> ResolveOwnerAsync(EntenteDbContext db, string? member, Guid? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var code = (member ?? "").Trim().ToUpperInvariant();
        if (code.Length == 0)
        {
            return DomainError.Invalid("owner.member", "Give the member that owes the action.");
        }

        if (!await db.Members.AnyAsync(m => m.Code == code, cancellationToken))
        {
            return UnknownMember(code);
        }

        if (userId is { } id && !await db.Users.AnyAsync(u => u.Id == id && u.MemberCode == code, cancellationToken))
        {
            return UnknownOwnerUser;
        }

        return code;
    }

    /// <summary>Stores the item's changes; a concurrent change becomes a version conflict and nothing is stored.</summary>
    public static async Task<Result> SaveAsync(EntenteDbContext db, ActionItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(item);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.ActionItems.AsNoTracking().Where(a => a.Id == item.Id).Select(a => (int?)a.Version).FirstOrDefaultAsync(cancellationToken);
            return VersionConflict(current ?? 0);
        }
    }
}
