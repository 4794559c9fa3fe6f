using Entente.Infrastructure.Data;
using Entente.Modules.Audit.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Audit.Features;

/// <summary>The outcome of verifying the audit chain.</summary>
/// <param name="IsValid">True when every entry links and hashes correctly and every checkpoint matches and verifies.</param>
/// <param name="EntriesChecked">Entries found intact, in sequence order, before the first bad one if any.</param>
/// <param name="CheckpointsVerified">Signed checkpoints whose signature was checked.</param>
/// <param name="SignaturesChecked">False when the platform has no signing key to check checkpoints with.</param>
/// <param name="KeyId">Id of the key checkpoints were checked with.</param>
/// <param name="FirstBadSequence">The first entry that does not match, or the first missing one.</param>
/// <param name="Problem">What is wrong with it.</param>
/// <param name="VerifiedAt">UTC.</param>
public sealed record ChainVerificationResponse(
    bool IsValid,
    long EntriesChecked,
    int CheckpointsVerified,
    bool SignaturesChecked,
    string? KeyId,
    long? FirstBadSequence,
    string? Problem,
    DateTime VerifiedAt);

/// <summary>
/// <c>POST /api/v1/audit/verify</c>: recomputes the whole chain and checks every checkpoint with the platform's key,
/// then records that it did (<see cref="AuditActions.ChainVerified"/>). A POST, not a GET: it appends to the chain, and
/// a GET must be safe to repeat, prefetch and follow from a link.
/// </summary>
public static class VerifyAuditChain
{
    public static RouteHandlerBuilder MapVerifyAuditChain(this IEndpointRouteBuilder audit) =>
        audit.MapPost("/verify", HandleAsync)
            .WithName("VerifyAuditChain")
            .WithSummary("Verify the audit chain")
            .WithDescription(
                "Recomputes the hash of every entry in sequence order and checks every signed checkpoint. Reports the " +
                "first entry that is missing, altered or no longer linked, or a checkpoint the chain no longer reaches. " +
                "The verification itself is recorded in the chain. It reads the whole chain: expect it to take a while on a long one.");

    public static async Task<Ok<ChainVerificationResponse>> HandleAsync(
        EntenteDbContext db, CheckpointSigner signer, CheckpointWitness witness, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(await RunAsync(db, signer, witness, time, cancellationToken));

    /// <summary>Verifies with <paramref name="signer"/> and records the outcome; shared by the API and the page.</summary>
    public static async Task<ChainVerificationResponse> RunAsync(
        EntenteDbContext db, CheckpointSigner signer, CheckpointWitness witness, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(time);
        var result = await new AuditChainVerifier(db, signer, witness).VerifyAsync(cancellationToken);
        await RecordAsync(db, result, cancellationToken);
        return new ChainVerificationResponse(result.IsValid, result.EntriesChecked, result.CheckpointsVerified,
            result.SignaturesChecked, signer.KeyId, result.FirstBadSequence, result.Problem, time.GetUtcNow().UtcDateTime);
    }

    /// <summary>Appends a <see cref="AuditActions.ChainVerified"/> event with the outcome.</summary>
    public static async Task RecordAsync(EntenteDbContext db, ChainVerification result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(result);
        db.AppendAudit(db.AuditTrail.Event(AuditActions.ChainVerified, "audit_entries", null, new
        {
            valid = result.IsValid,
            entriesChecked = result.EntriesChecked,
            checkpointsVerified = result.CheckpointsVerified,
            signaturesChecked = result.SignaturesChecked,
            firstBadSequence = result.FirstBadSequence,
            problem = result.Problem,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
