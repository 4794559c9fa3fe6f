using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;
using Entente.Modules.Identity;
using Entente.Modules.Monitoring.Domain;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Monitoring.Features;

/// <summary>Filters of the analyst queue.</summary>
public sealed record EventQueueQuery
{
    /// <summary><c>reported</c>, <c>underReview</c> or <c>awaitingSecondConfirmation</c>; all three when absent.</summary>
    [StringLength(40)]
    [FromQuery(Name = "status")]
    public string? Status { get; init; }

    /// <summary>A family of type: fire, illumination, weaponPresence, movement, casualties, freedomOfMovement.</summary>
    [StringLength(40)]
    [FromQuery(Name = "family")]
    public string? Family { get; init; }

    [FromQuery(Name = "violation")]
    public bool? Violation { get; init; }

    /// <summary>Events ending at or after this instant.</summary>
    [FromQuery(Name = "from")]
    public DateTimeOffset? From { get; init; }

    /// <summary>Events starting before this instant.</summary>
    [FromQuery(Name = "to")]
    public DateTimeOffset? To { get; init; }
}

/// <summary>An event waiting for an analyst.</summary>
public sealed record QueueItem(EventSummary Event, EventSeverity Severity, bool FourEyesRequired, string? FirstConfirmedBy, DateTime CreatedAt);

/// <summary><c>GET /events/queue</c>: events that wait for a decision, oldest first.</summary>
public static class ListWaitingEvents
{
    public static readonly EventStatus[] Waiting = [EventStatus.Reported, EventStatus.UnderReview, EventStatus.AwaitingSecondConfirmation];

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/events/queue", HandleAsync).RequireAuthorization(Policies.VerifyEvents)
            .WithName("ListEventQueue").WithSummary("The analyst queue")
            .WithDescription("Events released to you that wait for a decision (reported, under review, awaiting a second confirmation), the longest waiting first, filtered by status, family of type, violation and time. Counts include only events you may see.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);

    public static async Task<Results<Ok<Paged<QueueItem>>, ProblemHttpResult>> HandleAsync(
        [AsParameters] EventQueueQuery query, [AsParameters] PageRequest page, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await QueryAsync(db, query, page, catalog.Current, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Result<Paged<QueueItem>>> QueryAsync(
        EntenteDbContext db, EventQueueQuery query, PageRequest page, PolicySnapshot policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        var events = db.Events.AsNoTracking().Where(e => e.MergedInto == null);
        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            if (!EnumText.TryParseRequired<EventStatus>(query.Status, out var status) || !Waiting.Contains(status))
            {
                return new DomainError("monitoring.status-unknown",
                    $"'{query.Status}' is not a status of the queue: choose reported, underReview or awaitingSecondConfirmation.", ErrorKind.Validation, "status");
            }

            events = events.Where(e => e.Status == status);
        }
        else
        {
            events = events.Where(e => Waiting.Contains(e.Status));
        }

        if (!string.IsNullOrWhiteSpace(query.Family))
        {
            if (!EnumText.TryParseRequired<TypeFamily>(query.Family, out var family))
            {
                return new DomainError("monitoring.family-unknown",
                    EnumText.Refusal<TypeFamily>(query.Family, "a family of type"),
                    ErrorKind.Validation, "family");
            }

            events = events.Where(e => e.Family == family);
        }

        if (query.Violation is { } violation)
        {
            events = events.Where(e => e.IsViolation == violation);
        }

        if (query.From is { } from)
        {
            var f = from.UtcDateTime;
            events = events.Where(e => e.EndsAt >= f);
        }

        if (query.To is { } to)
        {
            var t = to.UtcDateTime;
            events = events.Where(e => e.StartsAt < t);
        }

        return await events.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id)
            .ToPagedAsync(page, e => new QueueItem(MonitoringViews.Summary(e, policy), e.Severity, e.NeedsFourEyes, e.FirstConfirmedBy, e.CreatedAt), cancellationToken);
    }
}
