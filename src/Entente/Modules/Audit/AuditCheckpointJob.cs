using Entente.Infrastructure.Data;
using Entente.Infrastructure.Jobs;
using Entente.Infrastructure.Security;
using Entente.Modules.Audit.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Entente.Modules.Audit;

/// <summary>Signs a checkpoint at the head of the chain whenever new entries have been appended.</summary>
public sealed class AuditCheckpointWriter(EntenteDbContext db, CheckpointSigner signer, TimeProvider time)
{
    /// <summary>Writes a checkpoint for the current head; returns it, or null when the head is already signed.</summary>
    public async Task<AuditCheckpoint?> WriteAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var head = await db.AuditEntries.IgnoreQueryFilters().AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        if (head is null || await db.AuditCheckpoints.AnyAsync(c => c.Sequence == head.Sequence, cancellationToken))
        {
            return null;
        }

        var createdAt = AuditHash.TruncateToMicroseconds(time.GetUtcNow().UtcDateTime);
        var checkpoint = new AuditCheckpoint
        {
            Sequence = head.Sequence,
            Hash = head.Hash,
            CreatedAt = createdAt,
            KeyId = signer.KeyId,
            Signature = signer.Sign(head.Sequence, head.Hash, createdAt),
        };
        db.AuditCheckpoints.Add(checkpoint);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return checkpoint;
    }
}

/// <summary>
/// Background job: every <see cref="AuditOptions.CheckpointInterval"/>, the instance holding the
/// <c>audit-checkpoint</c> lease signs the head of the chain.
/// </summary>
public sealed class AuditCheckpointJob(
    IServiceScopeFactory scopes,
    IOptions<AuditOptions> options,
    JobLeases leases,
    ILogger<AuditCheckpointJob> logger,
    TimeProvider time) : BackgroundService
{
    public const string LeaseName = "audit-checkpoint";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval, time);
        do
        {
            try
            {
                if (await leases.TryAcquireAsync(LeaseName, options.Value.CheckpointInterval, stoppingToken))
                {
                    await using var scope = scopes.CreateAsyncScope();
                    scope.ServiceProvider.GetRequiredService<Caller>().SetSystem("system:audit-checkpoint", "system");
                    var checkpoint = await scope.ServiceProvider.GetRequiredService<AuditCheckpointWriter>().WriteAsync(stoppingToken);
                    if (checkpoint is not null)
                    {
                        logger.LogInformation("Signed audit checkpoint at entry {Sequence}", checkpoint.Sequence);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                // The database may be restarting; the next tick tries again.
                logger.LogWarning(ex, "Could not write an audit checkpoint; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
