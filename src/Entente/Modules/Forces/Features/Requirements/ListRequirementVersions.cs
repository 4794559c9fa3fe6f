using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Forces.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Forces.Features.Requirements;

/// <summary><c>GET /requirements/{id}/versions</c>: the line's history, newest first.</summary>
public static class ListRequirementVersions
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/requirements/{id:guid}/versions", HandleAsync)
            .RequireAuthorization()
            .WithName("ListRequirementVersions")
            .WithSummary("List a requirement line's versions")
            .WithDescription("Every version of the line, newest first: what happened (created, revised, withdrawn), who, when, why, the fields that changed, and the whole line as it then stood. A line not released to you answers 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<IReadOnlyList<RequirementVersionView>>, ProblemHttpResult>> HandleAsync(
        Guid id, EntenteDbContext db, CancellationToken cancellationToken)
    {
        var line = await RequirementAccess.FindAsync(db, id, track: false, cancellationToken);
        if (line is null)
        {
            return RequirementErrors.NotFound.ToProblem();
        }

        IReadOnlyList<RequirementVersionView> versions = [.. line.Versions.OrderByDescending(v => v.Number).Select(RequirementViews.Version)];
        return TypedResults.Ok(versions);
    }
}
