using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Forces.Features.Offers;

/// <summary><c>GET /offers/{id}</c>: one offer with its caveats, conditions and readiness; 404 when the caller may not see it.</summary>
public static class GetOffer
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/offers/{id:guid}", HandleAsync)
            .RequireAuthorization()
            .WithName("GetOffer")
            .WithSummary("Get a national offer")
            .WithDescription("The offer with its structured caveats, its conditions, its readiness plan and the readiness levels it reached (who recorded them, when).")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<OfferDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var offer = await OfferAccess.FindAsync(db, id, track: false, cancellationToken);
        return offer is null ? OfferAccess.OfferNotFound.ToProblem() : TypedResults.Ok(OfferViews.Detail(offer, catalog.Current));
    }
}
