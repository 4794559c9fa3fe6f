using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Entente.Infrastructure.Problems;

namespace Entente.Infrastructure.Http;

/// <summary>
/// Turns exceptions on API paths into problem responses: unreadable bodies into 400, conflicting writes into 409,
/// an unreachable database into 503 with Retry-After, anything else into 500 without internals. Pages fall
/// through to the error page.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);

        // The middleware has already rewritten the request path to the error page; the feature keeps the original.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value;
        if (path is null || !path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var (type, detail) = Classify(exception);
        if (type.Status >= 500)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, path);
        }
        else
        {
            logger.LogInformation("Request refused with {Status}: {Reason}", type.Status, detail);
        }

        if (type.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        httpContext.Response.StatusCode = type.Status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = type.Status,
                Type = type.Uri,
                Title = type.Title,
                Detail = detail,
                Instance = path,
            },
        });
    }

    private static (ProblemType Type, string Detail) Classify(Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            (ProblemTypes.PayloadTooLarge, "The request body is larger than this endpoint accepts."),
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
            (ProblemTypes.UnsupportedMediaType, "Send the body as JSON with Content-Type: application/json."),
        BadHttpRequestException bad => (ProblemTypes.MalformedRequest, Describe(bad)),
        DbUpdateConcurrencyException =>
            (ProblemTypes.Conflict, "The record was changed by someone else since you read it; read it again and retry."),

        // A write that waited for the database's lock until its timeout (SQLite busy under a burst of writes) or hit a
        // transient server error: nothing conflicts with stored data, the same request succeeds when retried.
        DbUpdateException { InnerException: DbException { IsTransient: true } } =>
            (ProblemTypes.Unavailable, "The database is busy; nothing was written. Retry shortly."),
        DbUpdateException =>
            (ProblemTypes.Conflict, "The change conflicts with stored data (for example a duplicate code); nothing was written."),
        DbException or TimeoutException =>
            (ProblemTypes.Unavailable, "The database is unavailable; nothing was written. Retry shortly."),
        _ => (ProblemTypes.ServerError, "An unexpected error occurred; nothing was half-written. Quote the trace id when reporting it."),
    };

    private static string Describe(BadHttpRequestException bad)
    {
        // The framework's message names the parameter and, for JSON, the path and line of the error.
        var inner = bad.InnerException?.Message;
        return inner is null ? bad.Message : $"{bad.Message} {inner}";
    }
}
