using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Audit.Domain;

namespace Entente.Infrastructure.Security;

/// <summary>
/// Writes an <see cref="AuditActions.AccessDenied"/> entry for every refused attempt on an endpoint: 401 and 403
/// (and their page equivalents, the redirects to the sign-in and access-denied pages), and 404 from an endpoint
/// whose route names a record. A record the caller may not read answers exactly like one that does not exist, so
/// the two are audited alike: the entry says which path was tried, not whether something is there.
/// </summary>
/// <remarks>
/// Unknown routes and static assets are not audited (they name nothing). One small entry per refusal, written
/// through a context of its own before the response starts, so the refusal and its entry are seen together;
/// a burst of refusals is bounded by the rate limiter that runs before this.
/// </remarks>
public sealed class DeniedAccessAuditor(RequestDelegate next)
{
    private const string SignInPath = "/account/sign-in";
    private const string AccessDeniedPath = "/account/access-denied";

    public async Task InvokeAsync(HttpContext context, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint() is not RouteEndpoint endpoint || endpoint.Metadata.GetMetadata<StaticAssetMarker>() is not null)
        {
            await next(context);
            return;
        }

        var written = false;
        Task AuditOnce()
        {
            if (written || Refusal(context, endpoint) is not { } reason)
            {
                return Task.CompletedTask;
            }

            written = true;
            return WriteAsync(context, caller, endpoint, reason);
        }

        context.Response.OnStarting(AuditOnce);
        await next(context);
        if (!context.Response.HasStarted)
        {
            await AuditOnce();
        }
    }

    /// <summary>Why the response refuses the request, or null when it does not.</summary>
    private static string? Refusal(HttpContext context, RouteEndpoint endpoint)
    {
        var response = context.Response;
        switch (response.StatusCode)
        {
            case StatusCodes.Status401Unauthorized:
                return "unauthenticated";
            case StatusCodes.Status403Forbidden:
                return "forbidden";
            case StatusCodes.Status404NotFound when endpoint.RoutePattern.Parameters.Count > 0:
                return "not-found";
            case StatusCodes.Status302Found or StatusCodes.Status303SeeOther:
                // The redirect may be absolute (behind a proxy, or when the handler builds it from the request).
                var location = Uri.TryCreate(response.Headers.Location.ToString(), UriKind.Absolute, out var absolute)
                    ? absolute.AbsolutePath
                    : response.Headers.Location.ToString();
                return location.StartsWith(SignInPath, StringComparison.OrdinalIgnoreCase) && !context.Request.Path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase)
                    ? "unauthenticated"
                    : location.StartsWith(AccessDeniedPath, StringComparison.OrdinalIgnoreCase) ? "forbidden" : null;
            case >= 400 and < 500 when RefusedLabelOrUpload(context) is { } type:
                return "refused: " + type;
            default:
                return null;
        }
    }

    /// <summary>
    /// The problem type of a refused label or upload (an unknown classification or member, a label wider than the
    /// record it hangs on, a file whose type lies about itself, an oversized upload): bad input that may be a probe,
    /// so it is audited like a denial. Release and sharing-group refusals are audited by their handlers, with the
    /// record they concern, and are left out here so that one refusal makes one entry.
    /// </summary>
    private static string? RefusedLabelOrUpload(HttpContext context)
    {
        if (context.Items[ProblemDetailsDefaults.ProblemTypeItem] is not string type)
        {
            return null;
        }

        var code = type.StartsWith(ProblemTypes.Prefix, StringComparison.Ordinal) ? type[ProblemTypes.Prefix.Length..] : type;
        var audited = code.StartsWith("label.", StringComparison.Ordinal)
            || (code.StartsWith("sharing.", StringComparison.Ordinal)
                && !code.StartsWith("sharing.release-", StringComparison.Ordinal)
                && !code.StartsWith("sharing.group-", StringComparison.Ordinal));
        return audited ? code : null;
    }

    private static async Task WriteAsync(HttpContext context, Caller caller, RouteEndpoint endpoint, string reason)
    {
        var roles = context.User.Identities
            .SelectMany(identity => identity.FindAll(identity.RoleClaimType))
            .Select(c => c.Value)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var details = new
        {
            reason,
            method = context.Request.Method,
            route = endpoint.RoutePattern.RawText,
            path = context.Request.Path.Value,
            status = context.Response.StatusCode,
            roles,
            clearance = caller.Scope.IsAuthenticated ? caller.Scope.Clearance : (int?)null,
            userName = context.User.Identity?.IsAuthenticated == true ? context.User.FindFirstValue(ClaimTypes.Name) ?? caller.ActorName : null,
        };
        await using var db = ActivatorUtilities.CreateInstance<EntenteDbContext>(context.RequestServices);
        db.AppendAudit(db.AuditTrail.Event(AuditActions.AccessDenied, details: details));
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
