using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Sharing.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Sharing.Features.Releases;

/// <summary><c>POST /releases/{id}/withdraw</c>: the requester withdraws a pending request.</summary>
public static class WithdrawRelease
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/releases/{id:guid}/withdraw", HandleAsync)
            .RequireAuthorization()
            .WithName("WithdrawRelease")
            .WithSummary("Withdraw a release request")
            .WithDescription("The requester only, while the request is pending. " + ReleaseAccess.VisibilityRule)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Ok<ReleaseView>, ProblemHttpResult>> HandleAsync(
        Guid id, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(time);
        var release = await ReleaseAccess.FindAsync(db, id, track: true, cancellationToken);
        if (release is null)
        {
            return (await SharingAudit.RefusedAsync(db, ReleaseAccess.EntityType, id, SharingErrors.ReleaseNotFound, "withdraw", null, cancellationToken)).ToProblem();
        }

        var caller = db.Caller;
        var outcome = release.Withdraw(caller.UserId ?? Guid.Empty, caller.ActorName, time.GetUtcNow().UtcDateTime);
        if (outcome.Error is not null)
        {
            return (await SharingAudit.RefusedAsync(db, ReleaseAccess.EntityType, id, outcome.Error, "withdraw", release.Label, cancellationToken)).ToProblem();
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ReleaseAccess.View(release, user, db, catalog.Current));
    }
}
