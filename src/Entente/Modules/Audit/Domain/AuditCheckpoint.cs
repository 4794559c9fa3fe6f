namespace Entente.Modules.Audit.Domain;

/// <summary>
/// A signed statement that the chain, up to and including <see cref="Sequence"/>, ends in <see cref="Hash"/>.
/// The signing key lives outside the database, so whoever can rewrite the tables still cannot forge a
/// checkpoint; truncating or rewriting the chain before a checkpoint is detected.
/// </summary>
public sealed class AuditCheckpoint
{
    public long Sequence { get; set; }

    /// <summary>Hex SHA-256 of the entry at <see cref="Sequence"/>.</summary>
    public string Hash { get; set; } = "";

    /// <summary>UTC, whole microseconds.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>First 16 hex digits of the SHA-256 of the public key (SubjectPublicKeyInfo).</summary>
    public string KeyId { get; set; } = "";

    /// <summary>Base64 ECDSA P-256 / SHA-256 signature (IEEE P1363) over <see cref="AuditHash.CheckpointPayload"/>.</summary>
    public string Signature { get; set; } = "";
}
