using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Entente.Cli.Backups;

/// <summary>The names of the parts inside a backup archive.</summary>
public static class BackupParts
{
    public const string Manifest = "manifest.json";
    public const string SqliteDatabase = "database/entente.db";
    public const string PostgresDump = "database/entente.dump";
    public const string AuditSigningKey = "keys/audit-signing.pem";
    public const string CheckpointCopy = "keys/audit-last-checkpoint.json";
    public const string LabelSigningKey = "keys/label-signing.pem";
    public const string DataProtectionPrefix = "keys/data-protection/";

    public static bool IsKey(string name) => name.StartsWith("keys/", StringComparison.Ordinal);
}

/// <summary>
/// What an archive holds and how to check it: the manifest is the archive's first entry, and every other entry is
/// listed in it with its size and SHA-256, so a damaged or altered part is found before anything is restored.
/// </summary>
/// <param name="FormatVersion">Version of this layout; a restore refuses a version it does not know.</param>
/// <param name="Provider"><c>Sqlite</c> or <c>Postgres</c>: an archive restores only into the same provider.</param>
/// <param name="Migration">The last schema migration applied in the database when it was copied.</param>
/// <param name="CreatedUtc">When the database was copied.</param>
/// <param name="AuditHead">The last entry of the audit chain in the copy (null for an empty chain).</param>
/// <param name="Tables">Rows per table in the copy, counted in the same snapshot as the copy.</param>
/// <param name="Parts">Every other entry of the archive.</param>
/// <param name="KeysIncluded">Whether the key files were included (not with <c>--without-keys</c>).</param>
public sealed record BackupManifest(
    int FormatVersion,
    string Provider,
    string? Migration,
    DateTime CreatedUtc,
    AuditHead? AuditHead,
    IReadOnlyDictionary<string, long> Tables,
    IReadOnlyList<BackupPart> Parts,
    bool KeysIncluded)
{
    public const int CurrentFormat = 1;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public long TotalRows => Tables.Values.Sum();
}

/// <summary>The head of the audit chain: its last entry's sequence number and hash.</summary>
public sealed record AuditHead(long Sequence, string Hash);

/// <summary>One entry of the archive: its name, size in bytes and SHA-256 (lower-case hex).</summary>
public sealed record BackupPart(string Name, long Bytes, string Sha256);

/// <summary>An archive that cannot be restored, and why, naming the part at fault where there is one.</summary>
public sealed class BackupArchiveException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Writes and reads backup archives: a gzip-compressed POSIX (PAX) tar file.</summary>
public static class BackupArchive
{
    /// <summary>The hash of a file, as recorded in a manifest.</summary>
    public static async Task<BackupPart> DescribeAsync(string name, string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return new BackupPart(name, stream.Length, Convert.ToHexStringLower(hash));
    }

    /// <summary>
    /// Writes the archive to <paramref name="path"/>, readable and writable by its owner only (it holds keys), refusing
    /// to replace an existing file. The archive appears under its name only once complete.
    /// </summary>
    public static async Task WriteAsync(string path, BackupManifest manifest, IReadOnlyList<(string Name, string Path)> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(files);
        if (File.Exists(path))
        {
            throw new IOException($"'{path}' already exists; choose another --output.");
        }

        var partial = path + ".partial";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            await using (var file = new FileStream(partial, options))
            {
                await using (var gzip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true))
                await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
                {
                    var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, BackupManifest.Json);
                    using var manifestStream = new MemoryStream(manifestBytes);
                    await tar.WriteEntryAsync(Entry(BackupParts.Manifest, manifestStream, manifest.CreatedUtc), cancellationToken);
                    foreach (var (name, source) in files)
                    {
                        await using var data = File.OpenRead(source);
                        await tar.WriteEntryAsync(Entry(name, data, manifest.CreatedUtc), cancellationToken);
                    }
                }

                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(partial, path);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    private static PaxTarEntry Entry(string name, Stream data, DateTime modified) => new(TarEntryType.RegularFile, name)
    {
        DataStream = data,
        Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        ModificationTime = new DateTimeOffset(modified, TimeSpan.Zero),
    };

    /// <summary>
    /// Reads the archive into <paramref name="directory"/> and checks every part against the manifest: the manifest
    /// must come first, every part it lists must be present with its size and SHA-256, and nothing else may be there.
    /// </summary>
    /// <returns>The manifest and, for each part, where it was extracted.</returns>
    /// <exception cref="BackupArchiveException">The archive is unreadable, incomplete or altered.</exception>
    public static async Task<(BackupManifest Manifest, IReadOnlyDictionary<string, string> Files)> ExtractAsync(
        string path, string directory, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new BackupArchiveException($"'{path}' does not exist.");
        }

        BackupManifest? manifest = null;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            await using var file = File.OpenRead(path);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            var index = 0;
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                if (manifest is null)
                {
                    if (entry.Name != BackupParts.Manifest || entry.DataStream is null)
                    {
                        throw new BackupArchiveException($"'{path}' is not an Entente backup: its first entry is '{entry.Name}', not {BackupParts.Manifest}.");
                    }

                    manifest = await ReadManifestAsync(entry.DataStream, cancellationToken);
                    continue;
                }

                var part = manifest.Parts.FirstOrDefault(p => p.Name == entry.Name)
                    ?? throw new BackupArchiveException($"The archive holds '{entry.Name}', which its manifest does not list: it was altered.");
                if (entry.EntryType != TarEntryType.RegularFile || entry.DataStream is null || files.ContainsKey(part.Name))
                {
                    throw new BackupArchiveException($"Part '{entry.Name}' of the archive is not a single plain file: it was altered.");
                }

                // Parts are extracted under generated names: a name from the archive never chooses a path.
                var target = Path.Combine(directory, $"part-{index++:D4}");
                await using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write))
                {
                    await entry.DataStream.CopyToAsync(output, cancellationToken);
                }

                var actual = await DescribeAsync(part.Name, target, cancellationToken);
                if (actual.Bytes != part.Bytes || !string.Equals(actual.Sha256, part.Sha256, StringComparison.OrdinalIgnoreCase))
                {
                    throw new BackupArchiveException(
                        $"Part '{part.Name}' does not match the manifest (expected {part.Bytes} bytes with SHA-256 {part.Sha256}, " +
                        $"found {actual.Bytes} bytes with SHA-256 {actual.Sha256}): the archive is damaged or was altered. Nothing was restored.");
                }

                files[part.Name] = target;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException or JsonException)
        {
            throw new BackupArchiveException($"'{path}' cannot be read as a backup archive ({ex.Message}): it is damaged or not an Entente backup. Nothing was restored.", ex);
        }

        if (manifest is null)
        {
            throw new BackupArchiveException($"'{path}' is empty: it holds no manifest.");
        }

        var missing = manifest.Parts.Where(p => !files.ContainsKey(p.Name)).Select(p => p.Name).ToList();
        if (missing.Count > 0)
        {
            throw new BackupArchiveException($"The archive lacks part(s) its manifest lists: {string.Join(", ", missing)}. It is incomplete; nothing was restored.");
        }

        return (manifest, files);
    }

    private static async Task<BackupManifest> ReadManifestAsync(Stream stream, CancellationToken cancellationToken)
    {
        var manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, BackupManifest.Json, cancellationToken)
            ?? throw new BackupArchiveException("The archive's manifest is empty.");
        if (manifest.FormatVersion != BackupManifest.CurrentFormat)
        {
            throw new BackupArchiveException($"The archive has format version {manifest.FormatVersion}; this version of Entente reads version {BackupManifest.CurrentFormat}.");
        }

        if (manifest.Parts is null || manifest.Tables is null)
        {
            throw new BackupArchiveException("The archive's manifest lists no parts or no tables.");
        }

        return manifest;
    }
}
