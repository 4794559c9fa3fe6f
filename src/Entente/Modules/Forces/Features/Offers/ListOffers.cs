using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Forces.Features.Offers;

/// <summary><c>GET /offers</c>: offers the caller may see, filtered, by member then capability, paged.</summary>
public static class ListOffers
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/offers", HandleAsync)
            .RequireAuthorization()
            .WithName("ListOffers")
            .WithSummary("List national offers")
            .WithDescription("Offers released to you, filtered by member, capability, component, readiness level and status. The total counts only what you may see.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    public static async Task<Results<Ok<Paged<OfferSummary>>, ProblemHttpResult>> HandleAsync(
        [AsParameters] OfferFilter filter, [AsParameters] PageRequest page, EntenteDbContext db, ISecurityPolicyCatalog catalog,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(catalog);
        if (filter.Check() is { } error)
        {
            return error.ToProblem();
        }

        var policy = catalog.Current;
        var result = await filter.Apply(db.Offers.AsNoTracking().Include(o => o.Conditions))
            .OrderBy(o => o.MemberCode).ThenBy(o => o.Capability).ThenBy(o => o.Id)
            .ToPagedAsync(page, o => OfferViews.Summary(o, policy), cancellationToken);
        return TypedResults.Ok(result);
    }
}
