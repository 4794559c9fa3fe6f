using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;

namespace Entente.Modules.Sharing.Domain;

public enum ReleaseStatus
{
    Pending,
    Approved,
    Rejected,
    Withdrawn,
}

/// <summary>
/// A request to release a record more widely: a wider releasability (more members, every member, no sharing group)
/// and/or a lower classification or TLP marking. It carries the record's label as it was when requested
/// (<see cref="Label"/>, which is also the request's own label: only those who may read the record see the request)
/// and the proposed label.
/// </summary>
/// <remarks>
/// Invariants: only a releaser of the record's originating member whose clearance covers the record approves;
/// never the requester; each releaser once. A request on a record above <see cref="ClassificationLevels.Confidential"/>
/// needs <see cref="RequiredApprovals"/> = 2 distinct approvals (four eyes) before it applies; one approval otherwise.
/// The final approval relabels the record in the same save as the approval, so the audit chain holds the request,
/// each approval and the label change together. A request whose record's label changed since is stale and cannot be
/// approved. Decided and withdrawn requests do not change again.
/// </remarks>
public sealed class ReleaseRequest : ILabelled
{
    public const int MaxJustificationLength = 4000;
    public const int MaxReasonLength = 2000;

    public Guid Id { get; set; }

    /// <summary>The record kind (<see cref="LabelledRecords"/>), for example <c>offer</c>.</summary>
    public string RecordKind { get; set; } = "";

    public Guid RecordId { get; set; }

    /// <summary>The record's title when the release was requested.</summary>
    public string RecordTitle { get; set; } = "";

    /// <summary>The page that shows the record, if its kind has one.</summary>
    public string? RecordPath { get; set; }

    /// <summary>The record's label when the release was requested; the request is read under it.</summary>
    public Label Label { get; set; } = Label.Public;

    /// <summary>The label the record gets once the release is approved.</summary>
    public Label Proposed { get; set; } = Label.Public;

    public string Justification { get; set; } = "";

    public ReleaseStatus Status { get; set; }

    public int RequiredApprovals { get; set; }

    public Guid RequestedBy { get; set; }

    public string RequestedByName { get; set; } = "";

    public string? RequestedByMember { get; set; }

    /// <summary>UTC.</summary>
    public DateTime RequestedAt { get; set; }

    public string? DecidedByName { get; set; }

    /// <summary>UTC.</summary>
    public DateTime? DecidedAt { get; set; }

    /// <summary>Why it was rejected.</summary>
    public string? DecisionReason { get; set; }

    public List<ReleaseApproval> Approvals { get; set; } = [];

    /// <summary>Approvals a record of this classification needs: two distinct releasers above CONFIDENTIAL.</summary>
    public static int ApprovalsFor(int classification) => classification > ClassificationLevels.Confidential ? 2 : 1;

    /// <summary>
    /// A pending request to give the record <paramref name="proposed"/> instead of <paramref name="current"/>.
    /// The proposal keeps the record's originator and policy and must widen or lower something.
    /// </summary>
    public static Result<ReleaseRequest> Open(
        string kind, Guid recordId, string title, Label current, Label proposed, string? justification,
        Guid requester, string requesterName, string? requesterMember, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(proposed);
        var why = justification?.Trim() ?? "";
        if (why.Length == 0)
        {
            return SharingErrors.JustificationRequired;
        }

        if (why.Length > MaxJustificationLength)
        {
            return DomainError.Invalid("justification", $"A justification has at most {MaxJustificationLength} characters.");
        }

        if (current.Originator is null)
        {
            return SharingErrors.NoOriginator;
        }

        if (proposed.Originator != current.Originator || proposed.Policy != current.Policy)
        {
            return SharingErrors.OriginatorChange;
        }

        // Anything the current label allows and the proposal forbids is a narrowing; a release must open something.
        if (proposed == current || proposed.IsAtLeastAsRestrictiveAs(current))
        {
            return SharingErrors.NotWider;
        }

        return new ReleaseRequest
        {
            Id = Guid.NewGuid(),
            RecordKind = kind,
            RecordId = recordId,
            RecordTitle = title.Length > 200 ? title[..200] : title,
            Label = current,
            Proposed = proposed,
            Justification = why,
            Status = ReleaseStatus.Pending,
            RequiredApprovals = ApprovalsFor(current.Classification),
            RequestedBy = requester,
            RequestedByName = requesterName,
            RequestedByMember = requesterMember,
            RequestedAt = now,
        };
    }

    /// <summary>
    /// Whether <paramref name="approver"/> may decide this request: a releaser (<paramref name="isReleaser"/>) of the
    /// originating member, cleared for the record, who did not request it. Checked before approving or rejecting.
    /// </summary>
    public Result CheckDecider(Guid approver, string? approverMember, bool isReleaser, int clearance)
    {
        if (Status != ReleaseStatus.Pending)
        {
            return SharingErrors.NotPending;
        }

        if (approver == RequestedBy)
        {
            return SharingErrors.SelfApproval;
        }

        if (!isReleaser || approverMember is null || approverMember != Label.Originator)
        {
            return SharingErrors.NotReleaser;
        }

        return clearance < Label.Classification ? SharingErrors.ClearanceTooLow : Result.Success;
    }

    /// <summary>
    /// Records an approval. Returns true when it is the last one needed: the caller then relabels the record with
    /// <see cref="Proposed"/> in the same save. <paramref name="currentRecordLabel"/> is the record's label now (null when the approver can no longer read the record: its label moved on).
    /// </summary>
    public Result<bool> Approve(Guid approver, string approverName, string? approverMember, bool isReleaser, int clearance, Label? currentRecordLabel, DateTime now)
    {
        var decider = CheckDecider(approver, approverMember, isReleaser, clearance);
        if (decider.Error is not null)
        {
            return decider.Error;
        }

        if (Approvals.Any(a => a.UserId == approver))
        {
            return SharingErrors.AlreadyApproved;
        }

        if (currentRecordLabel is null || currentRecordLabel != Label)
        {
            return SharingErrors.Stale;
        }

        Approvals.Add(new ReleaseApproval
        {
            Id = Guid.NewGuid(), RequestId = Id, UserId = approver, UserName = approverName, MemberCode = approverMember!, ApprovedAt = now,
        });
        if (Approvals.Count < RequiredApprovals)
        {
            return false;
        }

        Status = ReleaseStatus.Approved;
        DecidedByName = approverName;
        DecidedAt = now;
        return true;
    }

    public Result Reject(Guid approver, string approverName, string? approverMember, bool isReleaser, int clearance, string? reason, DateTime now)
    {
        var decider = CheckDecider(approver, approverMember, isReleaser, clearance);
        if (decider.Error is not null)
        {
            return decider.Error;
        }

        var why = reason?.Trim() ?? "";
        if (why.Length == 0 || why.Length > MaxReasonLength)
        {
            return SharingErrors.ReasonRequired;
        }

        Status = ReleaseStatus.Rejected;
        DecidedByName = approverName;
        DecidedAt = now;
        DecisionReason = why;
        return Result.Success;
    }

    public Result Withdraw(Guid user, string userName, DateTime now)
    {
        if (Status != ReleaseStatus.Pending)
        {
            return SharingErrors.NotPending;
        }

        if (user != RequestedBy)
        {
            return SharingErrors.RequesterOnly;
        }

        Status = ReleaseStatus.Withdrawn;
        DecidedByName = userName;
        DecidedAt = now;
        return Result.Success;
    }
}

/// <summary>One releaser's approval of a release request.</summary>
public sealed class ReleaseApproval
{
    public Guid Id { get; set; }

    public Guid RequestId { get; set; }

    public Guid UserId { get; set; }

    public string UserName { get; set; } = "";

    public string MemberCode { get; set; } = "";

    /// <summary>UTC.</summary>
    public DateTime ApprovedAt { get; set; }
}
