using Entente.Infrastructure.Data;
using Entente.Modules.Audit.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Audit;

/// <summary>
/// Recomputes the chain in sequence order and checks every signed checkpoint. Reports the first entry that does
/// not match: a gap in the sequence, a broken link to the previous entry, content that no longer matches its hash,
/// or a checkpoint that the chain no longer reaches or that the key did not sign.
/// </summary>
/// <remarks>
/// System code: it reads every entry whatever its label (it reveals sequence numbers, never content) and reads them
/// by projection, so verifying is not recorded as reading the records the entries describe. With a
/// <see cref="CheckpointWitness"/>, the copy of the latest checkpoint kept outside the database counts as one more
/// checkpoint, so deleting checkpoints together with the end of the chain is detected too.
/// </remarks>
public sealed class AuditChainVerifier(EntenteDbContext db, CheckpointSigner? signer, CheckpointWitness? witness = null)
{
    private const int BatchSize = 5000;

    /// <summary>Verifies the whole chain from its first entry.</summary>
    public Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken) =>
        VerifyAfterAsync(0, AuditHash.Genesis, cancellationToken);

    /// <summary>
    /// Verifies the entries after <paramref name="afterSequence"/>, taking that entry's hash
    /// (<paramref name="afterHash"/>) as known good, for instance from a checkpoint whose signature was checked.
    /// </summary>
    public async Task<ChainVerification> VerifyAfterAsync(long afterSequence, string afterHash, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        ArgumentNullException.ThrowIfNull(afterHash);
        var state = new State(afterSequence + 1, afterHash, signer is not null);

        // The copy is read before the checkpoints: it is written after its checkpoint is stored, so every checkpoint
        // it names is already in the database when the checkpoints are read, unless someone removed it.
        AuditCheckpoint? kept;
        try
        {
            kept = witness?.Read();
        }
        catch (InvalidDataException)
        {
            return state.Broken(null,
                $"the copy of the last checkpoint kept outside the database ('{witness!.Path}') is unreadable: restore it from a backup, or remove it if the chain verifies without it");
        }

        var checkpoints = await db.AuditCheckpoints.AsNoTracking()
            .Where(c => c.Sequence > afterSequence)
            .OrderBy(c => c.Sequence)
            .ToListAsync(cancellationToken);
        var checkpointAt = checkpoints.ToDictionary(c => c.Sequence);

        if (kept is not null && kept.Sequence > afterSequence)
        {
            if (signer is not null && (!string.Equals(kept.KeyId, signer.KeyId, StringComparison.Ordinal) || !signer.Verify(kept)))
            {
                return state.Broken(kept.Sequence,
                    $"the copy of the checkpoint at entry {kept.Sequence} kept outside the database does not carry a valid signature of key {signer.KeyId}");
            }

            if (checkpointAt.TryGetValue(kept.Sequence, out var stored))
            {
                if (!string.Equals(stored.Hash, kept.Hash, StringComparison.Ordinal))
                {
                    state.CheckpointConflictAt = kept.Sequence;
                }
            }
            else
            {
                // The database lost a checkpoint that was signed: check the chain against the copy, then report it.
                checkpointAt[kept.Sequence] = kept;
                checkpoints.Add(kept);
                checkpoints.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
                state.CheckpointRemovedAt = kept.Sequence;
            }
        }

        while (true)
        {
            var from = state.ExpectedSequence;
            var batch = await db.AuditEntries
                .IgnoreQueryFilters()
                .AsNoTracking()
                .Where(e => e.Sequence >= from)
                .OrderBy(e => e.Sequence)
                .Take(BatchSize)
                .Select(e => new StoredAuditEntry(
                    e.Sequence, e.OccurredAt, e.ActorUserId, e.ActorName, e.ActorMember, e.Action, e.EntityType, e.EntityId,
                    e.Details, e.Origin, e.TraceId, e.Label.Policy, e.Label.Classification, e.Label.ReleasableTo,
                    e.Label.SharingGroupId, e.Label.Originator, e.Label.Tlp, e.Label.Categories, e.PreviousHash, e.Hash))
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var stored in batch)
            {
                var problem = Check(stored, state, checkpointAt);
                if (problem is not null)
                {
                    return state.Broken(problem.Value.Sequence, problem.Value.Text);
                }
            }
        }

        var beyond = checkpoints.FirstOrDefault(c => c.Sequence >= state.ExpectedSequence);
        if (beyond is not null)
        {
            var missing = beyond.Sequence == state.ExpectedSequence
                ? $"entry {beyond.Sequence} is missing"
                : $"entries {state.ExpectedSequence} to {beyond.Sequence} are missing";
            return state.Broken(state.ExpectedSequence, $"{missing}: a checkpoint was signed for entry {beyond.Sequence}, after the last stored entry");
        }

        if (state.CheckpointRemovedAt is { } removed)
        {
            return state.Broken(removed, $"the checkpoint signed for entry {removed} was removed from the database (a copy is kept outside it)");
        }

        return state.Valid();
    }

    private (long Sequence, string Text)? Check(StoredAuditEntry stored, State state, Dictionary<long, AuditCheckpoint> checkpointAt)
    {
        var expected = state.ExpectedSequence;
        if (stored.Sequence != expected)
        {
            return (expected, stored.Sequence == expected + 1
                ? $"entry {expected} is missing (the next stored entry is {stored.Sequence})"
                : $"entries {expected} to {stored.Sequence - 1} are missing (the next stored entry is {stored.Sequence})");
        }

        if (!string.Equals(stored.PreviousHash, state.PreviousHash, StringComparison.Ordinal))
        {
            return (stored.Sequence, stored.Sequence == 1
                ? "entry 1 does not start the chain (its previous hash is not the genesis value)"
                : $"entry {stored.Sequence} does not link to entry {stored.Sequence - 1}: it records a previous hash that entry {stored.Sequence - 1} does not have");
        }

        var recomputed = AuditHash.Compute(AuditEntry.Restore(stored));
        if (!string.Equals(recomputed, stored.Hash, StringComparison.Ordinal))
        {
            return (stored.Sequence, $"entry {stored.Sequence} was altered: its content no longer matches its hash");
        }

        if (checkpointAt.TryGetValue(stored.Sequence, out var checkpoint))
        {
            if (!string.Equals(checkpoint.Hash, stored.Hash, StringComparison.Ordinal))
            {
                return (stored.Sequence, $"entry {stored.Sequence} differs from the checkpoint signed for it");
            }

            if (state.CheckpointConflictAt == stored.Sequence)
            {
                return (stored.Sequence, $"the checkpoint at entry {stored.Sequence} in the database differs from the copy kept outside it");
            }

            if (signer is not null)
            {
                if (!string.Equals(checkpoint.KeyId, signer.KeyId, StringComparison.Ordinal) || !signer.Verify(checkpoint))
                {
                    return (stored.Sequence, $"the checkpoint at entry {stored.Sequence} does not carry a valid signature of key {signer.KeyId}");
                }

                state.CheckpointsVerified++;
            }
        }

        state.PreviousHash = stored.Hash;
        state.ExpectedSequence++;
        state.EntriesChecked++;
        return null;
    }

    private sealed class State(long expectedSequence, string previousHash, bool signaturesChecked)
    {
        public long ExpectedSequence { get; set; } = expectedSequence;

        public string PreviousHash { get; set; } = previousHash;

        public long EntriesChecked { get; set; }

        public int CheckpointsVerified { get; set; }

        /// <summary>The kept copy names a checkpoint the database no longer holds.</summary>
        public long? CheckpointRemovedAt { get; set; }

        /// <summary>The database holds a different checkpoint for the entry the kept copy names.</summary>
        public long? CheckpointConflictAt { get; set; }

        public ChainVerification Valid() =>
            new(true, EntriesChecked, CheckpointsVerified, null, null, signaturesChecked, ExpectedSequence - 1, PreviousHash);

        public ChainVerification Broken(long? sequence, string problem) =>
            new(false, EntriesChecked, CheckpointsVerified, sequence, problem, signaturesChecked, ExpectedSequence - 1, PreviousHash);
    }
}

/// <summary>The outcome of <see cref="AuditChainVerifier.VerifyAsync"/>.</summary>
/// <param name="IsValid">True when every entry checked links and hashes correctly and every checkpoint matches.</param>
/// <param name="EntriesChecked">Entries found intact (before the first bad one, if any).</param>
/// <param name="CheckpointsVerified">Checkpoints whose signature was checked with the key; 0 without a key.</param>
/// <param name="FirstBadSequence">The first entry that does not match, or the first missing one; null when the problem is not in an entry (an unreadable checkpoint copy).</param>
/// <param name="Problem">What is wrong with it, for people.</param>
/// <param name="SignaturesChecked">False when no signing key was available, so checkpoints were compared but not authenticated.</param>
/// <param name="IntactThroughSequence">The last entry found intact (0 when none).</param>
/// <param name="IntactThroughHash">Hash of that entry (the genesis value when none).</param>
public sealed record ChainVerification(
    bool IsValid,
    long EntriesChecked,
    int CheckpointsVerified,
    long? FirstBadSequence,
    string? Problem,
    bool SignaturesChecked,
    long IntactThroughSequence,
    string IntactThroughHash);
