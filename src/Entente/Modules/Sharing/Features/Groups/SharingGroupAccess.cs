using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Sharing.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Sharing.Features.Groups;

/// <summary>A member of a group as shown to those allowed to see the member list.</summary>
public sealed record SharingGroupMemberView(string MemberCode, bool CanExtend, bool IsOwner, DateTime AddedAt);

/// <summary>
/// A sharing group as the caller may see it. <see cref="Members"/>, <see cref="MemberCount"/> and
/// <see cref="OwnerMember"/> are null when the group hides its members from the caller (a member that neither owns nor
/// extends the group): such a member learns the group's name and its own membership, not who else is in it nor how many.
/// </summary>
public sealed record SharingGroupView(
    Guid Id,
    string Name,
    string? Description,
    bool HideMembers,
    string? OwnerMember,
    SharingGroupMemberView? YourMembership,
    int? MemberCount,
    IReadOnlyList<SharingGroupMemberView>? Members,
    DateTime CreatedAt);

/// <summary>Finding a group for the caller, who acts on it, and what the caller sees of it.</summary>
public static class SharingGroupAccess
{
    public const string EntityType = "sharing_groups";

    public static bool IsAdministrator(ClaimsPrincipal user) => user.IsInRole(Roles.Administrator);

    /// <summary>Roles that manage groups for their member (others may only read the groups their member is in).</summary>
    public static bool MayManage(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Delegate) || user.IsInRole(Roles.Secretariat) || user.IsInRole(Roles.Administrator);

    /// <summary>The group if the caller may see it (its member belongs to it, or an administrator); null otherwise.</summary>
    public static async Task<SharingGroup?> FindAsync(EntenteDbContext db, ClaimsPrincipal user, Guid id, bool track, CancellationToken cancellationToken)
    {
        var query = db.SharingGroups.Include(g => g.Members).AsQueryable();
        if (!track)
        {
            query = query.AsNoTracking();
        }

        var group = await query.FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        return group is not null && group.CanSee(db.Caller.Member, IsAdministrator(user)) ? group : null;
    }

    /// <summary>
    /// The group to change and the member acting on it, or the refusal (recorded in the audit chain): 404 when the
    /// caller may not see the group, 403 when its role manages no group or it acts for no member.
    /// </summary>
    public static async Task<Result<(SharingGroup Group, string Actor)>> ForChangeAsync(
        EntenteDbContext db, ClaimsPrincipal user, Guid id, string action, CancellationToken cancellationToken)
    {
        var group = await FindAsync(db, user, id, track: true, cancellationToken);
        if (group is null)
        {
            return await SharingAudit.RefusedAsync(db, EntityType, id, SharingErrors.GroupNotFound, action, null, cancellationToken);
        }

        if (!MayManage(user) || db.Caller.Member is not { } actor)
        {
            return await SharingAudit.RefusedAsync(db, EntityType, id, SharingErrors.GroupActorRequired, action, null, cancellationToken);
        }

        return (group, actor);
    }

    public static SharingGroupView View(SharingGroup group, string? member, bool isAdministrator)
    {
        var own = group.MembershipOf(member);
        var seesList = group.SeesMemberList(member, isAdministrator);
        SharingGroupMemberView Of(SharingGroupMember m) => new(m.MemberCode, m.CanExtend, m.MemberCode == group.OwnerMember, m.AddedAt);
        return new SharingGroupView(
            group.Id,
            group.Name,
            group.Description,
            group.HideMembers,
            seesList ? group.OwnerMember : null,
            own is null ? null : Of(own),
            seesList ? group.Members.Count : null,
            seesList ? [.. group.Members.OrderBy(m => m.MemberCode, StringComparer.Ordinal).Select(Of)] : null,
            group.CreatedAt);
    }

    /// <summary>Whether <paramref name="code"/> names a member the caller can see (through the label filter).</summary>
    public static Task<bool> IsKnownMemberAsync(EntenteDbContext db, string? code, CancellationToken cancellationToken)
    {
        var normalised = code?.Trim().ToUpperInvariant() ?? "";
        return normalised.Length is 0 or > 8
            ? Task.FromResult(false)
            : db.Members.AsNoTracking().AnyAsync(m => m.Code == normalised, cancellationToken);
    }
}
