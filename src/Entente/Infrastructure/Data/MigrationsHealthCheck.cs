using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Entente.Infrastructure.Data;

/// <summary>Not ready while the database lacks migrations that this build expects.</summary>
public sealed class MigrationsHealthCheck(EntenteDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        List<string> pending;
        try
        {
            pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        }
        catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex))
        {
            // Said without the provider's message, which names hosts and ports.
            return HealthCheckResult.Unhealthy("The database does not answer.");
        }

        return pending.Count == 0
            ? HealthCheckResult.Healthy("The schema is up to date.")
            : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) pending; run 'entente migrate'.");
    }
}
