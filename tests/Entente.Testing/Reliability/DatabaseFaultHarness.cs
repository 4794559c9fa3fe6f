using System.Diagnostics;
using System.Globalization;
using Entente.Infrastructure.Data;
using Entente.Modules.Identity.Domain;
using Entente.Testing.Processes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entente.Testing.Reliability;

/// <summary>Options of the database-fault harness (<c>entente-bench faults</c> and its CI form).</summary>
public sealed record DatabaseFaultOptions
{
    /// <summary>PostgreSQL stop/start cycles under load.</summary>
    public int Cycles { get; init; } = 3;

    /// <summary>How long the database stays down in each cycle.</summary>
    public TimeSpan Down { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Load before each stop, so the pools are full of live connections when the server goes.</summary>
    public TimeSpan Warm { get; init; } = TimeSpan.FromSeconds(3);

    public int Writers { get; init; } = 2;

    public bool SkipSqlite { get; init; }

    public static DatabaseFaultOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new DatabaseFaultOptions();
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--cycles" => options with { Cycles = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--down" => options with { Down = TimeSpan.FromSeconds(double.Parse(args[++i], CultureInfo.InvariantCulture)) },
                "--writers" => options with { Writers = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--skip-sqlite" => options with { SkipSqlite = true },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }

        return options;
    }
}

/// <summary>One stop/start cycle of PostgreSQL, as the harness saw it from outside the host.</summary>
public sealed record FaultCycle(int Number, string StopMode, TimeSpan ToNotReady, TimeSpan ToReady, TimeSpan ToFirstWrite, bool LiveStayed200);

/// <summary>What the PostgreSQL stop/start run observed.</summary>
public sealed record PostgresFaultReport(
    long Requests, long Success, long Unavailable, long Other, IReadOnlyDictionary<string, (int Count, string Sample)> OtherAnswers,
    int Acknowledged, int AcknowledgedLost, bool HostStayedUp, bool AuditVerifies, string AuditOutput, IReadOnlyList<FaultCycle> Cycles);

/// <summary>What the SQLite full-disk run observed.</summary>
public sealed record SqliteFullDiskReport(
    int StoredBefore, int AcceptedWhileFull, int RefusedWhileFull, long Other, IReadOnlyDictionary<string, (int Count, string Sample)> OtherAnswers,
    string IntegrityWhileFull, string IntegrityAfter, int AcknowledgedLost, bool AuditVerifies, string AuditOutput, int WriteAfterFreeing);

/// <summary>A PostgreSQL app whose database lives on a throwaway <see cref="PostgresCluster"/> the harness may stop.</summary>
public sealed class ClusterPostgresApp(PostgresCluster cluster) : PostgresApp
{
    protected override Task<string> CreatePostgresDatabaseAsync() => cluster.CreateDatabaseAsync("entente_faults");

    // The cluster is thrown away whole.
    protected override Task DropPostgresDatabaseAsync(string connectionString) => Task.CompletedTask;
}

/// <summary>
/// Database faults under load (issue 8, item 2). PostgreSQL: the real host runs as a child process on a throwaway
/// server that is stopped (alternately "fast", as an operator's restart, and "immediate", as a crash of the
/// database machine) and started again while clients write and read; the host must stay up, answer 503 with
/// Retry-After, turn not-ready, recover by itself, and keep every acknowledged write. SQLite: the disk fills up
/// under the running host; writes must fail cleanly with 507 and nothing stored may be lost or corrupted.
/// </summary>
public static class DatabaseFaultHarness
{
    public static async Task<PostgresFaultReport> RunPostgresAsync(DatabaseFaultOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        await using var cluster = await PostgresCluster.StartNewAsync(cancellationToken);
        await using var app = new ClusterPostgresApp(cluster);
        await app.InitializeAsync();
        var user = await app.CreateUserAsync(Roles.Delegate, "GBR", 1);
        var token = await app.IssueTokenAsync(user, "faults");

        // Settings the host takes as an operator would; the connection string is the one the fixture migrated.
        await using var host = new HostProcess(app.AllSettings());
        await host.StartAsync(cancellationToken: cancellationToken);
        var (api, pages) = DatabaseFaultLoad.Clients(host.BaseAddress, token);
        using var probe = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        await using var load = new DatabaseFaultLoad(api, pages, "GBR");
        load.Start(options.Writers);

        var cycles = new List<FaultCycle>();
        for (var n = 1; n <= options.Cycles; n++)
        {
            await Task.Delay(options.Warm, cancellationToken);
            var immediate = n % 2 == 0;
            await cluster.StopAsync(immediate, cancellationToken);
            var down = Stopwatch.StartNew();
            var live = true;
            var toNotReady = await WaitForReadyAsync(probe, expectReady: false, TimeSpan.FromSeconds(30), ok => live &= ok, cancellationToken);
            var rest = options.Down - down.Elapsed;
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest, cancellationToken);
            }

            await cluster.StartAsync(cancellationToken);
            var up = Stopwatch.StartNew();
            var upAt = Stopwatch.GetTimestamp();
            var toReady = await WaitForReadyAsync(probe, expectReady: true, TimeSpan.FromSeconds(60), ok => live &= ok, cancellationToken);
            while (load.LastAcknowledged < upAt && up.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(50, cancellationToken);
            }

            var cycle = new FaultCycle(n, immediate ? "immediate" : "fast", toNotReady, toReady, up.Elapsed, live);
            cycles.Add(cycle);
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"cycle {n} ({cycle.StopMode} stop): not-ready after {toNotReady.TotalMilliseconds:F0} ms; ready {toReady.TotalMilliseconds:F0} ms " +
                $"and first acknowledged write {cycle.ToFirstWrite.TotalMilliseconds:F0} ms after the server started; live stayed 200: {live}"));
        }

        await Task.Delay(options.Warm, cancellationToken);
        await load.StopAsync();
        var hostUp = host.IsRunning;
        if (load.OtherCount > 0)
        {
            // The host's own account of the unexpected answers (its error log lines), for whoever reads the report.
            foreach (var line in host.RecentOutput.Split('\n').Where(l => l.Contains("\"fail\"", StringComparison.OrdinalIgnoreCase)
                || l.Contains("Exception", StringComparison.Ordinal)))
            {
                await log.WriteLineAsync("host: " + (line.Length > 4000 ? line[..4000] : line));
            }
        }

        // The fixture's own pool (in this process) also held connections to the server that went away; like the
        // host's, it heals by discarding each broken connection on its first use, hence the few attempts.
        var acknowledged = load.Acknowledged.ToHashSet();
        var stored = await RetryAsync(() => app.DbAsync(async db =>
            (await db.Pledges.AsNoTracking().Select(p => p.Id).ToListAsync(cancellationToken)).ToHashSet()));
        var lost = acknowledged.Count(id => !stored.Contains(id));
        var audit = await RetryAsync(() => app.RunCliAsync("audit", "verify"));
        api.Dispose();
        pages.Dispose();
        return new PostgresFaultReport(load.Requests, load.Success, load.Unavailable, load.OtherCount, load.Other.ToDictionary(),
            acknowledged.Count, lost, hostUp, audit.ExitCode == 0, (audit.Output + audit.Error).Trim(), cycles);
    }

    public static async Task<SqliteFullDiskReport> RunSqliteAsync(TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        await using var app = new SqliteApp();
        await app.InitializeAsync();
        var user = await app.CreateUserAsync(Roles.Delegate, "FRA", 1);
        var token = await app.IssueTokenAsync(user, "faults");
        var quota = new SqliteStorageQuota();
        await using var host = app.AnotherHost().WithWebHostBuilder(builder => Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions
            .ConfigureTestServices(builder, services => services.ConfigureDbContext<EntenteDbContext>(o => o.AddInterceptors(quota))));
        using var handler = host.Server.CreateHandler();
        var (api, pages) = DatabaseFaultLoad.Clients(new Uri("https://localhost/"), token, handler);
        await using var load = new DatabaseFaultLoad(api, pages, "FRA");

        const int before = 20;
        for (var i = 0; i < before; i++)
        {
            await load.WriteOnceAsync(cancellationToken);
        }

        var storedBefore = load.Acknowledged.Count;
        quota.Full = true;
        var acceptedWhileFull = 0;
        var refused = 0;
        for (var i = 0; i < 400 && refused < 10; i++)
        {
            var status = await load.WriteOnceAsync(cancellationToken);
            acceptedWhileFull += status is >= 200 and < 300 ? 1 : 0;
            refused += status == 507 ? 1 : 0;
        }

        var integrityWhileFull = await IntegrityAsync(app.ConnectionString);
        await log.WriteLineAsync($"SQLite full disk: {storedBefore} stored before, {acceptedWhileFull} accepted into free pages, {refused} refused with 507; integrity_check: {integrityWhileFull}");

        quota.Full = false;
        var afterFreeing = await load.WriteOnceAsync(cancellationToken);
        var stored = await app.DbAsync(async db => (await db.Pledges.AsNoTracking().Select(p => p.Id).ToListAsync(cancellationToken)).ToHashSet());
        var lost = load.Acknowledged.Count(id => !stored.Contains(id));
        var audit = await app.RunCliAsync("audit", "verify");
        var integrityAfter = await IntegrityAsync(app.ConnectionString);
        api.Dispose();
        pages.Dispose();
        return new SqliteFullDiskReport(storedBefore, acceptedWhileFull, refused, load.OtherCount, load.Other.ToDictionary(),
            integrityWhileFull, integrityAfter, lost, audit.ExitCode == 0, (audit.Output + audit.Error).Trim(), afterFreeing);
    }

    /// <summary>The full run: prints a report and answers 0 when every promise held.</summary>
    public static async Task<int> RunAsync(DatabaseFaultOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);

        // Outside the test assemblies, the in-process fixture finds the host's content root only through this variable.
        if (Environment.GetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_ENTENTE") is null)
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Entente.slnx")))
            {
                root = root.Parent;
            }

            if (root is not null)
            {
                Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_ENTENTE", Path.Combine(root.FullName, "src", "Entente"));
            }
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Database faults: {options.Cycles} PostgreSQL stop/start cycles under load ({options.Writers} writers, 1 reader), down {options.Down.TotalSeconds:F0} s each"));
        var pg = await RunPostgresAsync(options, output);
        var ok = pg.Other == 0 && pg.AcknowledgedLost == 0 && pg.HostStayedUp && pg.AuditVerifies && pg.Cycles.All(c => c.LiveStayed200);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"PostgreSQL: requests {pg.Requests}, 2xx {pg.Success}, 503 {pg.Unavailable}, other {pg.Other}; acknowledged writes {pg.Acknowledged}, lost {pg.AcknowledgedLost}; " +
            $"host stayed up: {pg.HostStayedUp}; audit chain verifies: {pg.AuditVerifies}"));
        if (pg.Cycles.Count > 0)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  time to not-ready: max {pg.Cycles.Max(c => c.ToNotReady.TotalMilliseconds):F0} ms; to ready after restart: max {pg.Cycles.Max(c => c.ToReady.TotalMilliseconds):F0} ms; " +
                $"to first acknowledged write: max {pg.Cycles.Max(c => c.ToFirstWrite.TotalMilliseconds):F0} ms"));
        }

        foreach (var (what, (count, sample)) in pg.OtherAnswers)
        {
            await output.WriteLineAsync($"  OTHER {count} x {what}: {sample}");
        }

        if (!options.SkipSqlite)
        {
            var sqlite = await RunSqliteAsync(output);
            ok &= sqlite.RefusedWhileFull > 0 && sqlite.Other == 0 && sqlite.AcknowledgedLost == 0 && sqlite.AuditVerifies
                && sqlite.IntegrityWhileFull == "ok" && sqlite.IntegrityAfter == "ok" && sqlite.WriteAfterFreeing == 201;
            await output.WriteLineAsync(
                $"SQLite: other answers {sqlite.Other}, acknowledged lost {sqlite.AcknowledgedLost}, integrity after {sqlite.IntegrityAfter}, " +
                $"audit chain verifies: {sqlite.AuditVerifies}, write after freeing space: {sqlite.WriteAfterFreeing}");
            foreach (var (what, (count, sample)) in sqlite.OtherAnswers)
            {
                await output.WriteLineAsync($"  OTHER {count} x {what}: {sample}");
            }
        }

        await output.WriteLineAsync(ok ? "All promises held." : "FAILED: see above.");
        return ok ? 0 : 1;
    }

    /// <summary>Polls <c>/health/ready</c> until it is (or is not) 200; reports whether <c>/health/live</c> stayed 200.</summary>
    private static async Task<TimeSpan> WaitForReadyAsync(HttpClient probe, bool expectReady, TimeSpan limit, Action<bool> live, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            using (var alive = await probe.GetAsync(new Uri("health/live", UriKind.Relative), cancellationToken))
            {
                live(alive.IsSuccessStatusCode);
            }

            using var ready = await probe.GetAsync(new Uri("health/ready", UriKind.Relative), cancellationToken);
            if (ready.IsSuccessStatusCode == expectReady)
            {
                return clock.Elapsed;
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException($"/health/ready did not turn {(expectReady ? "ready" : "not-ready")} within {limit}.");
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> action)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action();
            }
            catch (Exception ex) when (attempt < 5 && DatabaseFailures.IsUnavailable(ex))
            {
                await Task.Delay(500);
            }
        }
    }

    private static async Task<string> IntegrityAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
