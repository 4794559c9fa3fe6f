using System.CommandLine;
using System.Globalization;
using Entente.Cli.Backups;
using Entente.Infrastructure.Data;
using Entente.Modules.Audit;
using Microsoft.EntityFrameworkCore;

namespace Entente.Cli;

/// <summary>
/// <c>entente restore FILE [--force] [--pg-restore PATH]</c>: checks the archive against its manifest, restores the
/// database and the keys into this installation, migrates it if the archive is older, then verifies the audit chain
/// and compares every table's row count with the manifest. Exit codes: 0 restored and verified; 1 refused or failed
/// (a refusal changes nothing); 2 restored, but a count, the chain's head or the chain itself does not match.
/// </summary>
internal static class RestoreCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "Archive written by `entente backup`." };
        var force = new Option<bool>("--force")
        {
            Description = "Replace a database that already holds tables (otherwise the restore refuses to touch it).",
        };
        var pgRestore = new Option<string?>("--pg-restore")
        {
            Description = "pg_restore program to use on PostgreSQL (default: the newest under /usr/lib/postgresql, else PATH).",
        };
        var command = new Command("restore", "Restore an archive written by `entente backup` into the configured database and key files; stop the host first. Refuses a damaged or altered archive, and a database that is not empty unless --force.")
        {
            file, force, pgRestore,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await RunAsync(context, parse.GetValue(file)!, parse.GetValue(force), parse.GetValue(pgRestore), cancellationToken);
            }
            catch (BackupArchiveException ex)
            {
                await context.Error.WriteLineAsync($"error: {ex.Message}");
                return 1;
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or System.Data.Common.DbException)
            {
                await context.Error.WriteLineAsync($"error: the restore failed: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string path, bool force, string? pgRestore, CancellationToken cancellationToken)
    {
        var o = context.Output;
        using var staging = new BackupStaging();

        // Nothing is touched before every part of the archive has been checked.
        var (manifest, parts) = await BackupArchive.ExtractAsync(path, staging.Path, cancellationToken);
        await o.WriteLineAsync($"Archive {path}: {manifest.Parts.Count} part(s) match the manifest; {manifest.Provider} database copied at {manifest.CreatedUtc:yyyy-MM-dd HH:mm:ss} UTC, schema {manifest.Migration ?? "(none)"}.");

        BackupLocations locations;
        await using (var configured = context.BuildUnprepared())
        {
            locations = BackupLocations.From(configured.Services);
            if (!string.Equals(manifest.Provider, locations.Provider.ToString(), StringComparison.Ordinal))
            {
                throw new BackupArchiveException($"The archive holds a {manifest.Provider} database but this installation uses {locations.Provider}; nothing was restored.");
            }

            await using var scope = configured.Services.CreateAsyncScope();
            var known = scope.ServiceProvider.GetRequiredService<EntenteDbContext>().Database.GetMigrations().ToList();
            if (manifest.Migration is { } migration && !known.Contains(migration, StringComparer.Ordinal))
            {
                throw new BackupArchiveException($"The archive's schema ({migration}) is newer than this version of Entente knows; restore it with the version that wrote it. Nothing was restored.");
            }
        }

        var existing = locations.Provider == DatabaseProvider.Postgres
            ? await PostgresBackups.TablesAsync(locations.ConnectionString, cancellationToken)
            : await SqliteBackups.TablesAsync(locations.ConnectionString, cancellationToken);
        if (existing.Count > 0 && !force)
        {
            throw new BackupArchiveException(
                $"The configured database is not empty ({existing.Count} tables); nothing was restored. Restore into an empty database, " +
                "or pass --force to replace its contents (back it up first).");
        }

        var restored = locations.Provider switch
        {
            DatabaseProvider.Postgres => await PostgresBackups.RestoreAsync(locations.ConnectionString,
                PostgresBackups.FindTool("pg_restore", pgRestore), parts[BackupParts.PostgresDump], cancellationToken),
            _ => await SqliteBackups.RestoreAsync(locations.ConnectionString, parts[BackupParts.SqliteDatabase], cancellationToken),
        };
        await o.WriteLineAsync($"Database restored: {restored.Tables.Values.Sum().ToString("N0", CultureInfo.InvariantCulture)} rows in {restored.Tables.Count} tables.");

        var problems = new List<string>();
        problems.AddRange(restored.DifferencesFrom(manifest.Tables));
        if (restored.AuditHead != manifest.AuditHead)
        {
            problems.Add($"the audit chain's head is {Head(restored.AuditHead)}, the archive recorded {Head(manifest.AuditHead)}");
        }

        await RestoreKeysAsync(context, manifest, parts, locations, cancellationToken);

        await using var app = context.BuildUnprepared();
        await using (var scope = CliContext.OperatorScope(app.Services))
        {
            var db = scope.ServiceProvider.GetRequiredService<EntenteDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await Infrastructure.Startup.PlatformStartup.MigrateAsync(db, cancellationToken);
            await o.WriteLineAsync(pending.Count == 0
                ? "Schema: current, no migration needed."
                : $"Schema: the archive was older; applied {pending.Count} migration(s): {string.Join(", ", pending)}.");
        }

        await using (var scope = CliContext.OperatorScope(app.Services))
        {
            using var signer = File.Exists(locations.AuditSigningKey) ? CheckpointSigner.Load(locations.AuditSigningKey, create: false) : null;
            if (signer is null)
            {
                await context.Error.WriteLineAsync($"warning: no audit signing key at '{locations.AuditSigningKey}': checkpoints are compared but their signatures are not checked.");
            }

            var verification = await new AuditChainVerifier(scope.ServiceProvider.GetRequiredService<EntenteDbContext>(), signer,
                scope.ServiceProvider.GetRequiredService<CheckpointWitness>()).VerifyAsync(cancellationToken);
            if (verification.IsValid)
            {
                await o.WriteLineAsync($"Audit chain: {verification.EntriesChecked} entries form an unbroken chain; {verification.CheckpointsVerified} signed checkpoint(s) verified.");
            }
            else
            {
                problems.Add(verification.FirstBadSequence is { } bad
                    ? $"the audit chain does not verify at entry {bad}: {verification.Problem}"
                    : $"the audit chain does not verify: {verification.Problem}");
            }
        }

        if (problems.Count == 0)
        {
            await o.WriteLineAsync($"Every table's row count matches the archive ({manifest.TotalRows.ToString("N0", CultureInfo.InvariantCulture)} rows); audit chain head {Head(manifest.AuditHead)}. Restore complete.");
            return 0;
        }

        await o.WriteLineAsync("MISMATCH: the restored installation does not match the archive:");
        foreach (var problem in problems)
        {
            await o.WriteLineAsync($"  {problem}");
        }

        return 2;
    }

    /// <summary>
    /// Writes the archive's key files where this installation looks for them. A different file already there is kept
    /// beside it (<c>.before-restore-…</c>) rather than lost: it may be the only key that verifies other data.
    /// </summary>
    private static async Task RestoreKeysAsync(CliContext context, Backups.BackupManifest manifest, IReadOnlyDictionary<string, string> parts,
        BackupLocations locations, CancellationToken cancellationToken)
    {
        if (!manifest.KeysIncluded)
        {
            await context.Output.WriteLineAsync(
                "Keys: the archive holds none (written with --without-keys). Put the original audit signing key and checkpoint copy in place " +
                "from their own backup: with any other key the restored checkpoints do not verify.");
            return;
        }

        var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var written = new List<string>();
        foreach (var (name, extracted) in parts.Where(p => BackupParts.IsKey(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var target = locations.KeyTarget(name)
                ?? throw new BackupArchiveException($"The archive holds a key part '{name}' this version does not know; the database was restored, the keys were not.");
            var bytes = await File.ReadAllBytesAsync(extracted, cancellationToken);
            if (File.Exists(target))
            {
                if ((await File.ReadAllBytesAsync(target, cancellationToken)).AsSpan().SequenceEqual(bytes))
                {
                    continue;
                }

                var aside = $"{target}.before-restore-{stamp}";
                File.Move(target, aside);
                await context.Output.WriteLineAsync($"  kept the previous {name} as {aside}");
            }

            var directory = Path.GetDirectoryName(Path.GetFullPath(target))!;
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using (var stream = new FileStream(target, options))
            {
                await stream.WriteAsync(bytes, cancellationToken);
            }

            written.Add(name);
        }

        await context.Output.WriteLineAsync(written.Count == 0
            ? "Keys: already in place, unchanged."
            : $"Keys: {written.Count} file(s) written, readable by their owner only: {string.Join(", ", written)}.");
    }

    private static string Head(AuditHead? head) =>
        head is null ? "empty" : $"entry {head.Sequence.ToString(CultureInfo.InvariantCulture)} ({head.Hash})";
}
