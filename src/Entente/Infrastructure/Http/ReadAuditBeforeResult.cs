using Entente.Infrastructure.Data;

namespace Entente.Infrastructure.Http;

/// <summary>
/// Writes the audit entries of restricted reads after an API handler has returned its result and before the result
/// is written. The caller middleware also flushes when the response starts, but a failure there (the database gone
/// between the read and the flush) can only abort the response; here it is an ordinary exception, answered 503 like
/// any other, and the data is not sent without its audit entry.
/// </summary>
public static class ReadAuditBeforeResult
{
    public static async ValueTask<object?> FlushAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var result = await next(context);
        var db = context.HttpContext.RequestServices.GetRequiredService<EntenteDbContext>();
        if (db.ReadAudit.HasPending)
        {
            await db.ReadAudit.FlushAsync(context.HttpContext.RequestAborted);
        }

        return result;
    }
}
