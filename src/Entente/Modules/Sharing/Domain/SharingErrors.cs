using Entente.Infrastructure.Problems;

namespace Entente.Modules.Sharing.Domain;

/// <summary>The named errors of sharing groups and release requests; each code is a stable problem type.</summary>
public static class SharingErrors
{
    /// <summary>The same answer whether the group does not exist or the caller's member is not in it.</summary>
    public static readonly DomainError GroupNotFound = new("sharing.group-not-found", "There is no such sharing group.", ErrorKind.NotFound);

    public static readonly DomainError GroupOwnerOnly = new("sharing.group-owner-only",
        "Only the group's owner may do this (a member may still leave the group).", ErrorKind.Forbidden);

    public static readonly DomainError GroupExtendForbidden = new("sharing.group-extend-forbidden",
        "Only the group's owner and members it allowed to extend the group may add members.", ErrorKind.Forbidden);

    public static readonly DomainError GroupGrantOwnerOnly = new("sharing.group-grant-owner-only",
        "Only the group's owner may allow a member to extend the group.", ErrorKind.Forbidden);

    public static readonly DomainError GroupOwnerCannotLeave = new("sharing.group-owner-cannot-leave",
        "The owner cannot leave or be removed: hand ownership to another member first.", ErrorKind.RuleViolation);

    public static readonly DomainError GroupOwnerAlwaysExtends = new("sharing.group-owner-always-extends",
        "The owner always may extend its group.", ErrorKind.RuleViolation);

    public static readonly DomainError GroupAlreadyOwner = new("sharing.group-already-owner",
        "That member already owns the group.", ErrorKind.RuleViolation);

    public static readonly DomainError GroupNameTaken = new("sharing.group-name-taken",
        "A sharing group already has that name.", ErrorKind.Conflict, "name");

    public static readonly DomainError GroupActorRequired = new("sharing.group-no-member",
        "You act for no member, so you cannot own or manage a sharing group.", ErrorKind.Forbidden);

    public static DomainError GroupAlreadyMember(string code) => new("sharing.group-already-member",
        $"{code} is already a member of the group.", ErrorKind.Conflict, "memberCode");

    public static DomainError GroupNotAMember(string code) => new("sharing.group-not-a-member",
        $"{code} is not a member of the group.", ErrorKind.NotFound);

    public static DomainError UnknownMember(string field) => new("sharing.unknown-member",
        "Not a member you can name.", ErrorKind.Validation, field);

    /// <summary>The same answer whether the request does not exist or its record's label keeps it from the caller.</summary>
    public static readonly DomainError ReleaseNotFound = new("sharing.release-not-found", "There is no such release request.", ErrorKind.NotFound);

    public static readonly DomainError RecordNotFound = new("sharing.release-record-not-found",
        "There is no such record (or it is not released to you).", ErrorKind.NotFound);

    public static readonly DomainError JustificationRequired = new("sharing.release-justification-required",
        "Say why the record should be released more widely.", ErrorKind.Validation, "justification");

    public static readonly DomainError NotWider = new("sharing.release-not-wider",
        "The proposed label releases the record to nobody new and lowers nothing: a release must widen its releasability or lower its classification or TLP.",
        ErrorKind.Validation, "label");

    public static readonly DomainError OriginatorChange = new("sharing.release-originator-change",
        "A release cannot change the record's originator or security policy.", ErrorKind.Validation, "label.originator");

    public static readonly DomainError NoOriginator = new("sharing.release-no-originator",
        "The record names no originating member, so no member's releaser can approve a release of it.", ErrorKind.RuleViolation);

    public static readonly DomainError NotPending = new("sharing.release-not-pending",
        "The release request has already been decided or withdrawn.", ErrorKind.Conflict);

    public static readonly DomainError SelfApproval = new("sharing.release-self-approval",
        "You requested this release: someone else must approve it.", ErrorKind.Forbidden);

    public static readonly DomainError AlreadyApproved = new("sharing.release-already-approved",
        "You have already approved this release; a second approval must come from another releaser.", ErrorKind.Conflict);

    public static readonly DomainError NotReleaser = new("sharing.release-not-releaser",
        "Only a releaser of the record's originating member may approve or reject its release.", ErrorKind.Forbidden);

    public static readonly DomainError ClearanceTooLow = new("sharing.release-clearance",
        "Your clearance is below the record's classification.", ErrorKind.Forbidden);

    public static readonly DomainError Stale = new("sharing.release-stale",
        "The record's label has changed since the release was requested: request the release again against its current label.",
        ErrorKind.Conflict);

    public static readonly DomainError RequesterOnly = new("sharing.release-requester-only",
        "Only the user who requested the release may withdraw it.", ErrorKind.Forbidden);

    public static readonly DomainError ReasonRequired = new("sharing.release-reason-required",
        "Say why the release is rejected.", ErrorKind.Validation, "reason");
}
