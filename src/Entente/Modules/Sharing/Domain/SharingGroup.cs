using Entente.Infrastructure.Problems;

namespace Entente.Modules.Sharing.Domain;

/// <summary>
/// A named group of members. A label that names a sharing group releases the record only to members of the
/// group (in addition to the classification and releasability rules).
/// </summary>
/// <remarks>
/// Invariants kept here: the owner is always a member, and always one who may extend the group; a member appears
/// once; only the owner renames the group, hides its member list, removes others, grants the right to extend and
/// hands ownership on; a member who may extend adds members but cannot pass that right on; a member may leave, the
/// owner only after handing ownership to another member (a group never loses its owner).
/// Visibility (see <see cref="CanSee"/> and <see cref="SeesMemberList"/>) is need-to-know: members see the group,
/// nobody else does (administrators excepted, for support). With <see cref="HideMembers"/>, members who may neither
/// own nor extend the group see its name and their own membership only — not the other members, not their number.
/// </remarks>
public sealed class SharingGroup
{
    public const int MaxNameLength = 120;
    public const int MaxDescriptionLength = 2000;

    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>The member that owns the group and decides who may extend it.</summary>
    public string OwnerMember { get; set; } = "";

    /// <summary>When true, members of the group other than its owner and extenders see the group's name but not who else is in it, nor how many.</summary>
    public bool HideMembers { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    public List<SharingGroupMember> Members { get; set; } = [];

    /// <summary>A new group owned by <paramref name="owner"/>, which becomes its first member (one that may extend it).</summary>
    public static Result<SharingGroup> Create(string name, string? description, string owner, bool hideMembers, DateTime now)
    {
        var named = CheckName(name);
        if (named.Error is not null)
        {
            return named.Error;
        }

        var described = CheckDescription(description);
        if (described.Error is not null)
        {
            return described.Error;
        }

        var code = owner.Trim().ToUpperInvariant();
        var group = new SharingGroup
        {
            Id = Guid.NewGuid(),
            Name = named.Value!,
            Description = described.Value,
            OwnerMember = code,
            HideMembers = hideMembers,
            CreatedAt = now,
        };
        group.Members.Add(new SharingGroupMember { GroupId = group.Id, MemberCode = code, CanExtend = true, AddedAt = now });
        return group;
    }

    public SharingGroupMember? MembershipOf(string? member) =>
        member is null ? null : Members.FirstOrDefault(m => m.MemberCode == member);

    public bool IsOwner(string? member) => member is not null && member == OwnerMember;

    /// <summary>Whether <paramref name="member"/> may add members: the owner, or a member given the right to extend.</summary>
    public bool MayExtend(string? member) => MembershipOf(member) is { CanExtend: true };

    /// <summary>Members see the group; administrators see every group (support); nobody else learns it exists.</summary>
    public bool CanSee(string? member, bool isAdministrator) => isAdministrator || MembershipOf(member) is not null;

    /// <summary>
    /// Whether the member list (and its size) is shown: always when the list is not hidden; with hidden members only to
    /// the owner, to members who may extend (they must know whom they add) and to administrators.
    /// </summary>
    public bool SeesMemberList(string? member, bool isAdministrator) =>
        !HideMembers || isAdministrator || MayExtend(member);

    /// <summary>Renames, describes and hides or shows the member list; the owner only.</summary>
    public Result Revise(string actor, string name, string? description, bool hideMembers)
    {
        if (!IsOwner(actor))
        {
            return SharingErrors.GroupOwnerOnly;
        }

        var named = CheckName(name);
        if (named.Error is not null)
        {
            return named.Error;
        }

        var described = CheckDescription(description);
        if (described.Error is not null)
        {
            return described.Error;
        }

        Name = named.Value!;
        Description = described.Value;
        HideMembers = hideMembers;
        return Result.Success;
    }

    /// <summary>
    /// Adds <paramref name="member"/>, or (the owner only) changes whether an existing member may extend the group.
    /// The owner and members who may extend add members; only the owner grants the right to extend.
    /// </summary>
    public Result<SharingGroupMember> AddMember(string actor, string member, bool canExtend, DateTime now)
    {
        if (!MayExtend(actor))
        {
            return SharingErrors.GroupExtendForbidden;
        }

        if (canExtend && !IsOwner(actor))
        {
            return SharingErrors.GroupGrantOwnerOnly;
        }

        var code = member.Trim().ToUpperInvariant();
        if (MembershipOf(code) is { } existing)
        {
            if (!IsOwner(actor))
            {
                return SharingErrors.GroupAlreadyMember(code);
            }

            if (code == OwnerMember && !canExtend)
            {
                return SharingErrors.GroupOwnerAlwaysExtends;
            }

            existing.CanExtend = canExtend;
            return existing;
        }

        var added = new SharingGroupMember { GroupId = Id, MemberCode = code, CanExtend = canExtend, AddedAt = now };
        Members.Add(added);
        return added;
    }

    /// <summary>The owner removes any other member; any member may leave; the owner leaves only after handing ownership on.</summary>
    public Result<SharingGroupMember> RemoveMember(string actor, string member)
    {
        var code = member.Trim().ToUpperInvariant();
        var membership = MembershipOf(code);
        if (code != actor && !IsOwner(actor))
        {
            return SharingErrors.GroupOwnerOnly;
        }

        if (membership is null)
        {
            return SharingErrors.GroupNotAMember(code);
        }

        if (code == OwnerMember)
        {
            return SharingErrors.GroupOwnerCannotLeave;
        }

        Members.Remove(membership);
        return membership;
    }

    /// <summary>Hands ownership to another member of the group, which may then extend it; the former owner stays a member that may extend.</summary>
    public Result TransferOwnership(string actor, string newOwner)
    {
        if (!IsOwner(actor))
        {
            return SharingErrors.GroupOwnerOnly;
        }

        var code = newOwner.Trim().ToUpperInvariant();
        if (MembershipOf(code) is not { } membership)
        {
            return SharingErrors.GroupNotAMember(code);
        }

        if (code == OwnerMember)
        {
            return SharingErrors.GroupAlreadyOwner;
        }

        membership.CanExtend = true;
        OwnerMember = code;
        return Result.Success;
    }

    private static Result<string> CheckName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > MaxNameLength)
        {
            return DomainError.Invalid("name", $"Give the group a name of 1 to {MaxNameLength} characters.");
        }

        return trimmed;
    }

    private static Result<string?> CheckDescription(string? description)
    {
        var trimmed = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (trimmed is { Length: > MaxDescriptionLength })
        {
            return DomainError.Invalid("description", $"A description has at most {MaxDescriptionLength} characters.");
        }

        return trimmed;
    }
}

public sealed class SharingGroupMember
{
    public Guid GroupId { get; set; }

    public string MemberCode { get; set; } = "";

    /// <summary>Whether this member may add other members to the group (never grant that right: the owner does).</summary>
    public bool CanExtend { get; set; }

    /// <summary>UTC.</summary>
    public DateTime AddedAt { get; set; }
}
