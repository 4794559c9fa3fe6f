using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Entente.Demo;
using Entente.Infrastructure;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Security;
using Entente.Infrastructure.Startup;
using Entente.Modules.Ledger.Contracts;
using Entente.Modules.Ledger.Features;
using Entente.Modules.Registry.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Entente.Bench.Ledger;

/// <summary>
/// Ledger aggregates over a large ledger: <c>GetLedgerAggregates.QueryAsync</c> as the API runs it (a fresh
/// scope and context per call, the label filter of the caller) against <see cref="PlainSqlAggregates"/>, interleaved
/// iteration by iteration. Both must return the same groups, or the run fails.
/// </summary>
public static class LedgerBenchmark
{
    private const string Marker = "dataset.json";

    private static readonly LedgerGrouping[] Groupings = [LedgerGrouping.Donor, LedgerGrouping.Type, LedgerGrouping.Month];

    private static readonly JsonSerializerOptions MarkerJson = new() { WriteIndented = true };

    /// <summary>A delegate of France cleared to CONFIDENTIAL: the label filter decides on every restricted pledge.</summary>
    private static readonly AccessScope Delegate = AccessScope.ForUser(ClassificationLevels.Confidential, "FRA", []);

    public static async Task<int> RunAsync(LedgerBenchOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var root = RepositoryRoot();
        output.WriteLine($"# Ledger aggregates: EF Core against plain SQL ({options.Pledges:N0} pledges, {options.Warmup} warm-up + {options.Iterations} measured iterations per case)");
        output.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {DateTime.UtcNow:yyyy-MM-dd}");
        output.WriteLine();

        await RunProviderAsync(new Target(DatabaseProvider.Sqlite, Path.Combine(root, "artifacts", "bench", $"ledger-sqlite-{options.Pledges}"), null),
            options, output);
        if (options.Postgres is { } postgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(postgres) { Database = $"entente_bench_{options.Pledges}" };
            await RunProviderAsync(new Target(DatabaseProvider.Postgres, Path.Combine(root, "artifacts", "bench", $"ledger-postgres-{options.Pledges}"),
                builder.ConnectionString), options, output);
        }

        return 0;
    }

    private sealed record Target(DatabaseProvider Provider, string DataDirectory, string? ConnectionString);

    private sealed record DatasetMarker(int Pledges, int Transitions, IReadOnlyList<string> Migrations, double BuildSeconds);

    private static async Task RunProviderAsync(Target target, LedgerBenchOptions options, TextWriter output)
    {
        Directory.CreateDirectory(target.DataDirectory);
        await using var app = BuildHost(target, options.ShowSql);
        var dataset = await EnsureDatasetAsync(app.Services, target, options, output);

        var gdp = app.Services.GetRequiredService<GdpTable>();
        var rates = app.Services.GetRequiredService<IFxRates>();
        string connectionString;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            connectionString = scope.ServiceProvider.GetRequiredService<EntenteDbContext>().Database.GetConnectionString()!;
        }

        var postgres = target.Provider == DatabaseProvider.Postgres;
        output.WriteLine($"## {target.Provider}: {dataset.Pledges:N0} pledges, {dataset.Transitions:N0} transitions{await DescribeAsync(connectionString, postgres, target)}");
        output.WriteLine();
        output.WriteLine("| caller | group by | groups | pledges counted | EF Core median | EF Core p95 | plain SQL median | plain SQL p95 | EF / SQL (median) |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");

        foreach (var (callerName, scope) in new[] { ("delegate (FRA, CONFIDENTIAL)", Delegate), ("system / administrator", AccessScope.System) })
        {
            foreach (var grouping in Groupings)
            {
                var ef = new Timings();
                var sql = new Timings();
                LedgerAggregates? efResult = null;
                List<SqlGroup>? sqlResult = null;
                GC.Collect();
                GC.WaitForPendingFinalizers();
                for (var i = 0; i < options.Warmup + options.Iterations; i++)
                {
                    var measured = i >= options.Warmup;
                    var efTimings = measured ? ef : new Timings();
                    var sqlTimings = measured ? sql : new Timings();

                    // Alternate which goes first, so that neither always runs on the other's warm cache.
                    if (i % 2 == 0)
                    {
                        efResult = await efTimings.MeasureAsync(() => EfAsync(app.Services, scope, grouping, gdp, rates));
                        sqlResult = await sqlTimings.MeasureAsync(() => SqlAsync(connectionString, postgres, grouping, scope));
                    }
                    else
                    {
                        sqlResult = await sqlTimings.MeasureAsync(() => SqlAsync(connectionString, postgres, grouping, scope));
                        efResult = await efTimings.MeasureAsync(() => EfAsync(app.Services, scope, grouping, gdp, rates));
                    }
                }

                Compare(efResult!, sqlResult!, callerName, grouping);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {callerName} | {grouping.ToString().ToLowerInvariant()} | {efResult!.Rows.Count} | {efResult.Total.Pledges:N0} | {ef.Median:F1} ms | {ef.P95:F1} ms | {sql.Median:F1} ms | {sql.P95:F1} ms | {ef.Median / sql.Median:F2} |"));
                await output.FlushAsync();
            }
        }

        output.WriteLine();
    }

    private static async Task<LedgerAggregates> EfAsync(IServiceProvider services, AccessScope scope, LedgerGrouping grouping, GdpTable gdp, IFxRates rates)
    {
        // As a request does: its own scope, caller and context.
        await using var requestScope = services.CreateAsyncScope();
        var caller = requestScope.ServiceProvider.GetRequiredService<Caller>();
        if (scope.IsSystem)
        {
            caller.SetSystem("bench:system", "bench");
        }
        else
        {
            caller.SetUser(Guid.Empty, "bench-delegate", scope, "bench", null, "bench");
        }

        var db = requestScope.ServiceProvider.GetRequiredService<EntenteDbContext>();
        return await GetLedgerAggregates.QueryAsync(db, LedgerFilter.Default, grouping, LedgerRanking.Committed, gdp.LatestYear, gdp, rates,
            CancellationToken.None);
    }

    private static async Task<List<SqlGroup>> SqlAsync(string connectionString, bool postgres, LedgerGrouping grouping, AccessScope scope)
    {
        await using var connection = Open(connectionString, postgres);
        await connection.OpenAsync();
        return await PlainSqlAggregates.QueryAsync(connection, postgres, grouping, scope, CancellationToken.None);
    }

    private static DbConnection Open(string connectionString, bool postgres) =>
        postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);

    /// <summary>The baseline only counts if it computes the same thing: same groups, same counts, same sums.</summary>
    private static void Compare(LedgerAggregates ef, List<SqlGroup> sql, string caller, LedgerGrouping grouping)
    {
        var expected = sql
            .Select(g => $"{g.Key.ToUpperInvariant()}:{g.Pledges}:{g.Announced}:{g.Committed}:{g.Allocated}:{g.Delivered}:{(g.AverageDelay is { } d ? Math.Round(d, 1) : null)}")
            .Order(StringComparer.Ordinal).ToList();
        var actual = ef.Rows
            .Select(r => $"{r.Key.ToUpperInvariant()}:{r.Pledges}:{r.AnnouncedEurCents}:{r.CommittedEurCents}:{r.AllocatedEurCents}:{r.DeliveredEurCents}:{r.AverageDelayDays}")
            .Order(StringComparer.Ordinal).ToList();
        if (!expected.SequenceEqual(actual, StringComparer.Ordinal))
        {
            var first = expected.Except(actual).Concat(actual.Except(expected)).First();
            throw new InvalidOperationException($"EF Core and plain SQL disagree for {caller} by {grouping}, for example on {first}.");
        }
    }

    private static WebApplication BuildHost(Target target, bool showSql)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration["Entente:DataDirectory"] = target.DataDirectory;
        builder.Configuration["Entente:Database:Provider"] = target.Provider.ToString();
        builder.Configuration["ConnectionStrings:Entente"] = target.ConnectionString;
        builder.Configuration["Entente:Demo:SeedOnFirstStart"] = "false";
        builder.Configuration["Entente:Audit:RunCheckpointJob"] = "false";
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Otherwise quiet: on a new database EF Core logs the failed read of the (not yet created) migrations history.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", showSql ? LogLevel.Information : LogLevel.Critical);

        builder.AddEntente();
        return builder.Build();
    }

    /// <summary>
    /// Uses the cached database when it holds the requested dataset under the current migrations; otherwise builds it:
    /// migrations as in production, the demo coalition's members through the context, then the pledges in bulk.
    /// </summary>
    private static async Task<DatasetMarker> EnsureDatasetAsync(IServiceProvider services, Target target, LedgerBenchOptions options, TextWriter output)
    {
        IReadOnlyList<string> migrations;
        await using (var scope = services.CreateAsyncScope())
        {
            migrations = scope.ServiceProvider.GetRequiredService<EntenteDbContext>().Database.GetMigrations().ToList();
        }

        var markerPath = Path.Combine(target.DataDirectory, Marker);
        var marker = File.Exists(markerPath) ? JsonSerializer.Deserialize<DatasetMarker>(await File.ReadAllTextAsync(markerPath)) : null;
        if (!options.Rebuild && marker is not null && marker.Pledges == options.Pledges && marker.Migrations.SequenceEqual(migrations)
            && await CountPledgesAsync(services) == marker.Pledges)
        {
            // Migrating an up-to-date database only adds what startup adds beyond the migrations (as on an upgrade).
            await services.PrepareAsync(migrate: true, seedDemo: false);
            output.WriteLine($"(cached {target.Provider} dataset in {Path.GetRelativePath(RepositoryRoot(), target.DataDirectory)}; --rebuild to build it again)");
            return marker;
        }

        output.WriteLine($"(building the {target.Provider} dataset: {options.Pledges:N0} pledges ...)");
        File.Delete(markerPath);
        await DropAsync(target);
        var watch = Stopwatch.StartNew();
        await services.PrepareAsync(migrate: true, seedDemo: false);
        var (pledges, transitions) = await LoadAsync(services, target, options.Pledges);
        marker = new DatasetMarker(pledges, transitions, migrations, Math.Round(watch.Elapsed.TotalSeconds, 1));
        await File.WriteAllTextAsync(markerPath, JsonSerializer.Serialize(marker, MarkerJson));
        output.WriteLine($"(built in {marker.BuildSeconds:F1} s)");
        return marker;
    }

    private static async Task<int> CountPledgesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().SetSystem("bench:system", "bench");
        try
        {
            return await scope.ServiceProvider.GetRequiredService<EntenteDbContext>().Pledges.CountAsync();
        }
        catch (DbException)
        {
            return -1; // no database, or one from other migrations
        }
    }

    private static async Task DropAsync(Target target)
    {
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in Directory.EnumerateFiles(target.DataDirectory, "entente.db*"))
            {
                File.Delete(file);
            }

            return;
        }

        var database = new NpgsqlConnectionStringBuilder(target.ConnectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The database name is built from a number above.
        command.CommandText = $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE); CREATE DATABASE \"{database}\";";
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<(int Pledges, int Transitions)> LoadAsync(IServiceProvider services, Target target, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<Caller>().SetSystem("bench:loader", "bench");
        var db = sp.GetRequiredService<EntenteDbContext>();
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        foreach (var spec in DemoRegistry.Members)
        {
            var member = Member.Register(spec.Code, spec.Name, spec.Kind, null, Label.Public, now).Value!;
            member.RecordStatus(spec.Status, spec.From, null, DemoRegistry.London, today, now);
            db.Members.Add(member);
        }

        await db.SaveChangesAsync();
        var dataset = new LedgerDataset(count, sp.GetRequiredService<IFxRates>(), today);
        var connectionString = db.Database.GetConnectionString()!;
        if (target.Provider == DatabaseProvider.Postgres)
        {
            return await PostgresLedgerWriter.WriteAsync(connectionString, dataset.Generate());
        }

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            // The load is rebuilt from scratch if interrupted, so it need not survive a crash; foreign keys stay checked.
            pragma.CommandText = "PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON;";
            await pragma.ExecuteNonQueryAsync();
        }

        using var writer = new SqliteLedgerWriter(connection);
        foreach (var pledge in dataset.Generate())
        {
            writer.Write(pledge);
        }

        writer.Commit();
        await using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        return (writer.Pledges, writer.Transitions);
    }

    private static async Task<string> DescribeAsync(string connectionString, bool postgres, Target target)
    {
        await using var connection = Open(connectionString, postgres);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = postgres ? "SELECT current_setting('server_version')" : "SELECT sqlite_version()";
        var version = Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        if (postgres)
        {
            return $" (PostgreSQL {version})";
        }

        var size = new FileInfo(Path.Combine(target.DataDirectory, "entente.db")).Length / (1024.0 * 1024.0);
        return string.Create(CultureInfo.InvariantCulture, $" (SQLite {version}, file {size:F0} MiB, WAL)");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Entente.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the repository (no Entente.slnx found above the current directory).");
    }
}
