using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Forces.Features.Requirements;

/// <summary><c>GET /requirements</c>: the statement of requirements the caller may see, filtered, in code order, paged.</summary>
public static class ListRequirements
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/requirements", HandleAsync)
            .RequireAuthorization()
            .WithName("ListRequirements")
            .WithSummary("List requirement lines")
            .WithDescription("The lines of the statement of requirements released to you, filtered by component, capability, priority, sector and status (active by default; withdrawn or all), in code order. The total counts only what you may see.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    public static async Task<Results<Ok<Paged<RequirementSummary>>, ProblemHttpResult>> HandleAsync(
        [AsParameters] RequirementFilter filter, [AsParameters] PageRequest page, EntenteDbContext db, ISecurityPolicyCatalog catalog,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var checkedFilter = filter.Check();
        if (!checkedFilter.IsSuccess)
        {
            return checkedFilter.Error!.ToProblem();
        }

        var policy = catalog.Current;
        var result = await CheckedRequirementFilter.Order(checkedFilter.Value!.Apply(db.RequirementLines.AsNoTracking()))
            .ToPagedAsync(page, l => RequirementViews.Summary(l, policy), cancellationToken);
        return TypedResults.Ok(result);
    }
}
