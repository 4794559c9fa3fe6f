using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Summits.Features.Actions;

/// <summary><c>GET /actions/{id}</c>: one action item with its status history and notes; 404 when the caller may not see it.</summary>
public static class GetActionItem
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/actions/{id:guid}", HandleAsync)
            .RequireAuthorization()
            .WithName("GetActionItem")
            .WithSummary("Get an action item")
            .WithDescription("The action item with its status history (who, when, why) and its progress notes.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<ActionItemDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var item = await ActionAccess.FindAsync(db, id, track: false, cancellationToken);
        return item is null
            ? ActionAccess.ActionNotFound.ToProblem()
            : TypedResults.Ok(ActionViews.Detail(item, catalog.Current, time.Today()));
    }
}
