using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Entente.Cli;
using Entente.Cli.Backups;
using Entente.Demo;
using Entente.Infrastructure.Data;
using Entente.Modules.Identity.Domain;
using Entente.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Entente.Tests.Reliability;

/// <summary>
/// <c>entente backup</c> and <c>entente restore</c>: an archive taken while the host keeps writing restores into a fresh
/// installation with every record, every document's bytes and an audit chain whose signed checkpoints verify; a
/// damaged archive or a database that is not empty is refused without changing anything.
/// </summary>
public abstract class BackupRestoreTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static readonly string[] ModuleTables =
    [
        "registry_members", "identity_users", "ledger_pledges", "monitoring_observations", "summits_meetings",
        "summits_proposals", "sharing_documents", "sharing_document_contents", "audit_entries", "audit_checkpoints",
    ];

    [Fact]
    public async Task A_backup_taken_while_the_host_writes_restores_into_a_fresh_installation_with_every_record_and_a_verifying_chain()
    {
        await PopulateAsync();
        var checkpoint = await app.RunCliAsync("audit", "checkpoint");
        Assert.True(checkpoint.ExitCode == 0, checkpoint.Output + checkpoint.Error);
        var before = await CountsAsync(app.AllSettings());
        var pledge = await app.DbAsync(db => db.Pledges.IgnoreQueryFilters().AsNoTracking().OrderBy(p => p.Id).FirstAsync());
        var documents = await DocumentHashesAsync(app.AllSettings());
        Assert.NotEmpty(documents);

        await using var target = await FreshInstallation.CreateAsync(app);
        var archive = Path.Combine(target.Directory, "backup.tar.gz");

        // The host keeps writing (new users, their audit entries, one more checkpoint) while the backup runs.
        using var stop = new CancellationTokenSource();
        var written = 0;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await app.CreateUserAsync(Roles.Delegate, "FRA", 1);
                if (Interlocked.Increment(ref written) == 3)
                {
                    await app.RunCliAsync("audit", "checkpoint");
                }
            }
        }, TestContext.Current.CancellationToken);
        CliResult backup;
        try
        {
            backup = await app.RunCliAsync(["backup", "--output", archive, .. PgTool("--pg-dump", "pg_dump")]);
        }
        finally
        {
            await stop.CancelAsync();
            await writer;
        }

        Assert.True(backup.ExitCode == 0, backup.Output + backup.Error);
        Assert.Contains("mode 0600", backup.Output, StringComparison.Ordinal);
        Assert.Contains("Audit chain head: entry", backup.Output, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(archive));
        }

        var restore = await target.RunCliAsync(["restore", archive, .. PgTool("--pg-restore", "pg_restore")]);
        Assert.True(restore.ExitCode == 0, restore.Output + restore.Error);
        Assert.Contains("Every table's row count matches the archive", restore.Output, StringComparison.Ordinal);

        // Every table holds what the archive's manifest says, and at least what existed before the backup began.
        BackupManifest manifest;
        using (var staging = new BackupStaging())
        {
            manifest = (await BackupArchive.ExtractAsync(archive, staging.Path, CancellationToken.None)).Manifest;
        }

        var restored = await CountsAsync(target.Settings);
        Assert.Equal(manifest.Tables.OrderBy(t => t.Key), restored.Tables.OrderBy(t => t.Key));
        foreach (var table in ModuleTables)
        {
            Assert.True(restored.Tables[table] > 0, $"{table} is empty after the restore");
            Assert.True(restored.Tables[table] >= before.Tables[table], $"{table}: {restored.Tables[table]} restored, {before.Tables[table]} before the backup");
        }

        Assert.Equal(manifest.AuditHead, restored.AuditHead);
        Assert.True(manifest.AuditHead!.Sequence >= before.AuditHead!.Sequence);

        // Records read back the same, and every document's bytes are the bytes uploaded.
        var copy = await target.DbAsync(db => db.Pledges.IgnoreQueryFilters().AsNoTracking().FirstAsync(p => p.Id == pledge.Id));
        Assert.Equal((pledge.DonorCode, pledge.Measure, pledge.Amount, pledge.Currency, pledge.AnnouncedOn),
            (copy.DonorCode, copy.Measure, copy.Amount, copy.Currency, copy.AnnouncedOn));
        var restoredDocuments = await DocumentHashesAsync(target.Settings);
        foreach (var (version, sha256) in documents)
        {
            Assert.Equal(sha256, restoredDocuments[version]);
        }

        // The chain verifies in the new installation, signed checkpoints included (its keys came with the archive).
        var verify = await target.RunCliAsync("audit", "verify");
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
        Assert.Matches(@"[1-9]\d* signed checkpoint\(s\) verified", verify.Output);
    }

    [Fact]
    public async Task An_altered_archive_is_refused_naming_the_part_and_nothing_is_restored()
    {
        await PopulateAsync();
        await using var target = await FreshInstallation.CreateAsync(app);
        var archive = Path.Combine(target.Directory, "backup.tar.gz");
        var backup = await app.RunCliAsync(["backup", "--output", archive, .. PgTool("--pg-dump", "pg_dump")]);
        Assert.True(backup.ExitCode == 0, backup.Output + backup.Error);
        var part = app.Provider == TestProvider.Postgres ? BackupParts.PostgresDump : BackupParts.SqliteDatabase;
        var altered = Path.Combine(target.Directory, "altered.tar.gz");
        await AlterOneByteAsync(archive, altered, part);

        var restore = await target.RunCliAsync(["restore", altered, .. PgTool("--pg-restore", "pg_restore")]);

        Assert.Equal(1, restore.ExitCode);
        Assert.Contains($"Part '{part}' does not match the manifest", restore.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was restored", restore.Error, StringComparison.Ordinal);
        Assert.Empty(await target.TablesAsync());
        Assert.False(Directory.Exists(Path.Combine(target.Directory, "keys")), "keys were written from a refused archive");
    }

    [Fact]
    public async Task Restoring_over_a_database_that_is_not_empty_is_refused_without_force()
    {
        await PopulateAsync();
        await using var scratch = await FreshInstallation.CreateAsync(app);
        var archive = Path.Combine(scratch.Directory, "backup.tar.gz");
        var backup = await app.RunCliAsync(["backup", "--output", archive, .. PgTool("--pg-dump", "pg_dump")]);
        Assert.True(backup.ExitCode == 0, backup.Output + backup.Error);
        await app.CreateUserAsync(Roles.Analyst, "GBR", 2); // the live database moves on after the backup
        var before = await CountsAsync(app.AllSettings());

        var restore = await app.RunCliAsync(["restore", archive, .. PgTool("--pg-restore", "pg_restore")]);

        Assert.Equal(1, restore.ExitCode);
        Assert.Contains("is not empty", restore.Error, StringComparison.Ordinal);
        Assert.Contains("--force", restore.Error, StringComparison.Ordinal);
        var after = await CountsAsync(app.AllSettings());
        Assert.Equal(before.Tables["identity_users"], after.Tables["identity_users"]);
        Assert.Equal(before.AuditHead, after.AuditHead);
    }

    /// <summary>Fills the installation once with the demo data set: members, users, pledges, meetings, proposals, documents, observations.</summary>
    private async Task PopulateAsync()
    {
        if (await app.DbAsync(db => db.Settings.AnyAsync(s => s.Key == DemoSeeder.SeededSetting)))
        {
            return;
        }

        await app.AsSystemAsync(async sp => await ActivatorUtilities.CreateInstance<DemoSeeder>(sp).SeedAsync(CancellationToken.None));
    }

    /// <summary>On PostgreSQL, the client tool of the server the tests run (the test command names its directory).</summary>
    private string[] PgTool(string option, string name) =>
        app.Provider == TestProvider.Postgres && Environment.GetEnvironmentVariable("ENTENTE_TEST_PG_BIN") is { Length: > 0 } bin
            ? [option, Path.Combine(bin, name)]
            : [];

    private Task<DatabaseContents> CountsAsync(IEnumerable<KeyValuePair<string, string?>> settings) =>
        WithConnectionAsync(settings, connection => DatabaseContents.ReadAsync(connection, null, CancellationToken.None));

    private static async Task<Dictionary<Guid, string>> DocumentHashesAsync(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var hashes = new Dictionary<Guid, string>();
        await using var cli = await BuildAsync(settings);
        await using var scope = CliContext.OperatorScope(cli.Services);
        var db = scope.ServiceProvider.GetRequiredService<EntenteDbContext>();
        foreach (var content in await db.DocumentContents.AsNoTracking().ToListAsync())
        {
            hashes[content.VersionId] = Convert.ToHexString(SHA256.HashData(content.Bytes));
        }

        return hashes;
    }

    private async Task<T> WithConnectionAsync<T>(IEnumerable<KeyValuePair<string, string?>> settings, Func<System.Data.Common.DbConnection, Task<T>> action)
    {
        var connectionString = settings.First(s => s.Key == "ConnectionStrings:Entente").Value!;
        await using System.Data.Common.DbConnection connection = app.Provider == TestProvider.Postgres
            ? new NpgsqlConnection(connectionString)
            : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return await action(connection);
    }

    private static Task<WebApplication> BuildAsync(IEnumerable<KeyValuePair<string, string?>> settings) =>
        new CliContext(TextWriter.Null, TextWriter.Null, builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.Configuration[key] = value;
            }
        }).BuildAsync(migrate: false, CancellationToken.None);

    /// <summary>Copies the archive, changing one byte in the middle of <paramref name="part"/> and keeping its manifest.</summary>
    private static async Task AlterOneByteAsync(string source, string target, string part)
    {
        await using var input = new GZipStream(File.OpenRead(source), CompressionMode.Decompress);
        await using var reader = new TarReader(input);
        await using var output = new GZipStream(File.Create(target), CompressionLevel.Fastest);
        await using var writer = new TarWriter(output, TarEntryFormat.Pax);
        while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
        {
            if (entry.Name == part)
            {
                using var bytes = new MemoryStream();
                await entry.DataStream!.CopyToAsync(bytes);
                var data = bytes.ToArray();
                data[data.Length / 2] ^= 0x01;
                entry.DataStream = new MemoryStream(data);
            }

            await writer.WriteEntryAsync(entry);
        }
    }

    /// <summary>A new installation that has never run: an empty data directory and a database with no tables.</summary>
    private sealed class FreshInstallation : IAsyncDisposable
    {
        private readonly TestProvider _provider;

        private FreshInstallation(TestProvider provider, string directory, IReadOnlyDictionary<string, string?> settings)
        {
            _provider = provider;
            Directory = directory;
            Settings = settings;
        }

        public string Directory { get; }

        public IReadOnlyDictionary<string, string?> Settings { get; }

        private string ConnectionString => Settings["ConnectionStrings:Entente"]!;

        public static async Task<FreshInstallation> CreateAsync(EntenteApp source)
        {
            var directory = Path.Combine(Path.GetTempPath(), "entente-tests", "restore-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(directory);
            var connectionString = source.Provider == TestProvider.Postgres
                ? await TestPostgres.CreateDatabaseAsync("entente_restore")
                : new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "entente.db") }.ToString();
            var settings = source.AllSettings().ToDictionary(s => s.Key, s => s.Value);
            settings["Entente:DataDirectory"] = directory;
            settings["ConnectionStrings:Entente"] = connectionString;
            return new FreshInstallation(source.Provider, directory, settings);
        }

        public async Task<CliResult> RunCliAsync(params string[] args)
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exit = await CliApp.RunAsync(args, output, error, builder =>
            {
                foreach (var (key, value) in Settings)
                {
                    builder.Configuration[key] = value;
                }
            });
            return new CliResult(exit, output.ToString(), error.ToString());
        }

        public async Task<T> DbAsync<T>(Func<EntenteDbContext, Task<T>> action)
        {
            await using var cli = await BuildAsync(Settings);
            await using var scope = CliContext.OperatorScope(cli.Services);
            return await action(scope.ServiceProvider.GetRequiredService<EntenteDbContext>());
        }

        public Task<IReadOnlyList<string>> TablesAsync() => _provider == TestProvider.Postgres
            ? PostgresBackups.TablesAsync(ConnectionString, CancellationToken.None)
            : SqliteBackups.TablesAsync(ConnectionString, CancellationToken.None);

        public async ValueTask DisposeAsync()
        {
            if (_provider == TestProvider.Postgres)
            {
                await TestPostgres.DropDatabaseAsync(ConnectionString);
            }
            else
            {
                SqliteConnection.ClearAllPools();
            }

            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow shutdown; the temporary directory is cleaned by the OS.
            }
        }
    }
}

public sealed class BackupRestoreTestsOnSqlite(SqliteApp app) : BackupRestoreTests<SqliteApp>(app);

public sealed class BackupRestoreTestsOnPostgres(PostgresApp app) : BackupRestoreTests<PostgresApp>(app);
