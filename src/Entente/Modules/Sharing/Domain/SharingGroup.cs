namespace Entente.Modules.Sharing.Domain;

/// <summary>
/// A named group of members. A label that names a sharing group releases the record only to members of the
/// group (in addition to the classification and releasability rules).
/// </summary>
public sealed class SharingGroup
{
    public const int MaxNameLength = 120;

    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>The member that owns the group and decides who may extend it.</summary>
    public string OwnerMember { get; set; } = "";

    /// <summary>When true, members of the group see the group's name but not who else is in it.</summary>
    public bool HideMembers { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    public List<SharingGroupMember> Members { get; set; } = [];
}

public sealed class SharingGroupMember
{
    public Guid GroupId { get; set; }

    public string MemberCode { get; set; } = "";

    /// <summary>Whether this member may add other members to the group.</summary>
    public bool CanExtend { get; set; }

    /// <summary>UTC.</summary>
    public DateTime AddedAt { get; set; }
}
