using System.Security.Claims;
using System.Text.Encodings.Web;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Security;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Identity.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Entente.Modules.Identity.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer ent_…</c> requests. The token acts as its user: same roles, member and
/// clearance. It is refused while the account is disabled, must replace a one-time password, or holds a role that
/// requires two-factor authentication without an authenticator enrolled — a token must not let an account do what
/// its sessions may not. Password lockout does not stop it: lockout guards the password, which a token does not use,
/// and failed sign-ins by someone else must not cut off a machine feed. A rejected token is written to the audit
/// chain (without the secret).
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    EntenteDbContext db,
    UserManager<EntenteUser> users,
    IUserClaimsPrincipalFactory<EntenteUser> claimsFactory,
    Caller caller,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    public static bool HasBearerToken(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!HasBearerToken(Request))
        {
            return AuthenticateResult.NoResult();
        }

        var text = Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        if (!ApiToken.TryParse(text, out var id, out var secret))
        {
            return await RejectAsync(null, "malformed token");
        }

        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id, Context.RequestAborted);
        var now = time.GetUtcNow().UtcDateTime;
        if (token is null || !token.Matches(secret))
        {
            return await RejectAsync(id, "unknown token");
        }

        if (!token.IsActive(now))
        {
            return await RejectAsync(id, token.RevokedAt is null ? "expired token" : "revoked token");
        }

        var user = await users.FindByIdAsync(token.UserId.ToString());
        if (user is null || user.IsDisabled)
        {
            return await RejectAsync(id, "user disabled");
        }

        if (user.PasswordChangeRequired)
        {
            return await RejectAsync(id, "password change required");
        }

        var principal = await claimsFactory.CreateAsync(user);
        if (TwoFactorRequirement.IsMissing(principal, user.TwoFactorEnabled))
        {
            return await RejectAsync(id, "two-factor authentication required");
        }

        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(EntenteClaims.AuthenticationMethod, $"token:{token.Id:N}"));
        var before = token.LastUsedAt;
        token.MarkUsed(now, Context.Connection.RemoteIpAddress?.ToString());
        if (token.LastUsedAt != before)
        {
            // Same throttle as the token's own bookkeeping: at most one write a minute per token.
            user.LastSeenAt = now;
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    private async Task<AuthenticateResult> RejectAsync(Guid? tokenId, string reason)
    {
        caller.SetAnonymous(Context.Connection.RemoteIpAddress?.ToString(), System.Diagnostics.Activity.Current?.TraceId.ToString());
        db.AppendAudit(db.AuditTrail.Event(
            AuditActions.TokenRejected,
            "identity_api_tokens",
            tokenId?.ToString("D"),
            new { reason, path = Request.Path.Value }));
        await db.SaveChangesAsync(Context.RequestAborted);
        return AuthenticateResult.Fail(reason);
    }
}
