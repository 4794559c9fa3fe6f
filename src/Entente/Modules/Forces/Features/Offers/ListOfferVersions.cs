using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Forces.Features.Offers;

/// <summary><c>GET /offers/{id}/versions</c>: every version of an offer, oldest first; 404 when the caller may not see the offer.</summary>
public static class ListOfferVersions
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/offers/{id:guid}/versions", HandleAsync)
            .RequireAuthorization()
            .WithName("ListOfferVersions")
            .WithSummary("List the versions of an offer")
            .WithDescription("Each change (recorded, revised, readiness, withdrawn) with who made it, when and why, and the whole offer as it stood after it.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<IReadOnlyList<OfferVersionView>>, ProblemHttpResult>> HandleAsync(
        Guid id, EntenteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.Offers.AnyAsync(o => o.Id == id, cancellationToken))
        {
            return OfferAccess.OfferNotFound.ToProblem();
        }

        var versions = await db.OfferVersions.AsNoTracking().Where(v => v.OfferId == id).OrderBy(v => v.Number).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<OfferVersionView>>(versions.Select(OfferViews.Version).ToList());
    }
}
