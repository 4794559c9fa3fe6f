using Entente.Infrastructure.Security;

namespace Entente.Infrastructure.Http;

/// <summary>
/// Sets the browser security headers on every response: a strict Content-Security-Policy (scripts, styles and
/// images from this origin only, no framing), no MIME sniffing, no referrer, and isolation from other origins.
/// The API reference page needs inline script for its configuration and gets a narrower exception.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ApiReferencePath = "/api/reference";

    private const string Strict =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string ApiReference =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var isReference = context.Request.Path.StartsWithSegments(ApiReferencePath, StringComparison.OrdinalIgnoreCase);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // A download answers with its own sandboxing policy (stricter still: nothing may run, nothing may load); keep it.
            if (!headers.ContentSecurityPolicy.ToString().StartsWith("sandbox", StringComparison.Ordinal))
            {
                headers.ContentSecurityPolicy = isReference ? ApiReference : Strict;
            }

            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self), payment=(), usb=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !isReference)
            {
                headers.CacheControl = "no-store";
            }
            else if (context.User.Identity?.IsAuthenticated == true
                && string.IsNullOrEmpty(headers.CacheControl)
                && context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetMarker>() is null)
            {
                // ASVS 8.2.1: what a signed-in user sees is restricted; no browser or proxy keeps a copy of it.
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
