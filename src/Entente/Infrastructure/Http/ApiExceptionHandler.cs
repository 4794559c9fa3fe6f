using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;

namespace Entente.Infrastructure.Http;

/// <summary>
/// Turns exceptions on API paths into problem responses: unreadable bodies into 400, conflicting writes into 409,
/// an unreachable database into 503 with Retry-After, a full disk into 507, anything else into 500 without
/// internals. Pages fall through to <see cref="DatabaseUnavailablePage"/> and the error page.
/// </summary>
/// <remarks>
/// The database tests come first and look through the whole exception chain: a connection that drops during
/// SaveChanges arrives as a <c>DbUpdateException</c>, which on its own means a conflict, and must not become 409.
/// </remarks>
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
        if (type == ProblemTypes.Unavailable || type == ProblemTypes.StorageFull)
        {
            // One line per refused request, not a stack trace each: an outage refuses many, and the cause is the same.
            logger.LogWarning("Refused {Method} {Path} with {Status}: {Cause}", httpContext.Request.Method, path, type.Status,
                exception.GetBaseException().Message);
        }
        else if (type.Status >= 500)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, path);
        }
        else
        {
            logger.LogInformation("Request refused with {Status}: {Reason}", type.Status, detail);
        }

        if (type.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
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

    /// <summary>What a 503 tells clients to wait: a restart of PostgreSQL or a failover usually takes seconds.</summary>
    public const string RetryAfterSeconds = "5";

    /// <summary>The answer for an exception; shared with the page handler so both say the same thing.</summary>
    public static (ProblemType Type, string Detail) Classify(Exception exception) => exception switch
    {
        _ when DatabaseFailures.IsStorageFull(exception) =>
            (ProblemTypes.StorageFull, "The disk under the database is full: this write was refused and nothing of it was stored. " +
                "Records stored before are intact and can still be read. Writing works again once an operator frees space."),
        _ when DatabaseFailures.IsUnavailable(exception) =>
            (ProblemTypes.Unavailable, "The database is unavailable (restarting or unreachable); this request did not take effect. " +
                "Retry after the number of seconds in Retry-After."),
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
