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

/// <summary>Why the member withdraws its offer.</summary>
public sealed record WithdrawOfferRequest
{
    [Required]
    [StringLength(Offer.MaxReasonLength)]
    public string? Reason { get; init; }

    /// <summary>The version read; when given and stale, 409.</summary>
    public int? ExpectedVersion { get; init; }
}

/// <summary><c>POST /offers/{id}/withdraw</c>: withdraws an offer; it then fills no line.</summary>
public static class WithdrawOffer
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/offers/{id:guid}/withdraw", HandleAsync)
            .RequireAuthorization()
            .Idempotent()
            .WithName("WithdrawOffer")
            .WithSummary("Withdraw a national offer")
            .WithDescription("Withdraws the offer for a stated reason. A withdrawn offer is final and fills no requirement line.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Ok<OfferDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, WithdrawOfferRequest request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time,
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

        var withdrawn = offer.Withdraw(request.Reason, ForcesActors.Of(db.Caller), time.UtcNow());
        if (!withdrawn.IsSuccess)
        {
            db.ChangeTracker.Clear();
            return withdrawn.Error!.ToProblem();
        }

        var saved = await OfferAccess.SaveAsync(db, offer, cancellationToken);
        return saved.IsSuccess ? TypedResults.Ok(OfferViews.Detail(offer, catalog.Current)) : saved.Error!.ToProblem();
    }
}
