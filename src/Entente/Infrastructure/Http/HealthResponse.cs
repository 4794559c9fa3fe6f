using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Entente.Infrastructure.Http;

/// <summary>Writes the readiness report as a small JSON document (status and each check's status, no internals).</summary>
public static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json; charset=utf-8";
        if (report.Status != HealthStatus.Healthy)
        {
            context.Response.Headers.RetryAfter = "5";
        }

        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, cancellationToken: context.RequestAborted);
    }
}
