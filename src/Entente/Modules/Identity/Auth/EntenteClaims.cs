using System.Security.Claims;

namespace Entente.Modules.Identity.Auth;

/// <summary>Claim types the platform adds to a signed-in principal.</summary>
public static class EntenteClaims
{
    public const string Member = "entente:member";
    public const string Clearance = "entente:clearance";
    public const string DisplayName = "entente:display-name";

    /// <summary><c>cookie</c> or <c>token:{id}</c>.</summary>
    public const string AuthenticationMethod = "entente:auth";

    /// <summary>Authentication method reference (RFC 8176) that ASP.NET Core Identity sets: <c>pwd</c> or <c>mfa</c>.</summary>
    public const string Amr = "amr";

    public static Guid? UserId(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
    }
}
