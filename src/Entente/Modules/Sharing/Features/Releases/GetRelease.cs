using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Sharing.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Sharing.Features.Releases;

/// <summary><c>GET /releases/{id}</c>: one release request, with its current and proposed labels.</summary>
public static class GetRelease
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/releases/{id:guid}", HandleAsync)
            .RequireAuthorization()
            .WithName("GetRelease")
            .WithSummary("Get a release request")
            .WithDescription(ReleaseAccess.VisibilityRule)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<ReleaseView>, ProblemHttpResult>> HandleAsync(
        Guid id, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var release = await ReleaseAccess.FindAsync(db, id, track: false, cancellationToken);
        return release is null
            ? SharingErrors.ReleaseNotFound.ToProblem()
            : TypedResults.Ok(ReleaseAccess.View(release, user, db, catalog.Current));
    }
}
