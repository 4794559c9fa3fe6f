using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Identity.Auth;

/// <summary>
/// Who may issue an API token for themselves: only a person signed in to a browser session that has chosen its own
/// password and, where a role requires it, signed in with a second factor. A token is a credential that outlives the
/// session and is not confined to the account pages, so neither an API token (which would let a leaked token renew
/// itself indefinitely) nor a session still confined to the account pages may mint one. The API and the account page
/// both ask here.
/// </summary>
public static class TokenIssuance
{
    /// <summary>Null when <paramref name="principal"/> may issue a token, otherwise why not (403).</summary>
    public static async Task<DomainError?> RefusalAsync(ClaimsPrincipal principal, EntenteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(db);
        if (principal.Identity?.IsAuthenticated != true || principal.UserId() is not { } userId)
        {
            return new DomainError("forbidden", "Sign in to issue tokens.", ErrorKind.Forbidden);
        }

        if (!IsCookieSession(principal))
        {
            return new DomainError("identity.token-cannot-issue-tokens",
                "An API token cannot issue tokens: sign in with your password to issue one.", ErrorKind.Forbidden);
        }

        if (await db.Users.AnyAsync(u => u.Id == userId && u.PasswordChangeRequired, cancellationToken))
        {
            return new DomainError("password-change-required", "Choose your own password before issuing tokens.", ErrorKind.Forbidden);
        }

        if (TwoFactorRequirement.AppliesTo(principal) && !TwoFactorRequirement.HasSecondFactor(principal))
        {
            return new DomainError("two-factor-required", "Enrol an authenticator and sign in with it before issuing tokens.", ErrorKind.Forbidden);
        }

        return null;
    }

    /// <summary>True for a browser session; false for an API token (which marks its principal with its id).</summary>
    public static bool IsCookieSession(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.FindFirstValue(EntenteClaims.AuthenticationMethod) is null;
    }
}
