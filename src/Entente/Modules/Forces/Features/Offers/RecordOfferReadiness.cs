using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Forces.Features.Offers;

/// <summary>A readiness level the offer reached, on a day; a move down says why.</summary>
public sealed record RecordOfferReadinessRequest
{
    [Required]
    public ReadinessLevel? Level { get; init; }

    /// <summary>The day the level was reached; today when absent. Not in the future.</summary>
    public DateOnly? ReachedOn { get; init; }

    [StringLength(Offer.MaxReasonLength)]
    public string? Reason { get; init; }

    /// <summary>The version read; when given and stale, 409.</summary>
    public int? ExpectedVersion { get; init; }
}

/// <summary><c>POST /offers/{id}/readiness</c>: records a move through the UN PCRS levels.</summary>
public static class RecordOfferReadiness
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/offers/{id:guid}/readiness", HandleAsync)
            .RequireAuthorization()
            .Idempotent()
            .WithName("RecordOfferReadiness")
            .WithSummary("Record a readiness move")
            .WithDescription("The offer reached a UN PCRS level (registered, assessed, ready, rapid deployment) on a day. Moves are dated in order and never in the future; a move down needs a reason. Plan steps now reached leave the plan.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<OfferDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, RecordOfferReadinessRequest request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(catalog);
        var found = await OfferAccess.FindForChangeAsync(db, user, id, request.ExpectedVersion, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!.ToProblem();
        }

        var offer = found.Value!;

        if (request.Level is not { } level)
        {
            return DomainError.Invalid("level", "Give the readiness level reached.").ToProblem();
        }

        var today = time.Today();
        var moved = offer.RecordReadiness(level, request.ReachedOn ?? today, request.Reason, ForcesActors.Of(db.Caller), time.UtcNow(), today);
        if (!moved.IsSuccess)
        {
            db.ChangeTracker.Clear();
            return moved.Error!.ToProblem();
        }

        var saved = await OfferAccess.SaveAsync(db, offer, cancellationToken);
        return saved.IsSuccess ? TypedResults.Ok(OfferViews.Detail(offer, catalog.Current)) : saved.Error!.ToProblem();
    }
}
