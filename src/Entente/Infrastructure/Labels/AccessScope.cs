namespace Entente.Infrastructure.Labels;

/// <summary>
/// What a caller may read: its clearance (a classification rank), its member and the sharing groups that member
/// belongs to. Built once per request from the authenticated principal; anonymous by default, so a code path
/// that forgets to establish the caller sees only PUBLIC records.
/// </summary>
public sealed class AccessScope
{
    private AccessScope(bool isSystem, bool isAuthenticated, int clearance, string? member, IReadOnlyList<Guid> sharingGroups)
    {
        IsSystem = isSystem;
        IsAuthenticated = isAuthenticated;
        Clearance = clearance;
        Member = member;
        MemberToken = member is null ? "\u0001" : Label.TokenFor(member);
        SharingGroups = sharingGroups;
    }

    /// <summary>Anonymous callers: PUBLIC records releasable to everyone, outside any sharing group.</summary>
    public static AccessScope Anonymous { get; } = new(false, false, ClassificationLevels.Public, null, []);

    /// <summary>The platform itself (migrations, background jobs, audit verification): no label restriction.</summary>
    public static AccessScope System { get; } = new(true, true, int.MaxValue, null, []);

    public static AccessScope ForUser(int clearance, string? member, IReadOnlyList<Guid> sharingGroups) =>
        new(false, true, Math.Max(clearance, ClassificationLevels.Public), string.IsNullOrWhiteSpace(member) ? null : member.ToUpperInvariant(), sharingGroups);

    public bool IsSystem { get; }

    public bool IsAuthenticated { get; }

    /// <summary>Highest classification rank the caller may read.</summary>
    public int Clearance { get; }

    /// <summary>The caller's member code, if any.</summary>
    public string? Member { get; }

    /// <summary><see cref="Label.TokenFor"/> of <see cref="Member"/>; a value no canonical list contains when there is none.</summary>
    public string MemberToken { get; }

    public IReadOnlyList<Guid> SharingGroups { get; }

    /// <summary>
    /// The label rule evaluated in memory. It must agree with the query filter in
    /// <see cref="Data.EntenteDbContext"/>; a property test checks that they do.
    /// </summary>
    public bool CanRead(Label label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (IsSystem)
        {
            return true;
        }

        return label.Classification <= Clearance
            && (label.ReleasableTo.Length == 0
                || (Member != null && (label.Originator == Member || label.ReleasableTo.Contains(MemberToken, StringComparison.Ordinal))))
            && (label.SharingGroupId == null || SharingGroups.Contains(label.SharingGroupId.Value));
    }
}
