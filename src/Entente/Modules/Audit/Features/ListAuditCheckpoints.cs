using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Modules.Audit.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Audit.Features;

/// <summary>A signed checkpoint as the API returns it.</summary>
/// <param name="Sequence">The entry the checkpoint covers, and every entry before it.</param>
/// <param name="Hash">Hex SHA-256 of that entry when it was signed.</param>
/// <param name="CreatedAt">UTC, to the microsecond.</param>
/// <param name="KeyId">First 16 hex digits of the SHA-256 of the signing public key.</param>
/// <param name="Signature">Base64 ECDSA P-256 / SHA-256 signature (IEEE P1363).</param>
/// <param name="SignatureValid">Whether the platform's current key verifies the signature.</param>
public sealed record AuditCheckpointResponse(
    long Sequence,
    string Hash,
    DateTime CreatedAt,
    string KeyId,
    string Signature,
    bool SignatureValid)
{
    public static AuditCheckpointResponse From(AuditCheckpoint checkpoint, CheckpointSigner signer)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(signer);
        return new AuditCheckpointResponse(checkpoint.Sequence, checkpoint.Hash, checkpoint.CreatedAt, checkpoint.KeyId,
            checkpoint.Signature, string.Equals(checkpoint.KeyId, signer.KeyId, StringComparison.Ordinal) && signer.Verify(checkpoint));
    }
}

/// <summary><c>GET /api/v1/audit/checkpoints</c>: the signed checkpoints, newest first.</summary>
public static class ListAuditCheckpoints
{
    public static RouteHandlerBuilder MapListAuditCheckpoints(this IEndpointRouteBuilder audit) =>
        audit.MapGet("/checkpoints", HandleAsync)
            .WithName("ListAuditCheckpoints")
            .WithSummary("List signed checkpoints")
            .WithDescription(
                "Checkpoints sign the hash of an entry with a key kept outside the database, so that rewriting or " +
                "truncating the chain before them is detected. Newest first.")
            .ProducesValidationProblem();

    public static async Task<Ok<Paged<AuditCheckpointResponse>>> HandleAsync(
        [AsParameters] PageRequest page, EntenteDbContext db, CheckpointSigner signer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var result = await db.AuditCheckpoints.AsNoTracking()
            .OrderByDescending(c => c.Sequence)
            .ToPagedAsync(page, c => AuditCheckpointResponse.From(c, signer), cancellationToken);
        return TypedResults.Ok(result);
    }

    /// <summary>The most recent checkpoint, or null before the first.</summary>
    public static Task<AuditCheckpoint?> LatestAsync(EntenteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).FirstOrDefaultAsync(cancellationToken);
    }
}
