using System.Text.Encodings.Web;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Microsoft.AspNetCore.Diagnostics;

namespace Entente.Infrastructure.Http;

/// <summary>
/// Answers a page request that failed because the database is unavailable (503, Retry-After) or its disk is full
/// (507) with a short page saying so, instead of the generic error page.
/// </summary>
/// <remarks>
/// The page is written here, as fixed HTML, rather than by re-executing a Blazor page: re-execution runs the
/// pipeline again (cookie authentication, the caller lookup, the layout), and each of those reads the database that
/// just failed, which would turn the answer into an empty 500. It links only the stylesheet, served from disk.
/// </remarks>
public sealed class DatabaseUnavailablePage(ILogger<DatabaseUnavailablePage> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var full = DatabaseFailures.IsStorageFull(exception);
        if (httpContext.Response.HasStarted || (!full && !DatabaseFailures.IsUnavailable(exception)))
        {
            return false;
        }

        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value;
        var type = full ? ProblemTypes.StorageFull : ProblemTypes.Unavailable;
        logger.LogWarning("Refused page {Method} {Path} with {Status}: {Cause}", httpContext.Request.Method, path, type.Status,
            exception.GetBaseException().Message);

        httpContext.Response.StatusCode = type.Status;
        httpContext.Response.ContentType = "text/html; charset=utf-8";
        httpContext.Response.Headers.CacheControl = "no-store";
        if (!full)
        {
            httpContext.Response.Headers.RetryAfter = ApiExceptionHandler.RetryAfterSeconds;
        }

        // Only a local path is offered back ("//host" would leave the site).
        var again = path is { Length: > 0 } p && p[0] == '/' && !p.StartsWith("//", StringComparison.Ordinal) && !p.StartsWith("/\\", StringComparison.Ordinal) ? p : "/";
        var (title, body) = full
            ? ("Saving is not possible right now",
                "The platform's storage is full, so what you just submitted was not saved. Everything saved before is intact " +
                "and can still be read. Tell the Secretariat's administrators; once they free space, submit it again.")
            : ("Entente is temporarily unavailable",
                "The platform cannot reach its database at the moment, so this page could not be shown and nothing you " +
                "submitted was saved. This usually lasts less than a minute: wait a few seconds and reload the page.");
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>{HtmlEncoder.Default.Encode(title)} · Entente</title>
            <link rel="stylesheet" href="/css/app.css" />
            </head>
            <body>
            <main class="unavailable">
            <h1>{HtmlEncoder.Default.Encode(title)}</h1>
            <p>{HtmlEncoder.Default.Encode(body)}</p>
            <p><a href="{HtmlEncoder.Default.Encode(again)}">Try again</a></p>
            </main>
            </body>
            </html>
            """;
        await httpContext.Response.WriteAsync(html, cancellationToken);
        return true;
    }
}
