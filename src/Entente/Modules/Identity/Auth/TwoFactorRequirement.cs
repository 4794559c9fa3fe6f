using System.Security.Claims;
using Entente.Modules.Identity.Domain;

namespace Entente.Modules.Identity.Auth;

/// <summary>
/// The rule that Administrators and Secretariat staff act only after a second factor. A session that signed in with a
/// password alone may reach the account pages to enrol, but may not do anything that would let it escape the rule,
/// such as issuing an API token (which bypasses the cookie check).
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

    public static bool AppliesTo(IEnumerable<string> roles) => roles.Any(Roles.RequiringTwoFactor.Contains);

    /// <summary>True when the session signed in with a second factor (RFC 8176 <c>amr=mfa</c>).</summary>
    public static bool HasSecondFactor(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.HasClaim(EntenteClaims.Amr, MultiFactor);
    }
}
