using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;

namespace Entente.Modules.Summits.Domain;

/// <summary>Where an action item is in its life. Done and cancelled are final.</summary>
public enum ActionStatus
{
    Open,
    InProgress,
    Done,
    Cancelled,
}

/// <summary>What an action item follows from.</summary>
public enum ActionOriginKind
{
    Decision,
    Meeting,
    Alert,
    Other,
}

/// <summary>Who changes an action item: a user name (or system actor) and the member the user belongs to.</summary>
public readonly record struct ActionActor(string Name, string? Member);

/// <summary>
/// Something a member of the coalition must do by a date, usually because a decision or a meeting said so. The item
/// owns its status history and progress notes. Invariants: the title is present; the owner is a member (and,
/// optionally, a person of it: a platform user or a name); the due date is not in the past when set; done and
/// cancelled are final; every change raises <see cref="Version"/>, the optimistic concurrency token.
/// </summary>
public sealed class ActionItem : ILabelled
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MaxOriginTitleLength = 300;
    public const int MaxOwnerNameLength = 200;

    private readonly List<ActionStatusChange> _statusChanges = [];
    private readonly List<ActionNote> _notes = [];

    private ActionItem()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public string? Description { get; private set; }

    public ActionOriginKind OriginKind { get; private set; }

    /// <summary>The decision, meeting or alert the item follows from; null for <see cref="ActionOriginKind.Other"/> without a record.</summary>
    public Guid? OriginId { get; private set; }

    /// <summary>The origin's title as it read when the item was created, so the item reads well even where the origin is not released.</summary>
    public string? OriginTitle { get; private set; }

    /// <summary>Member code of the member that owes the action.</summary>
    public string OwnerMember { get; private set; } = "";

    /// <summary>The platform user who carries the action for the member, when one is named.</summary>
    public Guid? OwnerUserId { get; private set; }

    /// <summary>The person who carries the action, as a name, when not (or not only) a platform user.</summary>
    public string? OwnerName { get; private set; }

    /// <summary>The calendar day by which the action is due, in the owner's terms (no time of day, no zone).</summary>
    public DateOnly DueOn { get; private set; }

    public ActionStatus Status { get; private set; }

    public Label Label { get; private set; } = Label.Public;

    /// <summary>Grows by one with every change; also the optimistic concurrency token.</summary>
    public int Version { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; private set; }

    /// <summary>UTC; when the item became done or cancelled.</summary>
    public DateTime? ClosedAt { get; private set; }

    public IReadOnlyList<ActionStatusChange> StatusChanges => _statusChanges;

    public IReadOnlyList<ActionNote> Notes => _notes;

    public bool IsClosed => Status is ActionStatus.Done or ActionStatus.Cancelled;

    /// <summary>Open or in progress, and its due day has passed.</summary>
    public bool IsOverdueOn(DateOnly today) => !IsClosed && DueOn < today;

    /// <summary>Records a new open action item; its creation is the first entry of its status history.</summary>
    public static Result<ActionItem> Create(
        string? title, string? description, ActionOriginKind originKind, Guid? originId, string? originTitle,
        string ownerMember, Guid? ownerUserId, string? ownerName, DateOnly dueOn, Label label, ActionActor actor,
        DateTime now, DateOnly today)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerMember);
        ArgumentNullException.ThrowIfNull(label);
        if (!Enum.IsDefined(originKind))
        {
            return DomainError.Invalid("origin.kind", "Unknown origin: use decision, meeting, alert or other.");
        }

        var checkedOrigin = PlainText.Check("origin.title", originTitle, MaxOriginTitleLength);
        if (!checkedOrigin.IsSuccess)
        {
            return checkedOrigin.Error!;
        }

        if (originKind != ActionOriginKind.Other && originId is null)
        {
            return DomainError.Invalid("origin.id", "Give the id of the decision, meeting or alert the action follows from.");
        }

        if (dueOn < today)
        {
            return DueInPast(today);
        }

        var item = new ActionItem
        {
            Id = Guid.CreateVersion7(now),
            OriginKind = originKind,
            OriginId = originId,
            OriginTitle = checkedOrigin.Value,
            OwnerMember = ownerMember,
            Status = ActionStatus.Open,
            CreatedAt = now,
            UpdatedAt = now,
            CreatedBy = actor.Name,
        };
        var applied = item.Apply(title, description, ownerUserId, ownerName, dueOn, label);
        if (!applied.IsSuccess)
        {
            return applied.Error!;
        }

        item.Version = 1;
        item._statusChanges.Add(new ActionStatusChange(item.Id, 1, null, ActionStatus.Open, null, actor, now));
        return item;
    }

    /// <summary>Changes what the action is, who carries it for the member and when it is due; a new due date cannot be in the past.</summary>
    public Result Update(string? title, string? description, Guid? ownerUserId, string? ownerName, DateOnly dueOn, Label label,
        DateTime now, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (IsClosed)
        {
            return Closed();
        }

        if (dueOn != DueOn && dueOn < today)
        {
            return DueInPast(today);
        }

        var applied = Apply(title, description, ownerUserId, ownerName, dueOn, label);
        if (!applied.IsSuccess)
        {
            return applied;
        }

        Touch(now);
        return Result.Success;
    }

    /// <summary>Moves the item to <paramref name="to"/>; a cancellation needs a reason, and a closed item stays closed.</summary>
    public Result ChangeStatus(ActionStatus to, string? reason, ActionActor actor, DateTime now)
    {
        if (!Enum.IsDefined(to))
        {
            return DomainError.Invalid("status", "Unknown status: use open, inProgress, done or cancelled.");
        }

        if (IsClosed)
        {
            return Closed();
        }

        if (to == Status)
        {
            return new DomainError("summits.action-status-unchanged", $"The action is already {Describe(to)}.", ErrorKind.RuleViolation, "status");
        }

        var checkedReason = PlainText.Check("reason", reason, ActionStatusChange.MaxReasonLength, required: to == ActionStatus.Cancelled, multiline: true);
        if (!checkedReason.IsSuccess)
        {
            return checkedReason.Error!;
        }

        _statusChanges.Add(new ActionStatusChange(Id, _statusChanges.Count + 1, Status, to, checkedReason.Value, actor, now));
        Status = to;
        ClosedAt = IsClosed ? now : null;
        Touch(now);
        return Result.Success;
    }

    /// <summary>Adds a progress note; notes are kept, never edited.</summary>
    public Result<ActionNote> AddNote(string? text, ActionActor actor, DateTime now)
    {
        var checkedText = PlainText.Check("text", text, ActionNote.MaxTextLength, required: true, multiline: true);
        if (!checkedText.IsSuccess)
        {
            return checkedText.Error!;
        }

        var note = new ActionNote(Id, _notes.Count + 1, checkedText.Value!, actor, now);
        _notes.Add(note);
        Touch(now);
        return note;
    }

    public static string Describe(ActionStatus status) => status switch
    {
        ActionStatus.Open => "open",
        ActionStatus.InProgress => "in progress",
        ActionStatus.Done => "done",
        ActionStatus.Cancelled => "cancelled",
        _ => status.ToString(),
    };

    private static DomainError DueInPast(DateOnly today) => new(
        "summits.action-due-in-past",
        $"The due date cannot be in the past: give {today:yyyy-MM-dd} or later.",
        ErrorKind.Validation,
        "dueOn");

    private DomainError Closed() => new(
        "summits.action-closed",
        $"The action is {Describe(Status)}: a closed action cannot change. Open a new action if more is needed.",
        ErrorKind.Conflict,
        "status");

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }

    private Result Apply(string? title, string? description, Guid? ownerUserId, string? ownerName, DateOnly dueOn, Label label)
    {
        var checkedTitle = PlainText.Check("title", title, MaxTitleLength, required: true);
        if (!checkedTitle.IsSuccess)
        {
            return checkedTitle.Error!;
        }

        var checkedDescription = PlainText.Check("description", description, MaxDescriptionLength, multiline: true);
        if (!checkedDescription.IsSuccess)
        {
            return checkedDescription.Error!;
        }

        var checkedName = PlainText.Check("owner.name", ownerName, MaxOwnerNameLength);
        if (!checkedName.IsSuccess)
        {
            return checkedName.Error!;
        }

        Title = checkedTitle.Value!;
        Description = checkedDescription.Value;
        OwnerUserId = ownerUserId;
        OwnerName = checkedName.Value;
        DueOn = dueOn;
        Label = label;
        return Result.Success;
    }
}

/// <summary>One step of an action item's status history: from what to what, who, when and why.</summary>
public sealed class ActionStatusChange
{
    public const int MaxReasonLength = 1000;

    private ActionStatusChange()
    {
    }

    internal ActionStatusChange(Guid actionId, int sequence, ActionStatus? from, ActionStatus to, string? reason, ActionActor actor, DateTime at)
    {
        Id = Guid.CreateVersion7(at);
        ActionItemId = actionId;
        Sequence = sequence;
        From = from;
        To = to;
        Reason = reason;
        By = actor.Name;
        ByMember = actor.Member;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid ActionItemId { get; private set; }

    /// <summary>From 1, in order; 1 is the creation.</summary>
    public int Sequence { get; private set; }

    /// <summary>Null for the creation.</summary>
    public ActionStatus? From { get; private set; }

    public ActionStatus To { get; private set; }

    public string? Reason { get; private set; }

    public string By { get; private set; } = "";

    public string? ByMember { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime At { get; private set; }
}

/// <summary>A progress note on an action item, kept as written.</summary>
public sealed class ActionNote
{
    public const int MaxTextLength = 4000;

    private ActionNote()
    {
    }

    internal ActionNote(Guid actionId, int sequence, string text, ActionActor actor, DateTime at)
    {
        Id = Guid.CreateVersion7(at);
        ActionItemId = actionId;
        Sequence = sequence;
        Text = text;
        By = actor.Name;
        ByMember = actor.Member;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid ActionItemId { get; private set; }

    public int Sequence { get; private set; }

    public string Text { get; private set; } = "";

    public string By { get; private set; } = "";

    public string? ByMember { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime At { get; private set; }
}

/// <summary>
/// A notice to the owner member's delegates that an action item is overdue. One per item and overdue week
/// (week 0 is the first seven days after the due date), so the reminder job may run any number of times, on any
/// number of instances, and each delegation is reminded once a week.
/// </summary>
public sealed class ActionNotice
{
    private ActionNotice()
    {
    }

    public ActionNotice(Guid actionId, string memberCode, int overdueWeek, DateOnly dueOn, int daysOverdue, DateTime createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        ActionItemId = actionId;
        MemberCode = memberCode;
        OverdueWeek = overdueWeek;
        DueOn = dueOn;
        DaysOverdue = daysOverdue;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid ActionItemId { get; private set; }

    /// <summary>The member whose delegates are reminded: the item's owner when the notice was recorded.</summary>
    public string MemberCode { get; private set; } = "";

    /// <summary>Whole weeks since the due date when the notice was recorded, from 0.</summary>
    public int OverdueWeek { get; private set; }

    public DateOnly DueOn { get; private set; }

    public int DaysOverdue { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    /// <summary>The overdue week of a day after the due date: 0 for days 1–7, 1 for days 8–14, and so on.</summary>
    public static int WeekOf(DateOnly dueOn, DateOnly today) => (today.DayNumber - dueOn.DayNumber - 1) / 7;
}
