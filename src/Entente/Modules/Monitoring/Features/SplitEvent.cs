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

/// <summary>Observations of an event that describe another event.</summary>
public sealed record SplitEventRequest
{
    /// <summary>The observations to move to a new event; at least one must stay.</summary>
    public IReadOnlyList<Guid>? ObservationIds { get; init; }

    [StringLength(EventDecision.MaxReasonLength)]
    public string? Reason { get; init; }

    public int? ExpectedVersion { get; init; }
}

public sealed record SplitEventResponse(EventSummary Source, EventSummary Created);

/// <summary>
/// <c>POST /events/{id}/split</c>: an analyst moves observations that describe something else to a new event. The
/// moved observations are placed by hand, so automatic correlation never joins them back; both events are recomputed.
/// </summary>
public static class SplitEvent
{
    public const int MaxObservations = 500;

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/events/{id:guid}/split", HandleAsync).RequireAuthorization(Policies.VerifyEvents).Idempotent()
            .WithName("SplitEvent").WithSummary("Split an event")
            .WithDescription("Moves the named observations to a new event, recorded with the reason in both events' histories. The moved observations are locked: correlation never links them automatically again. Only events that are reported or under review can be split. Send the event's version as expectedVersion.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Created<SplitEventResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, SplitEventRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, OblastIndex oblasts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(id, request, db, time, oblasts, cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var (source, created) = result.Value;
        var policy = catalog.Current;
        return TypedResults.Created($"/api/v1/events/{created.Id}", new SplitEventResponse(MonitoringViews.Summary(source, policy), MonitoringViews.Summary(created, policy)));
    }

    public static async Task<Result<(MonitoringEvent Source, MonitoringEvent Created)>> ExecuteAsync(
        Guid id, SplitEventRequest request, EntenteDbContext db, TimeProvider time, OblastIndex oblasts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(oblasts);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var ids = (request.ObservationIds ?? []).Distinct().ToList();
        if (ids.Count == 0)
        {
            return DomainError.Invalid("observationIds", "Name the observations to move to a new event.");
        }

        if (ids.Count > MaxObservations)
        {
            return DomainError.Invalid("observationIds", $"Move at most {MaxObservations} observations at a time.");
        }

        var reason = EventVerification.Reason(request.Reason);
        if (!reason.IsSuccess)
        {
            return reason.Error!;
        }

        return await ObservationIngest.ExclusiveAsync<(MonitoringEvent Source, MonitoringEvent Created)>(db, async () =>
        {
            var found = await EventVerification.FindForUpdateAsync(db, id, request.ExpectedVersion, cancellationToken);
            if (!found.IsSuccess)
            {
                return found.Error!;
            }

            var source = found.Value!;
            var allowed = source.CanRestructure();
            if (!allowed.IsSuccess)
            {
                return allowed.Error!;
            }

            // The ids are checked under the label filter: an observation the caller may not read is as absent as one of another event.
            var visible = await db.Observations.Where(o => o.EventId == id && ids.Contains(o.Id)).Select(o => o.Id).ToListAsync(cancellationToken);
            if (visible.Count != ids.Count)
            {
                var missing = ids.Except(visible).First();
                return new DomainError("monitoring.observation-not-in-event", $"Observation {missing} is not one of this event's observations.",
                    ErrorKind.RuleViolation, "observationIds");
            }

            // The event's label is the join of all its observations' labels, so a caller who reads it may place every one.
            var members = await db.Observations.IgnoreQueryFilters().Where(o => o.EventId == id).ToListAsync(cancellationToken);
            if (members.Count == ids.Count)
            {
                return new DomainError("monitoring.split-takes-all",
                    "A split leaves at least one observation in the event; to move them all, merge the event into another instead.",
                    ErrorKind.RuleViolation, "observationIds");
            }

            var now = time.GetUtcNow().UtcDateTime;
            var labelBefore = source.Label;
            var created = new MonitoringEvent(source.Family, now);
            db.Events.Add(created);
            var moving = ids.ToHashSet();
            foreach (var o in members.Where(o => moving.Contains(o.Id)))
            {
                o.PlaceByHand(created.Id);
            }

            source.Summarise([.. members.Where(o => o.EventId == id)], now, oblasts.IsoAt);
            created.Summarise([.. members.Where(o => o.EventId == created.Id)], now, oblasts.IsoAt);
            var who = EventVerification.DeciderOf(db);
            db.EventDecisions.Add(source.RecordRestructure(EventAction.Split, created.Id, reason.Value!, who, now));
            db.EventDecisions.Add(created.RecordRestructure(EventAction.SplitFrom, source.Id, reason.Value!, who, now));

            // Events and observations are not audited row by row (they are derived and stored in bulk): this entry is the record.
            db.AppendAudit(db.AuditTrail.Event("monitoring.event.split", "MonitoringEvent", id.ToString(), new
            {
                created = created.Id,
                observations = ids.Order().ToList(),
                reason = reason.Value,
            }, AuditLabels.Join(labelBefore, created.Label)));
            var saved = await EventVerification.SaveAsync(db, id, cancellationToken);
            return saved.IsSuccess ? (source, created) : saved.Error!;
        }, cancellationToken);
    }
}
