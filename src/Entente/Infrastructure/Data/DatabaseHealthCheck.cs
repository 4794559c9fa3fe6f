using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Entente.Infrastructure.Data;

/// <summary>
/// Ready only while the database answers a query. A query, not just an open: Npgsql hands out pooled connections
/// without a round trip, so after the server went away an open can succeed on a dead socket. The check is
/// registered with a short timeout (<see cref="Timeout"/>) and also gives up on its own at that time, so a
/// database that accepts connections but never answers makes the host not-ready instead of hanging the probe.
/// </summary>
public sealed class DatabaseHealthCheck(EntenteDbContext db) : IHealthCheck
{
    /// <summary>How long readiness waits for the database: well under a load balancer's probe interval.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Timeout);
        try
        {
            await db.Database.ExecuteSqlRawAsync("SELECT 1", limit.Token).WaitAsync(Timeout, cancellationToken);
            return HealthCheckResult.Healthy("The database answers.");
        }
        catch (Exception ex) when (ex is TimeoutException or System.Data.Common.DbException || DatabaseFailures.IsUnavailable(ex)
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HealthCheckResult.Unhealthy("The database does not answer.");
        }
    }
}
