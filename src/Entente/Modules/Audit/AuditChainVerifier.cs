using Entente.Infrastructure.Data;
using Entente.Modules.Audit.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Audit;

/// <summary>
/// Recomputes the whole chain in sequence order and checks every signed checkpoint. Reports the first entry that
/// does not match: its own hash recomputed from its fields, its link to the previous entry, a gap in the sequence,
/// or a checkpoint that the chain no longer reaches or that the key did not sign.
/// </summary>
public sealed class AuditChainVerifier(EntenteDbContext db, CheckpointSigner? signer)
{
    private const int BatchSize = 5000;

    public async Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var checkpoints = await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.Sequence).ToListAsync(cancellationToken);
        var checkpointAt = checkpoints.ToDictionary(c => c.Sequence);
        long expectedSequence = 1;
        var previous = AuditHash.Genesis;
        long checkedEntries = 0;
        var checkpointsVerified = 0;

        while (true)
        {
            var from = expectedSequence;
            var batch = await db.AuditEntries
                .IgnoreQueryFilters()
                .AsNoTracking()
                .Where(e => e.Sequence >= from)
                .OrderBy(e => e.Sequence)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var entry in batch)
            {
                if (entry.Sequence != expectedSequence)
                {
                    return ChainVerification.Broken(checkedEntries, checkpointsVerified, expectedSequence,
                        $"entry {expectedSequence} is missing (the next stored entry is {entry.Sequence})");
                }

                if (!string.Equals(entry.PreviousHash, previous, StringComparison.Ordinal))
                {
                    return ChainVerification.Broken(checkedEntries, checkpointsVerified, entry.Sequence,
                        $"entry {entry.Sequence} does not link to entry {entry.Sequence - 1} (previous hash differs)");
                }

                var recomputed = AuditHash.Compute(entry);
                if (!string.Equals(recomputed, entry.Hash, StringComparison.Ordinal))
                {
                    return ChainVerification.Broken(checkedEntries, checkpointsVerified, entry.Sequence,
                        $"entry {entry.Sequence} was altered: its content no longer matches its hash");
                }

                if (checkpointAt.TryGetValue(entry.Sequence, out var checkpoint))
                {
                    if (!string.Equals(checkpoint.Hash, entry.Hash, StringComparison.Ordinal))
                    {
                        return ChainVerification.Broken(checkedEntries, checkpointsVerified, entry.Sequence,
                            $"entry {entry.Sequence} differs from the checkpoint signed for it");
                    }

                    if (signer is not null)
                    {
                        if (!string.Equals(checkpoint.KeyId, signer.KeyId, StringComparison.Ordinal) || !signer.Verify(checkpoint))
                        {
                            return ChainVerification.Broken(checkedEntries, checkpointsVerified, entry.Sequence,
                                $"the checkpoint at entry {entry.Sequence} does not carry a valid signature of key {signer.KeyId}");
                        }

                        checkpointsVerified++;
                    }
                }

                previous = entry.Hash;
                expectedSequence++;
                checkedEntries++;
            }
        }

        var beyond = checkpoints.FirstOrDefault(c => c.Sequence >= expectedSequence);
        if (beyond is not null)
        {
            return ChainVerification.Broken(checkedEntries, checkpointsVerified, expectedSequence,
                $"entries {expectedSequence} to {beyond.Sequence} are missing: a checkpoint was signed for entry {beyond.Sequence}");
        }

        return new ChainVerification(true, checkedEntries, checkpointsVerified, null, null, signer is not null);
    }
}

/// <summary>The outcome of <see cref="AuditChainVerifier.VerifyAsync"/>.</summary>
public sealed record ChainVerification(
    bool IsValid,
    long EntriesChecked,
    int CheckpointsVerified,
    long? FirstBadSequence,
    string? Problem,
    bool SignaturesChecked)
{
    public static ChainVerification Broken(long entries, int checkpoints, long sequence, string problem) =>
        new(false, entries, checkpoints, sequence, problem, true);
}
