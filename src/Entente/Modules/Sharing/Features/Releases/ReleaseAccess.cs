using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Sharing.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Sharing.Features.Releases;

public sealed record ReleaseApprovalView(string UserName, string MemberCode, DateTime ApprovedAt);

/// <summary>A release request as those who may read its record see it.</summary>
public sealed record ReleaseView(
    Guid Id,
    string RecordKind,
    Guid RecordId,
    string RecordTitle,
    string? RecordPath,
    string Status,
    LabelView Current,
    LabelView Proposed,
    string Justification,
    int RequiredApprovals,
    IReadOnlyList<ReleaseApprovalView> Approvals,
    string RequestedBy,
    string? RequestedByMember,
    DateTime RequestedAt,
    string? DecidedBy,
    DateTime? DecidedAt,
    string? DecisionReason,
    bool YouMayDecide,
    bool YouMayWithdraw);

/// <summary>Finding release requests through the label filter and showing them.</summary>
public static class ReleaseAccess
{
    public const string EntityType = "sharing_release_requests";

    public const string VisibilityRule =
        "A release request is labelled with its record's label as it was when requested: only those who may read the record see, list or count it; " +
        "to everyone else it does not exist (404). Approvers are releasers (role Releaser) of the record's originating member cleared for its classification; " +
        "the requester never approves; above CONFIDENTIAL two distinct releasers must approve before the new label applies.";

    /// <summary>The request through the caller's label filter, with its approvals; null when it does not exist for the caller.</summary>
    public static Task<ReleaseRequest?> FindAsync(EntenteDbContext db, Guid id, bool track, CancellationToken cancellationToken)
    {
        var query = db.ReleaseRequests.Include(r => r.Approvals).AsQueryable();
        return (track ? query : query.AsNoTracking()).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    public static bool IsReleaser(ClaimsPrincipal user) => user.IsInRole(Roles.Releaser);

    /// <summary>Pending requests the caller may approve: its member originated the record, it is a releaser, did not ask and did not approve yet.</summary>
    public static IQueryable<ReleaseRequest> QueueOf(EntenteDbContext db, ClaimsPrincipal user)
    {
        var member = db.Caller.Member;
        var userId = db.Caller.UserId ?? Guid.Empty;
        if (!IsReleaser(user) || member is null)
        {
            return db.ReleaseRequests.Where(_ => false);
        }

        return db.ReleaseRequests.Where(r => r.Status == ReleaseStatus.Pending
            && r.Label.Originator == member
            && r.RequestedBy != userId
            && !r.Approvals.Any(a => a.UserId == userId));
    }

    public static ReleaseView View(ReleaseRequest request, ClaimsPrincipal user, EntenteDbContext db, PolicySnapshot policy)
    {
        var caller = db.Caller;
        var userId = caller.UserId ?? Guid.Empty;
        var mayDecide = request.CheckDecider(userId, caller.Member, IsReleaser(user), caller.Scope.Clearance).IsSuccess
            && request.Approvals.All(a => a.UserId != userId);
        return new ReleaseView(
            request.Id,
            request.RecordKind,
            request.RecordId,
            request.RecordTitle,
            request.RecordPath,
            request.Status.ToString().ToLowerInvariant(),
            LabelView.From(request.Label, policy),
            LabelView.From(request.Proposed, policy),
            request.Justification,
            request.RequiredApprovals,
            [.. request.Approvals.OrderBy(a => a.ApprovedAt).Select(a => new ReleaseApprovalView(a.UserName, a.MemberCode, a.ApprovedAt))],
            request.RequestedByName,
            request.RequestedByMember,
            request.RequestedAt,
            request.DecidedByName,
            request.DecidedAt,
            request.DecisionReason,
            mayDecide,
            request.Status == ReleaseStatus.Pending && request.RequestedBy == userId);
    }
}
