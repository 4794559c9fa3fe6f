using System.Text.Json;
using Entente.Modules.Audit.Domain;

namespace Entente.Modules.Audit;

/// <summary>
/// A copy of the latest checkpoint kept outside the database, next to the signing key. Checkpoints in the database
/// detect a chain rewritten or cut short before them; this copy also detects the checkpoints themselves being
/// deleted along with the end of the chain, by whoever can write the tables but not the key's directory.
/// </summary>
/// <remarks>
/// Each instance keeps its own copy; an older copy on another instance is still true (the chain only grows), so
/// instances need not share the directory. The file is replaced atomically and only ever moves forward.
/// </remarks>
public sealed class CheckpointWitness(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Path { get; } = path ?? throw new ArgumentNullException(nameof(path));

    /// <summary>The checkpoint in the file, or null when there is none yet.</summary>
    /// <exception cref="InvalidDataException">The file exists but does not hold a checkpoint.</exception>
    public AuditCheckpoint? Read()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        try
        {
            var stored = JsonSerializer.Deserialize<Stored>(File.ReadAllText(Path), Json);
            if (stored is null || stored.Sequence < 1 || string.IsNullOrEmpty(stored.Hash) || string.IsNullOrEmpty(stored.Signature))
            {
                throw new InvalidDataException($"'{Path}' does not hold an audit checkpoint.");
            }

            return new AuditCheckpoint
            {
                Sequence = stored.Sequence,
                Hash = stored.Hash,
                CreatedAt = DateTime.SpecifyKind(stored.CreatedAt, DateTimeKind.Utc),
                KeyId = stored.KeyId ?? "",
                Signature = stored.Signature,
            };
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{Path}' does not hold an audit checkpoint: {ex.Message}", ex);
        }
    }

    /// <summary>Keeps <paramref name="checkpoint"/> unless the file already holds a later one.</summary>
    public void Write(AuditCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        AuditCheckpoint? current;
        try
        {
            current = Read();
        }
        catch (InvalidDataException)
        {
            current = null;
        }

        if (current is not null && current.Sequence >= checkpoint.Sequence)
        {
            return;
        }

        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        Directory.CreateDirectory(directory);
        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stored = new Stored(checkpoint.Sequence, checkpoint.Hash, checkpoint.CreatedAt, checkpoint.KeyId, checkpoint.Signature);
            File.WriteAllText(temporary, JsonSerializer.Serialize(stored, Json));
            File.Move(temporary, Path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private sealed record Stored(long Sequence, string Hash, DateTime CreatedAt, string? KeyId, string Signature);
}
