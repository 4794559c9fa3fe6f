using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Identity;
using Entente.Modules.Monitoring.Contracts;
using Entente.Modules.Monitoring.Domain;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Monitoring.Features;

/// <summary>A verification decision on an event.</summary>
public sealed record DecideOnEventRequest
{
    /// <summary><c>underReview</c>, <c>confirmed</c>, <c>notConfirmed</c> or <c>rejected</c>.</summary>
    [StringLength(40)]
    public string? Status { get; init; }

    /// <summary>Why; required, kept in the event's history.</summary>
    [StringLength(EventDecision.MaxReasonLength)]
    public string? Reason { get; init; }

    /// <summary>The version of the event the analyst decided on; a stale version is a 409.</summary>
    public int? ExpectedVersion { get; init; }
}

/// <summary>
/// <c>POST /events/{id}/decisions</c> and <c>GET /events/{id}/decisions</c>: the verification workflow and its history.
/// </summary>
public static class DecideOnEvent
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPost("/events/{id:guid}/decisions", HandleAsync).RequireAuthorization(Policies.VerifyEvents).Idempotent()
            .WithName("DecideOnEvent").WithSummary("Decide on an event")
            .WithDescription("Takes the event under review, confirms it, marks it not confirmed or rejects it, with the reason. Events are taken under review before they are confirmed; a decided event is reopened by taking it under review again. Four eyes: an event of high severity (a zone rule broken with heavy weapons or at scale) or with casualties is confirmed by two different analysts; the first confirmation leaves it awaiting the second. Send the event's version as expectedVersion: a stale one is a 409.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/events/{id:guid}/decisions", GetAsync).WithName("GetEventDecisions").WithSummary("The verification of an event")
            .WithDescription("The event's status, severity, whether it needs two confirmations, and every decision on it with who, when and why.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Ok<VerificationView>, ProblemHttpResult>> GetAsync(
        Guid id, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var view = await EventVerification.QueryAsync(db, id, catalog.Current, cancellationToken);
        return view is null ? Events.NotFound.ToProblem() : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<VerificationView>, ProblemHttpResult>> HandleAsync(
        Guid id, DecideOnEventRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(id, request, db, time, cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var view = await EventVerification.QueryAsync(db, id, catalog.Current, cancellationToken);
        return view is null ? Events.NotFound.ToProblem() : TypedResults.Ok(view);
    }

    public static async Task<Result> ExecuteAsync(Guid id, DecideOnEventRequest request, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        if (ActionOf(request.Status) is not { } action)
        {
            return new DomainError("monitoring.status-unknown",
                $"'{request.Status}' is not a decision: choose underReview, confirmed, notConfirmed or rejected.", ErrorKind.Validation, "status");
        }

        // Inside the ingest's exclusion, so that a batch correlating into this event and the decision never collide.
        var done = await ObservationIngest.ExclusiveAsync<bool>(db, async () =>
        {
            var found = await EventVerification.FindForUpdateAsync(db, id, request.ExpectedVersion, cancellationToken);
            if (!found.IsSuccess)
            {
                return found.Error!;
            }

            var decision = found.Value!.Decide(action, request.Reason, EventVerification.DeciderOf(db), time.GetUtcNow().UtcDateTime);
            if (!decision.IsSuccess)
            {
                return decision.Error!;
            }

            db.EventDecisions.Add(decision.Value!);
            var saved = await EventVerification.SaveAsync(db, id, cancellationToken);
            return saved.IsSuccess ? true : saved.Error!;
        }, cancellationToken);
        return done.IsSuccess ? Result.Success : done.Error!;
    }

    /// <summary>The decision a status names; spelling as in the API (camelCase), also accepted with spaces, dashes or underscores.</summary>
    public static EventAction? ActionOf(string? status) =>
        new string([.. (status ?? "").Where(char.IsAsciiLetter).Select(char.ToLowerInvariant)]) switch
        {
            "underreview" or "review" => EventAction.Review,
            "confirmed" or "confirm" => EventAction.Confirm,
            "notconfirmed" => EventAction.NotConfirm,
            "rejected" or "reject" => EventAction.Reject,
            _ => null,
        };
}
