using System.Security.Claims;
using Entente.Modules.Identity.Domain;

namespace Entente.Infrastructure.Security;

/// <summary>
/// Who may write a member's records (its pledges, offers, action items): the coalition's staff for any member, a
/// delegate for its own member only. Labels decide what a caller may read; this decides on whose behalf it may write.
/// </summary>
public static class MemberAccess
{
    /// <summary>The Secretariat and administrators: they keep the coalition's records and act for any member.</summary>
    public static bool IsStaff(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Secretariat);
    }

    /// <summary>True for the platform itself and the staff; for a delegate only when <paramref name="member"/> is its own.</summary>
    public static bool MayActFor(ClaimsPrincipal user, Caller caller, string member)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Scope.IsSystem || IsStaff(user))
        {
            return true;
        }

        return user.IsInRole(Roles.Delegate) && caller.Member is not null && string.Equals(caller.Member, member, StringComparison.Ordinal);
    }
}
