using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Forces.Features.Requirements;

/// <summary><c>GET /requirements/{id}</c>: one requirement line.</summary>
public static class GetRequirement
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/requirements/{id:guid}", HandleAsync)
            .RequireAuthorization()
            .WithName("GetRequirement")
            .WithSummary("Get a requirement line")
            .WithDescription("Everything the line asks for, its status and its current version. A line not released to you answers 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<RequirementDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var line = await RequirementAccess.FindAsync(db, id, track: false, cancellationToken);
        return line is null ? RequirementErrors.NotFound.ToProblem() : TypedResults.Ok(RequirementViews.Detail(line, catalog.Current));
    }
}
