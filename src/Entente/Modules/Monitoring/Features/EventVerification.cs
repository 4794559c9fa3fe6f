using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Monitoring.Domain;
using Entente.Modules.Registry.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Monitoring.Features;

/// <summary>One decision in an event's history.</summary>
public sealed record DecisionView(
    int Sequence, EventAction Action, EventStatus FromStatus, EventStatus ToStatus, string Reason, Guid? RelatedEventId,
    string DecidedBy, string? DecidedByMember, DateTime DecidedAt);

/// <summary>Where an event stands in verification, and how it got there.</summary>
public sealed record VerificationView(
    EventSummary Event, EventSeverity Severity, bool FourEyesRequired, string? FirstConfirmedBy, IReadOnlyList<DecisionView> Decisions);

/// <summary>Reading and storing events for verification, split and merge: label-scoped, versioned, audited.</summary>
public static class EventVerification
{
    public const int MaxDecisionsShown = 500;

    public static DomainError VersionConflict(int current) => new(
        "monitoring.version-conflict",
        $"The event was changed by someone else (it is now at version {current}). Reload it, check the changes and try again.",
        ErrorKind.Conflict,
        "expectedVersion");

    public static DomainError VersionRequired { get; } =
        DomainError.Invalid("expectedVersion", "Give the version of the event you decided on (expectedVersion), so that a change made meanwhile is not overlooked.");

    /// <summary>The analyst acting, as decisions record them.</summary>
    public static Decider DeciderOf(EntenteDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new Decider(db.Caller.ActorName, db.Caller.UserId, db.Caller.Member);
    }

    /// <summary>
    /// The event, tracked, if the caller may read it (the label filter applies: an event the caller may not read is
    /// not found), and checked against the version the caller saw.
    /// </summary>
    public static async Task<Result<MonitoringEvent>> FindForUpdateAsync(EntenteDbContext db, Guid id, int? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var e = await db.Events.FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (e is null)
        {
            return Events.NotFound;
        }

        if (expectedVersion is not { } expected)
        {
            return VersionRequired;
        }

        return expected == e.Version ? e : VersionConflict(e.Version);
    }

    /// <summary>Saves in one transaction; a concurrent change of any event involved is a 409, not a lost update.</summary>
    public static async Task<Result> SaveAsync(EntenteDbContext db, Guid eventId, CancellationToken cancellationToken)
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
            var current = await db.Events.AsNoTracking().IgnoreQueryFilters().Where(x => x.Id == eventId).Select(x => (int?)x.Version).FirstOrDefaultAsync(cancellationToken);
            return VersionConflict(current ?? 0);
        }
    }

    /// <summary>
    /// The event's verification and history, or null when the caller may not read the event. Decisions carry no label
    /// of their own, so they are read only after the event itself has been found under the label filter.
    /// </summary>
    public static async Task<VerificationView?> QueryAsync(EntenteDbContext db, Guid id, PolicySnapshot policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var e = await db.Events.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (e is null)
        {
            return null;
        }

        var decisions = await db.EventDecisions.AsNoTracking().Where(d => d.EventId == e.Id).OrderBy(d => d.Sequence)
            .Take(MaxDecisionsShown).ToListAsync(cancellationToken);
        return View(e, decisions, policy);
    }

    public static VerificationView View(MonitoringEvent e, IEnumerable<EventDecision> decisions, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(decisions);
        return new VerificationView(MonitoringViews.Summary(e, policy), e.Severity, e.NeedsFourEyes, e.FirstConfirmedBy,
            [.. decisions.Select(View)]);
    }

    public static DecisionView View(EventDecision d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new DecisionView(d.Sequence, d.Action, d.FromStatus, d.ToStatus, d.Reason, d.RelatedEventId, d.DecidedBy, d.DecidedByMember, d.DecidedAt);
    }

    /// <summary>Checks a reason for a split or merge.</summary>
    public static Result<string> Reason(string? reason)
    {
        var why = reason?.Trim();
        if (string.IsNullOrEmpty(why))
        {
            return DomainError.Invalid("reason", "Say why: every split and merge is recorded with its reason.");
        }

        return why.Length > EventDecision.MaxReasonLength
            ? DomainError.Invalid("reason", $"A reason is at most {EventDecision.MaxReasonLength:N0} characters.")
            : why;
    }
}
