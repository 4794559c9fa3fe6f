using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Identity;
using Entente.Modules.Monitoring.Contracts;
using Entente.Modules.Monitoring.Domain;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Monitoring.Features;

/// <summary>An event to merge and the version of it the analyst saw.</summary>
public sealed record MergeEventRef(Guid Id, int? ExpectedVersion);

/// <summary>Events that describe one event on the ground; the first is kept, the others merged into it.</summary>
public sealed record MergeEventsRequest
{
    public IReadOnlyList<MergeEventRef>? Events { get; init; }

    [StringLength(EventDecision.MaxReasonLength)]
    public string? Reason { get; init; }
}

public sealed record MergeEventsResponse(EventSummary Event, IReadOnlyList<Guid> Merged);

/// <summary>
/// <c>POST /events/merge</c>: an analyst merges events that describe the same thing. Their observations move to the
/// first event, placed by hand; the others stay, empty, pointing at it (<see cref="MonitoringEvent.MergedInto"/>).
/// Nothing is deleted.
/// </summary>
public static class MergeEvents
{
    public const int MaxEvents = 50;

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/events/merge", HandleAsync).RequireAuthorization(Policies.VerifyEvents).Idempotent()
            .WithName("MergeEvents").WithSummary("Merge events")
            .WithDescription("Merges the listed events (each with the version you saw as expectedVersion) into the first: their observations move to it and are locked against automatic correlation; the others keep their history and point to it. Events of one family of type only, each reported or under review.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<MergeEventsResponse>, ProblemHttpResult>> HandleAsync(
        MergeEventsRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, OblastIndex oblasts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(request, db, time, oblasts, cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var (survivor, merged) = result.Value;
        return TypedResults.Ok(new MergeEventsResponse(MonitoringViews.Summary(survivor, catalog.Current), merged));
    }

    public static async Task<Result<(MonitoringEvent Survivor, IReadOnlyList<Guid> Merged)>> ExecuteAsync(
        MergeEventsRequest request, EntenteDbContext db, TimeProvider time, OblastIndex oblasts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(oblasts);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var refs = request.Events ?? [];
        if (refs.Select(r => r.Id).Distinct().Count() != refs.Count)
        {
            return DomainError.Invalid("events", "Name each event once.");
        }

        if (refs.Count < 2 || refs.Count > MaxEvents)
        {
            return DomainError.Invalid("events", $"Name from 2 to {MaxEvents} events: the first is kept, the others are merged into it.");
        }

        var reason = EventVerification.Reason(request.Reason);
        if (!reason.IsSuccess)
        {
            return reason.Error!;
        }

        return await ObservationIngest.ExclusiveAsync<(MonitoringEvent Survivor, IReadOnlyList<Guid> Merged)>(db, async () =>
        {
            var events = new List<MonitoringEvent>(refs.Count);
            foreach (var r in refs)
            {
                var found = await EventVerification.FindForUpdateAsync(db, r.Id, r.ExpectedVersion, cancellationToken);
                if (!found.IsSuccess)
                {
                    return found.Error!;
                }

                var allowed = found.Value!.CanRestructure();
                if (!allowed.IsSuccess)
                {
                    return allowed.Error!;
                }

                events.Add(found.Value!);
            }

            var survivor = events[0];
            if (events.Any(e => e.Family != survivor.Family))
            {
                return new DomainError("monitoring.merge-families-differ",
                    "Only events of one family of type (fire, illumination, weapons present, movement, casualties, restrictions) can be merged.",
                    ErrorKind.RuleViolation, "events");
            }

            var now = time.GetUtcNow().UtcDateTime;
            var ids = events.Select(e => e.Id).ToList();
            var members = await db.Observations.IgnoreQueryFilters().Where(o => o.EventId != null && ids.Contains(o.EventId.Value)).ToListAsync(cancellationToken);
            var who = EventVerification.DeciderOf(db);
            var label = events.Select(e => e.Label).Aggregate(AuditLabels.Join);
            var merged = events.Skip(1).Select(e => e.Id).ToList();
            foreach (var o in members.Where(o => o.EventId != survivor.Id))
            {
                o.PlaceByHand(survivor.Id);
            }

            foreach (var gone in events.Skip(1))
            {
                db.EventDecisions.Add(survivor.RecordRestructure(EventAction.Merge, gone.Id, reason.Value!, who, now));
                db.EventDecisions.Add(gone.RecordRestructure(EventAction.MergedInto, survivor.Id, reason.Value!, who, now));
                gone.MarkMergedInto(survivor.Id, now);
            }

            survivor.Summarise(members, now, oblasts.IsoAt);
            db.AppendAudit(db.AuditTrail.Event("monitoring.events.merged", "MonitoringEvent", survivor.Id.ToString(), new
            {
                merged,
                observations = members.Count,
                reason = reason.Value,
            }, label));
            var saved = await EventVerification.SaveAsync(db, survivor.Id, cancellationToken);
            return saved.IsSuccess ? (survivor, merged) : saved.Error!;
        }, cancellationToken);
    }
}
