using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Sharing.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Sharing.Features.Releases;

public sealed record RejectReleaseRequest
{
    [Required]
    [StringLength(ReleaseRequest.MaxReasonLength)]
    public string Reason { get; init; } = "";
}

/// <summary><c>POST /releases/{id}/reject</c>: a releaser of the originating member rejects, with a reason; the record keeps its label.</summary>
public static class RejectRelease
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/releases/{id:guid}/reject", HandleAsync)
            .RequireAuthorization()
            .WithName("RejectRelease")
            .WithSummary("Reject a release request")
            .WithDescription("The same releasers who may approve may reject, with a reason. Every refusal is audited. " + ReleaseAccess.VisibilityRule)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Ok<ReleaseView>, ProblemHttpResult>> HandleAsync(
        Guid id, RejectReleaseRequest request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var rejected = await RejectAsync(id, request.Reason, user, db, time, cancellationToken);
        return rejected.Error is not null
            ? rejected.Error.ToProblem()
            : TypedResults.Ok(ReleaseAccess.View(rejected.Value!, user, db, catalog.Current));
    }

    public static async Task<Result<ReleaseRequest>> RejectAsync(
        Guid id, string? reason, ClaimsPrincipal user, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var release = await ReleaseAccess.FindAsync(db, id, track: true, cancellationToken);
        if (release is null)
        {
            return await SharingAudit.RefusedAsync(db, ReleaseAccess.EntityType, id, SharingErrors.ReleaseNotFound, "reject", null, cancellationToken);
        }

        var caller = db.Caller;
        var outcome = release.Reject(caller.UserId ?? Guid.Empty, caller.ActorName, caller.Member, ReleaseAccess.IsReleaser(user),
            caller.Scope.Clearance, reason, time.GetUtcNow().UtcDateTime);
        if (outcome.Error is not null)
        {
            return await SharingAudit.RefusedAsync(db, ReleaseAccess.EntityType, id, outcome.Error, "reject", release.Label, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return release;
    }
}
