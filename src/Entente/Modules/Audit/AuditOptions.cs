namespace Entente.Modules.Audit;

/// <summary>Configuration section <c>Entente:Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Entente:Audit";

    /// <summary>
    /// PEM file with the ECDSA P-256 private key that signs checkpoints. Keep it outside the database (and its
    /// backups); every instance must use the same key. Relative paths are under the data directory.
    /// Created on first start when missing.
    /// </summary>
    public string SigningKeyPath { get; set; } = "keys/audit-signing.pem";

    /// <summary>
    /// JSON file holding a copy of the latest checkpoint, outside the database (see <see cref="CheckpointWitness"/>).
    /// Relative paths are under the data directory.
    /// </summary>
    public string CheckpointCopyPath { get; set; } = "keys/audit-last-checkpoint.json";

    /// <summary>How often the checkpoint job looks for new entries to sign.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Run the checkpoint job in this process (default true).</summary>
    public bool RunCheckpointJob { get; set; } = true;
}
