using System.CommandLine;
using System.Globalization;
using Entente.Cli.Backups;
using Entente.Infrastructure.Data;

namespace Entente.Cli;

/// <summary>
/// <c>entente backup [--output FILE] [--without-keys] [--pg-dump PATH]</c>: one archive with a manifest, a consistent
/// copy of the database taken while the host may keep running, and (by default) the installation's keys.
/// Exit codes: 0 written, 1 not written.
/// </summary>
internal static class BackupCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Archive to write (default: entente-backup-<UTC time>.tar.gz in the current directory). Never replaced if it exists.",
        };
        var withoutKeys = new Option<bool>("--without-keys")
        {
            Description = "Leave the signing keys and the data-protection key ring out (back them up separately).",
        };
        var pgDump = new Option<string?>("--pg-dump")
        {
            Description = "pg_dump program to use on PostgreSQL (default: the newest under /usr/lib/postgresql, else PATH).",
        };
        var command = new Command("backup", "Write one archive with the database (SQLite online backup, or pg_dump), the keys and a manifest of hashes and row counts. The host may keep running.")
        {
            output, withoutKeys, pgDump,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await RunAsync(context, parse.GetValue(output), parse.GetValue(withoutKeys), parse.GetValue(pgDump), cancellationToken);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or System.Data.Common.DbException)
            {
                await context.Error.WriteLineAsync($"error: no backup was written: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string? output, bool withoutKeys, string? pgDump, CancellationToken cancellationToken)
    {
        await using var app = await context.BuildAsync(migrate: false, cancellationToken);
        var locations = BackupLocations.From(app.Services);
        var time = app.Services.GetRequiredService<TimeProvider>();
        var started = time.GetUtcNow().UtcDateTime;
        var path = Path.GetFullPath(output ?? $"entente-backup-{started.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.tar.gz");

        using var staging = new BackupStaging();
        var files = new List<(string Name, string Path)>();

        // Keys first, then the database: the checkpoint copy only moves forward, so a copy taken before the database
        // never names a checkpoint the database copy lacks.
        if (!withoutKeys)
        {
            foreach (var (name, source) in locations.ExistingKeyFiles())
            {
                var copy = staging.File($"key-{files.Count:D4}");
                File.Copy(source, copy);
                files.Add((name, copy));
            }
        }

        DatabaseContents contents;
        switch (locations.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqliteCopy = staging.File("entente.db");
                contents = await SqliteBackups.CopyAsync(locations.ConnectionString, sqliteCopy, cancellationToken);
                files.Insert(0, (BackupParts.SqliteDatabase, sqliteCopy));
                break;
            case DatabaseProvider.Postgres:
                var dump = staging.File("entente.dump");
                contents = await PostgresBackups.DumpAsync(locations.ConnectionString, PostgresBackups.FindTool("pg_dump", pgDump), dump, cancellationToken);
                files.Insert(0, (BackupParts.PostgresDump, dump));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{locations.Provider}'.");
        }

        var parts = new List<BackupPart>();
        foreach (var (name, file) in files)
        {
            parts.Add(await BackupArchive.DescribeAsync(name, file, cancellationToken));
        }

        var manifest = new BackupManifest(BackupManifest.CurrentFormat, locations.Provider.ToString(), contents.Migration, started,
            contents.AuditHead, contents.Tables, parts, KeysIncluded: !withoutKeys);
        await BackupArchive.WriteAsync(path, manifest, files, cancellationToken);

        var o = context.Output;
        var size = new FileInfo(path).Length;
        await o.WriteLineAsync($"Wrote {path} ({Size(size)}).");
        await o.WriteLineAsync("  The file is readable by its owner only (mode 0600): it holds the whole database" +
            (withoutKeys ? "." : " and the installation's keys. Keep it as secret as the keys themselves."));
        await o.WriteLineAsync($"  {locations.Provider} database, schema {contents.Migration ?? "(none)"}, copied at {started:yyyy-MM-dd HH:mm:ss} UTC.");
        await o.WriteLineAsync($"  {contents.Tables.Values.Sum().ToString("N0", CultureInfo.InvariantCulture)} rows in {contents.Tables.Count} tables:");
        foreach (var (table, rows) in contents.Tables.Where(t => t.Value > 0))
        {
            await o.WriteLineAsync($"    {table,-40} {rows.ToString("N0", CultureInfo.InvariantCulture),12}");
        }

        await o.WriteLineAsync(contents.AuditHead is { } head
            ? $"  Audit chain head: entry {head.Sequence.ToString(CultureInfo.InvariantCulture)}, hash {head.Hash}."
            : "  Audit chain: empty.");
        var keyParts = parts.Where(p => BackupParts.IsKey(p.Name)).ToList();
        await o.WriteLineAsync(withoutKeys
            ? "  Keys: left out (--without-keys). Checkpoints restored from this archive verify only against the original " +
              "audit signing key: a restore into an installation with a new key reports them as not verifying. Back up the keys separately."
            : $"  Keys: {keyParts.Count} file(s) ({string.Join(", ", keyParts.Select(p => p.Name))}).");
        return 0;
    }

    internal static string Size(long bytes) => bytes switch
    {
        >= 1 << 30 => (bytes / (double)(1 << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB",
        >= 1 << 20 => (bytes / (double)(1 << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        >= 1 << 10 => (bytes / (double)(1 << 10)).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };
}
