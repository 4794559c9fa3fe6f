using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Security;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Sharing.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Sharing.Features.Messages;

/// <summary>
/// A message as the API shows it: <c>Kind</c> and <c>RecordId</c> name the record the thread hangs on, <c>Revisions</c>
/// counts the edits. A withdrawn message keeps its place with no text.
/// </summary>
public sealed record MessageView(
    Guid Id,
    string Kind,
    Guid RecordId,
    Guid? ReplyToId,
    string? Body,
    LabelView Label,
    string AuthorName,
    string? AuthorMember,
    DateTime CreatedAt,
    DateTime? EditedAt,
    DateTime? WithdrawnAt,
    bool Withdrawn,
    int Revisions,
    int Version);

/// <summary>The record a thread hangs on, as the caller sees it.</summary>
public sealed record ThreadRecordView(string Kind, Guid Id, string Title, LabelView Label, string? Path);

/// <summary>A page of a thread: the record, and the messages the caller may read, oldest first.</summary>
public sealed record ThreadView(ThreadRecordView Record, IReadOnlyList<MessageView> Items, int Page, int PageSize, int Total);

/// <summary>A thread with recent activity the caller can see (for the Sharing home page).</summary>
public sealed record RecentThread(string Kind, Guid Id, string Title, string? Path, int Messages, DateTime LastAt);

public static class MessageViews
{
    public static MessageView Of(Message m, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new MessageView(m.Id, m.ParentKind, m.ParentId, m.ReplyToId, m.IsWithdrawn ? null : m.Body, LabelView.From(m.Label, policy),
            m.AuthorName, m.AuthorMember, m.CreatedAt, m.EditedAt, m.WithdrawnAt, m.IsWithdrawn, m.Revisions.Count, m.Version);
    }

    public static ThreadRecordView Of(LabelledRecordRef record, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ThreadRecordView(record.Kind, record.Id, record.Title, LabelView.From(record.Label, policy), record.Path);
    }
}

/// <summary>Finding threads and messages for the caller, and the errors every message use case shares.</summary>
public static class MessageAccess
{
    /// <summary>Who may post: the roles that work on records (anonymous callers get 401 before this).</summary>
    public const string PostPolicy = "sharing.post-messages";

    /// <summary>A record the caller may not see is, for the caller, no record at all: the same 404 as a random id.</summary>
    public static DomainError RecordNotFound { get; } = DomainError.NotFound("The record");

    public static DomainError MessageNotFound { get; } = DomainError.NotFound("The message");

    public static DomainError ReplyNotInThread { get; } = DomainError.Invalid("replyTo",
        "The message you reply to is not in this thread (or not one you can read).");

    public static DomainError UnknownKind(LabelledRecords records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return DomainError.Invalid("kind",
            "Give the kind of record the thread hangs on, one of: " + string.Join(", ", records.Kinds.Select(k => k.Kind)) + ".");
    }

    public static DomainError VersionConflict(int current) => new(
        "sharing.message-version-conflict",
        $"The message was changed meanwhile (it is now at version {current}). Reload it and try again.",
        ErrorKind.Conflict,
        "expectedVersion");

    public static void AddPolicies(IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(PostPolicy, p => p.RequireRole(Roles.Administrator, Roles.Secretariat, Roles.Delegate, Roles.Analyst, Roles.Monitor));

    /// <summary>Whether the user holds a role that may post (the same roles as <see cref="PostPolicy"/>); pages hide the form otherwise.</summary>
    public static bool MayPost(System.Security.Claims.ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true
            && new[] { Roles.Administrator, Roles.Secretariat, Roles.Delegate, Roles.Analyst, Roles.Monitor }.Any(user.IsInRole);
    }

    public static MessageAuthor AuthorOf(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new MessageAuthor(caller.UserId, caller.ActorName, caller.Member);
    }

    /// <summary>The record through the caller's label filter, or the error to return (unknown kind 400, hidden or absent 404).</summary>
    public static async Task<Result<LabelledRecordRef>> FindRecordAsync(
        LabelledRecords records, EntenteDbContext db, string? kind, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Of(kind) is null)
        {
            return UnknownKind(records);
        }

        var record = await records.FindAsync(db, kind!, id, cancellationToken);
        return record is null ? RecordNotFound : record;
    }

    /// <summary>A message the caller may read, on a record the caller may read; otherwise null.</summary>
    public static async Task<(Message Message, LabelledRecordRef Record)?> FindAsync(
        LabelledRecords records, EntenteDbContext db, Guid id, bool track, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(db);
        var messages = track ? db.Messages : db.Messages.AsNoTracking();
        var message = await messages.Include(m => m.Revisions).FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null)
        {
            return null;
        }

        var record = await records.FindAsync(db, message.ParentKind, message.ParentId, cancellationToken);
        return record is null ? null : (message, record);
    }

    /// <summary>Messages of one thread the caller may read (the label filter applies to each message).</summary>
    public static IQueryable<Message> Thread(EntenteDbContext db, string kind, Guid id)
    {
        ArgumentNullException.ThrowIfNull(db);
        var k = kind.Trim().ToLowerInvariant();
        return db.Messages.AsNoTracking().Where(m => m.ParentKind == k && m.ParentId == id);
    }

    /// <summary>
    /// The label a new or edited message gets: the one asked for (resolved for the caller), or the record's when none
    /// is asked for; in both cases at least as restrictive as the record and the message it answers.
    /// </summary>
    public static async Task<Result<Label>> ResolveLabelAsync(
        LabelInput? input, LabelledRecordRef record, Message? replyTo, Label? current, EntenteDbContext db, ISecurityPolicyCatalog catalog,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        Label label;
        if (input is null)
        {
            // The caller reads the record, so the record's label is one the caller may use as it stands.
            label = current ?? replyTo?.Label ?? record.Label;
        }
        else
        {
            var resolved = await LabelRules.ResolveAsync(input, db.Caller, catalog, db, current, cancellationToken: cancellationToken);
            if (!resolved.IsSuccess)
            {
                return resolved.Error!;
            }

            label = resolved.Value!;
        }

        var policy = catalog.Current;
        var error = MessageLabels.Check(label, record.Label, "the record it hangs on", policy)
            ?? (replyTo is null ? null : MessageLabels.Check(label, replyTo.Label, "the message it replies to", policy));
        return error is null ? label : error;
    }

    /// <summary>Stores the changes; a concurrent change becomes a version conflict and nothing is stored.</summary>
    public static async Task<Result> SaveAsync(EntenteDbContext db, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Messages.AsNoTracking().Where(m => m.Id == id).Select(m => (int?)m.Version).FirstOrDefaultAsync(cancellationToken);
            return VersionConflict(current ?? 0);
        }
    }

    /// <summary>
    /// Threads with the latest messages the caller can read, newest first. Counts and titles come through the label
    /// filter: a thread whose record the caller cannot see is left out, and hidden messages are not counted.
    /// </summary>
    public static async Task<IReadOnlyList<RecentThread>> RecentAsync(
        LabelledRecords records, EntenteDbContext db, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(db);
        // Grouped in the database and projected: no message body is materialised, so this list records no reads.
        var groups = await db.Messages.AsNoTracking()
            .GroupBy(m => new { m.ParentKind, m.ParentId })
            .Select(g => new { g.Key.ParentKind, g.Key.ParentId, Count = g.Count(), LastAt = g.Max(m => m.CreatedAt) })
            .ToListAsync(cancellationToken);
        var result = new List<RecentThread>();
        foreach (var g in groups.OrderByDescending(g => g.LastAt).ThenBy(g => g.ParentId))
        {
            if (result.Count >= take)
            {
                break;
            }

            if (await records.FindAsync(db, g.ParentKind, g.ParentId, cancellationToken) is { } record)
            {
                result.Add(new RecentThread(record.Kind, record.Id, record.Title, record.Path, g.Count, g.LastAt));
            }
        }

        return result;
    }
}
