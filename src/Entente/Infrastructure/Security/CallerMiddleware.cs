using System.Diagnostics;
using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Identity.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entente.Infrastructure.Security;

/// <summary>
/// Establishes the <see cref="Caller"/> of each request after authentication: reads the user's member, clearance
/// and state from the database (so a lowered clearance or a disabled account takes effect on the next request,
/// not at the next sign-in), loads the member's sharing groups, confines a session to the account pages until a
/// one-time password is replaced and, for the roles that require it, until two-factor sign-in, and writes audited
/// reads to the chain before the response starts.
/// </summary>
public sealed class CallerMiddleware(RequestDelegate next)
{
    private static readonly PathString[] PathsOpenBeforeTwoFactor =
        ["/account", "/_framework", "/_content", "/css", "/js", "/favicon", "/health", "/problems", "/not-found", "/error"];

    public async Task InvokeAsync(HttpContext context, Caller caller, EntenteDbContext db)
    {
        ArgumentNullException.ThrowIfNull(context);
        var origin = context.Connection.RemoteIpAddress?.ToString();
        var traceId = Activity.Current?.TraceId.ToString();
        caller.SetAnonymous(origin, traceId);

        if (context.User.Identity?.IsAuthenticated == true && !IsStaticAsset(context))
        {
            var userId = context.User.UserId();
            var user = userId is null
                ? null
                : await db.Users.AsNoTracking()
                    .Where(u => u.Id == userId)
                    .Select(u => new { u.UserName, u.MemberCode, u.Clearance, u.IsDisabled, u.PasswordChangeRequired })
                    .FirstOrDefaultAsync(context.RequestAborted);
            if (user is null || user.IsDisabled)
            {
                // The account was removed or disabled since the cookie or token was issued.
                await context.SignOutAsync(IdentityConstants.ApplicationScheme);
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            else
            {
                var groups = user.MemberCode is null
                    ? []
                    : await db.SharingGroupMembers.AsNoTracking()
                        .Where(m => m.MemberCode == user.MemberCode)
                        .Select(m => m.GroupId)
                        .ToListAsync(context.RequestAborted);
                var method = context.User.FindFirstValue(EntenteClaims.AuthenticationMethod) ?? "cookie";
                caller.SetUser(userId!.Value, user.UserName ?? userId.Value.ToString(),
                    AccessScope.ForUser(user.Clearance, user.MemberCode, groups), origin, traceId, method);

                if (!await EnforceAccountRequirementsAsync(context, method, user.PasswordChangeRequired))
                {
                    return;
                }
            }
        }

        context.Response.OnStarting(() => db.ReadAudit.HasPending
            ? db.ReadAudit.FlushAsync(CancellationToken.None)
            : Task.CompletedTask);
        await next(context);
        if (db.ReadAudit.HasPending)
        {
            await db.ReadAudit.FlushAsync(CancellationToken.None);
        }
    }

    private static bool IsStaticAsset(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetMarker>() is not null
        || context.Request.Path.StartsWithSegments("/_framework", StringComparison.Ordinal)
        || context.Request.Path.StartsWithSegments("/css", StringComparison.Ordinal);

    /// <summary>
    /// A session holding a one-time password is confined to the account pages until the user chooses a password;
    /// then Administrators and Secretariat staff signed in with a password only stay there until they enrol an
    /// authenticator. The API answers such sessions 403 with the matching problem type. API tokens are not
    /// confined here: the token handler refuses the tokens of an account in either state.
    /// </summary>
    private static async Task<bool> EnforceAccountRequirementsAsync(HttpContext context, string method, bool passwordChangeRequired)
    {
        if (method != "cookie")
        {
            return true;
        }

        var (problem, page) = passwordChangeRequired
            ? (ProblemTypes.PasswordChangeRequired, "/account/password")
            : TwoFactorRequirement.IsSatisfiedBySession(context.User)
                ? (null, null)
                : (ProblemTypes.TwoFactorRequired, "/account/two-factor");
        if (problem is null)
        {
            return true;
        }

        var path = context.Request.Path;
        if (PathsOpenBeforeTwoFactor.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        if (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status403Forbidden,
                    Type = problem.Uri,
                    Title = problem.Title,
                    Detail = problem.Description,
                },
            });
            return false;
        }

        var returnUrl = Uri.EscapeDataString(path + context.Request.QueryString);
        context.Response.Redirect($"{page}?required=1&returnUrl={returnUrl}");
        return false;
    }
}

/// <summary>Endpoint metadata on static files, so the caller lookup skips them.</summary>
public sealed class StaticAssetMarker;
