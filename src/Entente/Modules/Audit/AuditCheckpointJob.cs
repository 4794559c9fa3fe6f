using Entente.Infrastructure.Data;
using Entente.Infrastructure.Jobs;
using Entente.Infrastructure.Security;
using Entente.Modules.Audit.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Entente.Modules.Audit;

/// <summary>
/// Signs a checkpoint at the head of the chain, but only over entries it has just verified: the entries after the
/// last checkpoint this key signed are recomputed first, so a chain altered since then is reported, never signed.
/// </summary>
/// <remarks>Each checkpoint written is also kept in the <see cref="CheckpointWitness"/> file, outside the database.</remarks>
public sealed class AuditCheckpointWriter(EntenteDbContext db, CheckpointSigner signer, CheckpointWitness witness, TimeProvider time)
{
    public async Task<CheckpointOutcome> WriteAsync(CancellationToken cancellationToken)
    {
        var latest = await db.AuditCheckpoints.AsNoTracking()
            .Where(c => c.KeyId == signer.KeyId)
            .OrderByDescending(c => c.Sequence)
            .FirstOrDefaultAsync(cancellationToken);
        var verifier = new AuditChainVerifier(db, signer, witness);
        var verification = latest is not null && signer.Verify(latest)
            ? await verifier.VerifyAfterAsync(latest.Sequence, latest.Hash, cancellationToken)
            : await verifier.VerifyAsync(cancellationToken);
        if (!verification.IsValid)
        {
            return new CheckpointOutcome(null, verification);
        }

        var head = verification.IntactThroughSequence;
        if (head == 0 || await db.AuditCheckpoints.AnyAsync(c => c.Sequence == head, cancellationToken))
        {
            return new CheckpointOutcome(null, verification);
        }

        var createdAt = AuditHash.TruncateToMicroseconds(time.GetUtcNow().UtcDateTime);
        var checkpoint = new AuditCheckpoint
        {
            Sequence = head,
            Hash = verification.IntactThroughHash,
            CreatedAt = createdAt,
            KeyId = signer.KeyId,
            Signature = signer.Sign(head, verification.IntactThroughHash, createdAt),
        };
        db.AuditCheckpoints.Add(checkpoint);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.Entry(checkpoint).State = EntityState.Detached;
            if (await db.AuditCheckpoints.AsNoTracking().AnyAsync(c => c.Sequence == head, cancellationToken))
            {
                // Another instance (or the command line) signed the same head a moment earlier.
                return new CheckpointOutcome(null, verification);
            }

            throw;
        }

        try
        {
            witness.Write(checkpoint);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new CheckpointOutcome(checkpoint, verification, $"the copy kept at '{witness.Path}' could not be written: {ex.Message}");
        }

        return new CheckpointOutcome(checkpoint, verification);
    }
}

/// <summary>What <see cref="AuditCheckpointWriter.WriteAsync"/> did.</summary>
/// <param name="Written">The new checkpoint, or null when the head was already signed, the chain is empty or broken.</param>
/// <param name="Verification">The verification of the entries the checkpoint covers; when not valid, nothing was signed.</param>
/// <param name="WitnessProblem">Why the copy outside the database could not be updated, if it could not.</param>
public sealed record CheckpointOutcome(AuditCheckpoint? Written, ChainVerification Verification, string? WitnessProblem = null);

/// <summary>
/// Background job: every <see cref="AuditOptions.CheckpointInterval"/>, the instance holding the
/// <c>audit-checkpoint</c> lease signs the head of the chain.
/// </summary>
public sealed class AuditCheckpointJob(
    IServiceScopeFactory scopes,
    IOptions<AuditOptions> options,
    JobLeases leases,
    ILogger<AuditCheckpointJob> logger,
    TimeProvider time) : LeasedJob(scopes, leases, logger, time)
{
    public const string LeaseName = "audit-checkpoint";

    protected override string Lease => LeaseName;

    protected override TimeSpan Interval => options.Value.CheckpointInterval;

    protected override string Work => "write an audit checkpoint";

    protected override async Task TickAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        services.GetRequiredService<Caller>().SetSystem("system:audit-checkpoint", "system");
        var outcome = await services.GetRequiredService<AuditCheckpointWriter>().WriteAsync(cancellationToken);
        if (outcome.Written is not null)
        {
            Logger.LogInformation("Signed audit checkpoint at entry {Sequence}", outcome.Written.Sequence);
        }

        if (outcome.WitnessProblem is not null)
        {
            Logger.LogWarning("Audit checkpoint signed, but {Problem}", outcome.WitnessProblem);
        }
        else if (!outcome.Verification.IsValid)
        {
            Logger.LogCritical(
                "The audit chain is broken at entry {Sequence}: {Problem}. No checkpoint is signed until it is investigated (entente audit verify).",
                outcome.Verification.FirstBadSequence, outcome.Verification.Problem);
        }
    }
}
