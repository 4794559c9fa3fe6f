using System.Security.Claims;
using Entente.Modules.Identity.Domain;

namespace Entente.Modules.Identity.Auth;

/// <summary>
/// The rule that Administrators and Secretariat staff act only after a second factor, stated once for every place
/// that enforces or shows it. A session that signed in with a password alone may reach the account pages to enrol,
/// but may not do anything that would let it escape the rule, such as issuing an API token; an API token of a user the
/// rule applies to works only while the user has an authenticator enrolled.
/// </summary>
public static class TwoFactorRequirement
{
    public const string MultiFactor = "mfa";

    /// <summary>True when the user holds a role that requires a second factor.</summary>
    public static bool AppliesTo(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return Roles.RequiringTwoFactor.Any(principal.IsInRole);
    }

    public static bool AppliesTo(IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        return roles.Any(Roles.RequiringTwoFactor.Contains);
    }

    /// <summary>True when a role requires a second factor and the account has none enrolled.</summary>
    public static bool IsMissing(IEnumerable<string> roles, bool twoFactorEnabled) => !twoFactorEnabled && AppliesTo(roles);

    /// <summary>True when a role held by <paramref name="principal"/> requires a second factor and the account has none enrolled.</summary>
    public static bool IsMissing(ClaimsPrincipal principal, bool twoFactorEnabled) => !twoFactorEnabled && AppliesTo(principal);

    /// <summary>True when a browser session may act with full rights: the rule does not apply or it signed in with a second factor.</summary>
    public static bool IsSatisfiedBySession(ClaimsPrincipal principal) => !AppliesTo(principal) || HasSecondFactor(principal);

    /// <summary>True when the session signed in with a second factor (RFC 8176 <c>amr=mfa</c>).</summary>
    public static bool HasSecondFactor(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.HasClaim(EntenteClaims.Amr, MultiFactor);
    }
}
