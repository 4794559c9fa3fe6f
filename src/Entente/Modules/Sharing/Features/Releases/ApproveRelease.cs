using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Sharing.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Sharing.Features.Releases;

/// <summary>
/// <c>POST /releases/{id}/approve</c>: a releaser of the originating member approves; the last approval needed
/// relabels the record in the same save (so the chain holds the approval and the label change together).
/// </summary>
/// <remarks>
/// A releaser of another member who can read the request gets 403 <c>sharing.release-not-releaser</c>, not 404: the
/// request is visible to it under the record's label, so a 404 would hide nothing and only mislead. A caller who
/// cannot read the record gets 404, the same answer as for a request that does not exist.
/// </remarks>
public static class ApproveRelease
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/releases/{id:guid}/approve", HandleAsync)
            .RequireAuthorization()
            .WithName("ApproveRelease")
            .WithSummary("Approve a release request")
            .WithDescription("Releasers of the record's originating member only, cleared for its classification; never the requester, each releaser once. Above CONFIDENTIAL two distinct releasers must approve: the record is relabelled with the second approval. A record whose label changed since the request answers 409 sharing.release-stale. Every refusal is audited. " + ReleaseAccess.VisibilityRule)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Ok<ReleaseView>, ProblemHttpResult>> HandleAsync(
        Guid id, ClaimsPrincipal user, EntenteDbContext db, LabelledRecords records, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(catalog);
        var approved = await ApproveAsync(id, user, db, records, time, cancellationToken);
        return approved.Error is not null
            ? approved.Error.ToProblem()
            : TypedResults.Ok(ReleaseAccess.View(approved.Value!, user, db, catalog.Current));
    }

    public static async Task<Result<ReleaseRequest>> ApproveAsync(
        Guid id, ClaimsPrincipal user, EntenteDbContext db, LabelledRecords records, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(time);
        var release = await ReleaseAccess.FindAsync(db, id, track: true, cancellationToken);
        if (release is null)
        {
            return await SharingAudit.RefusedAsync(db, ReleaseAccess.EntityType, id, SharingErrors.ReleaseNotFound, "approve", null, cancellationToken);
        }

        // The record as it is now, through the caller's filter: gone or no longer readable means its label moved on.
        var record = await records.FindAsync(db, release.RecordKind, release.RecordId, cancellationToken);
        var caller = db.Caller;
        var outcome = release.Approve(caller.UserId ?? Guid.Empty, caller.ActorName, caller.Member, ReleaseAccess.IsReleaser(user),
            caller.Scope.Clearance, record?.Label, time.GetUtcNow().UtcDateTime);
        if (outcome.Error is not null)
        {
            return await SharingAudit.RefusedAsync(db, ReleaseAccess.EntityType, id, outcome.Error, "approve", release.Label, cancellationToken);
        }

        if (outcome.Value && !await records.Of(release.RecordKind)!.RelabelAsync(db, release.RecordId, release.Proposed, cancellationToken))
        {
            return await SharingAudit.RefusedAsync(db, ReleaseAccess.EntityType, id, SharingErrors.Stale, "approve", release.Label, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return release;
    }
}
