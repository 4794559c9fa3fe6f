using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Features.Actions;

/// <summary><c>GET /actions</c>: action items the caller may see, filtered, soonest due first, paged.</summary>
public static class ListActionItems
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/actions", HandleAsync)
            .RequireAuthorization()
            .WithName("ListActionItems")
            .WithSummary("List action items")
            .WithDescription("Action items released to you, filtered by owner member, status, overdue, due range and origin, soonest due first. The total counts only what you may see.");

    public static async Task<Results<Ok<Paged<ActionItemSummary>>, ProblemHttpResult>> HandleAsync(
        [AsParameters] ActionFilter filter, [AsParameters] PageRequest page, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(catalog);
        if (filter.Check() is { } error)
        {
            return error.ToProblem();
        }

        var today = time.Today();
        var policy = catalog.Current;
        var result = await filter.Apply(db.ActionItems.AsNoTracking(), today)
            .OrderBy(a => a.DueOn).ThenBy(a => a.Id)
            .ToPagedAsync(page, a => ActionViews.Summary(a, policy, today), cancellationToken);
        return TypedResults.Ok(result);
    }
}
