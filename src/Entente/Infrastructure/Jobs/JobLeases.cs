using Entente.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Entente.Infrastructure.Jobs;

/// <summary>
/// Takes and renews leases on named jobs so that, with several instances on one database, each job runs on
/// one of them at a time. A lease expires by itself, so a crashed instance cannot hold a job for ever.
/// </summary>
public sealed class JobLeases(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>Identifies this process among instances.</summary>
    public string Holder { get; } = Truncate($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}", 200);

    /// <summary>True when this instance holds the lease for the next <paramref name="duration"/>.</summary>
    public async Task<bool> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EntenteDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + duration;
        var holder = Holder;
        var taken = await db.JobLeases
            .Where(l => l.Name == name && (l.LeasedUntil < now || l.Holder == holder))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.LeasedUntil, until), cancellationToken);
        if (taken == 1)
        {
            return true;
        }

        if (await db.JobLeases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }

        db.JobLeases.Add(new JobLease { Name = name, Holder = holder, LeasedUntil = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance created the lease first.
            return false;
        }
    }

    private static string Truncate(string s, int length) => s.Length > length ? s[..length] : s;
}
