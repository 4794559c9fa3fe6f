using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Microsoft.Data.Sqlite;

namespace Entente.Bench.Monitoring;

/// <summary>The real host on a loopback port, on SQLite, as a deployment on the embedded default runs it.</summary>
internal sealed class LoopbackSqliteHost : SqliteApp
{
    protected override bool RealServer => true;
}

/// <summary>
/// Bulk ingest through the HTTP API (<c>POST /api/v1/observations/batch</c>, JSON lines, with an Idempotency-Key, as a
/// monitor's feed token) against a bare insert of the same rows into the same table of the same database: after each
/// batch the rows the product stored are read back (not timed) and inserted again under new ids and source ids with a
/// prepared statement in one transaction per batch — no parsing, checks, correlation, zones or audit. Two bare forms
/// are timed (one prepared single-row statement reused; prepared 10-row statements) and the faster is the baseline.
/// </summary>
public static class IngestBenchmark
{
    public static async Task RunAsync(MonitoringBenchOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        // The test host finds the application's content root from this (test projects get it from a build manifest).
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_ENTENTE", Path.Combine(MonitoringBenchmark.RepositoryRoot(), "src", "Entente"));
        await using var app = new LoopbackSqliteHost();
        await app.InitializeAsync();
        var now = DateTime.UtcNow;
        var starts = now.AddDays(-20);
        using (var secretariat = await app.ClientAsync("Secretariat", "CSEC", ClassificationLevels.Secret))
        {
            using var created = await RecordAgreementAsync(secretariat, starts);
            if (!created.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Could not record the agreement: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
            }
        }

        using var monitor = await app.ClientAsync("Monitor", "CSEC", ClassificationLevels.Confidential);
        monitor.Timeout = TimeSpan.FromMinutes(10);
        var rows = SyntheticObservations.Generate(options.Observations, starts.AddHours(1), now.AddMinutes(-5), 47.05, 48.95, 37.2, 37.8, 3, seed: 4);

        output.WriteLine($"## Ingest: {options.Observations:N0} observations in batches of {options.BatchSize:N0}, HTTP on loopback, SQLite");
        output.WriteLine();
        var product = TimeSpan.Zero;
        var single = TimeSpan.Zero;
        var multi = TimeSpan.Zero;
        var stored = 0;
        var batches = 0;
        var sent = 0;

        // The first batches warm up the JIT, EF Core's query cache and SQLite's page cache, on both paths alike; at
        // least half of the batches are always counted.
        var warmupBatches = Math.Min(options.Warmup, (options.Observations / options.BatchSize) / 2);
        await using var connection = new SqliteConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using (var tune = connection.CreateCommand())
        {
            // The baseline's connection gets the page cache the product's connections get (Entente:Database:SqliteCacheMiB).
            tune.CommandText = "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;";
            await tune.ExecuteNonQueryAsync();
        }

        for (var start = 0; start < rows.Count; start += options.BatchSize)
        {
            var batch = rows.Skip(start).Take(options.BatchSize).ToList();
            var body = new StringBuilder(batch.Count * 330);
            for (var i = 0; i < batch.Count; i++)
            {
                SyntheticObservations.AppendJsonLine(body, batch[i], string.Create(CultureInfo.InvariantCulture, $"r{start + i}"));
            }

            var lastRowId = await ScalarAsync(connection, "SELECT coalesce(max(rowid), 0) FROM monitoring_observations");
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/observations/batch", UriKind.Relative))
            {
                Content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson"),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            var watch = Stopwatch.StartNew();
            using var response = await monitor.SendAsync(request);
            var json = await response.Content.ReadAsStringAsync();
            watch.Stop();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The batch failed: {(int)response.StatusCode} {json[..Math.Min(2000, json.Length)]}");
            }

            using var result = JsonDocument.Parse(json);
            var storedNow = result.RootElement.GetProperty("stored").GetInt32();
            if (storedNow != batch.Count)
            {
                var first = result.RootElement.GetProperty("rows").EnumerateArray().First(r => r.GetProperty("outcome").GetString() != "stored");
                throw new InvalidOperationException($"Only {storedNow} of {batch.Count} rows were stored, for example: {first}");
            }

            // The same rows, as stored, inserted again bare (reading them back is not timed).
            var (columns, values) = await ReadBackAsync(connection, lastRowId);
            var singleTime = await BareInsertAsync(connection, columns, values, rowsPerStatement: 1, tag: "s");
            var multiTime = await BareInsertAsync(connection, columns, values, rowsPerStatement: 10, tag: "m");
            sent++;
            var warmingUp = sent <= warmupBatches;
            if (!warmingUp)
            {
                product += watch.Elapsed;
                single += singleTime;
                multi += multiTime;
                stored += storedNow;
                batches++;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  batch {sent}{(warmingUp ? " (warm-up, not counted)" : "")}: API {batch.Count / watch.Elapsed.TotalSeconds:N0}/s, bare single-row {batch.Count / singleTime.TotalSeconds:N0}/s"));
        }

        var apiRate = stored / product.TotalSeconds;
        var singleRate = stored / single.TotalSeconds;
        var multiRate = stored / multi.TotalSeconds;
        var bare = Math.Max(singleRate, multiRate);
        var events = await ScalarAsync(connection, "SELECT count(*) FROM monitoring_events WHERE merged_into IS NULL");
        var audit = await ScalarAsync(connection, "SELECT count(*) FROM audit_entries WHERE action = 'monitoring.observations.stored'");
        output.WriteLine();
        output.WriteLine("| path | observations | time | observations/s | API / bare |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| API batch ingest (parse, check, dedupe, zones, correlate, store, audit) | {stored:N0} | {product.TotalSeconds:F2} s | {apiRate:N0} | {apiRate / bare:F2} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| bare insert, prepared single-row statement | {stored:N0} | {single.TotalSeconds:F2} s | {singleRate:N0} | {apiRate / singleRate:F2} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| bare insert, prepared 10-row statement | {stored:N0} | {multi.TotalSeconds:F2} s | {multiRate:N0} | {apiRate / multiRate:F2} |"));
        output.WriteLine();
        output.WriteLine($"{events:N0} events from {sent * options.BatchSize:N0} observations; {audit:N0} audit entries for {sent} batches, of which the first {warmupBatches} were warm-up (not counted above).");
        output.WriteLine(apiRate >= 20_000 && apiRate >= bare / 3
            ? "Target met: at least 20,000 observations/s and at least a third of the bare insert."
            : "TARGET MISSED: needs at least 20,000 observations/s and at least a third of the bare insert.");
        output.WriteLine();
        await output.FlushAsync();
    }

    public static Task<HttpResponseMessage> RecordAgreementAsync(HttpClient secretariat, DateTime starts) =>
        secretariat.PostAsJsonAsync(new Uri("/api/v1/agreements", UriKind.Relative), Agreement(starts));

#pragma warning disable CA1861 // Built once per run.
    private static object Agreement(DateTime starts) => new
    {
        code = "BENCH-CF",
        name = "Benchmark ceasefire",
        parties = "West; East",
        terms = "A thirty-day ceasefire along the line of contact.",
        startsAt = starts,
        endsAt = starts.AddDays(30),
        label = new { classification = "PUBLIC" },
        zones = new
        {
            type = "FeatureCollection",
            features = new object[]
            {
                Feature(new { kind = "lineOfContact", name = "Line of contact", leftSide = "West", rightSide = "East" },
                    new { type = "LineString", coordinates = new[] { new[] { 37.5, 47.0 }, new[] { 37.52, 47.5 }, new[] { 37.48, 48.0 }, new[] { 37.5, 48.5 }, new[] { 37.5, 49.0 } } }),
                Feature(new { kind = "securityZone", name = "Security zone" }, Box(37.36, 37.64)),
                Feature(new { kind = "withdrawalZone", name = "Eastern artillery withdrawal zone", weaponClasses = new[] { "artillery", "mlrs" } }, Box(37.5, 37.8)),
                Feature(new { kind = "withdrawalZone", name = "Western artillery withdrawal zone", weaponClasses = new[] { "artillery", "mlrs" } }, Box(37.2, 37.5)),
            },
        },
    };

#pragma warning restore CA1861

    private static object Feature(object properties, object geometry) => new { type = "Feature", properties, geometry };

#pragma warning disable CA1861 // Built once per run.
    private static object Box(double west, double east) => new
    {
        type = "Polygon",
        coordinates = new[] { new[] { new[] { west, 47.0 }, new[] { east, 47.0 }, new[] { east, 49.0 }, new[] { west, 49.0 }, new[] { west, 47.0 } } },
    };
#pragma warning restore CA1861

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Constant SQL.
        command.CommandText = sql;
#pragma warning restore CA2100
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<(List<string> Columns, List<object[]> Values)> ReadBackAsync(SqliteConnection connection, long afterRowId)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM monitoring_observations WHERE rowid > $after ORDER BY rowid";
        command.Parameters.AddWithValue("$after", afterRowId);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var values = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            values.Add(row);
        }

        return (columns, values);
    }

    /// <summary>Inserts the rows again under new ids and source ids: the cost of storing them and nothing else.</summary>
    private static async Task<TimeSpan> BareInsertAsync(SqliteConnection connection, List<string> columns, List<object[]> values, int rowsPerStatement, string tag)
    {
        var id = columns.IndexOf("id");
        var sourceRef = columns.IndexOf("source_ref");
        var prepared = values.Select(v =>
        {
            var copy = (object[])v.Clone();
            copy[id] = Guid.NewGuid().ToString().ToUpperInvariant();
            copy[sourceRef] = (string)v[sourceRef] + tag;
            return copy;
        }).ToList();

        var watch = Stopwatch.StartNew();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var full = Insert(connection, transaction, columns, rowsPerStatement);
        full.Prepare();
        var i = 0;
        for (; i + rowsPerStatement <= prepared.Count; i += rowsPerStatement)
        {
            Bind(full, prepared, i, rowsPerStatement, columns.Count);
            await full.ExecuteNonQueryAsync();
        }

        if (i < prepared.Count)
        {
            await using var rest = Insert(connection, transaction, columns, prepared.Count - i);
            Bind(rest, prepared, i, prepared.Count - i, columns.Count);
            await rest.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return watch.Elapsed;
    }

    private static SqliteCommand Insert(SqliteConnection connection, SqliteTransaction transaction, List<string> columns, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder("INSERT INTO monitoring_observations (").AppendJoin(", ", columns.Select(c => $"\"{c}\"")).Append(") VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"$p{(r * columns.Count) + c}");
                sql.Append(c == 0 ? "" : ", ").Append(name);
                command.Parameters.Add(new SqliteParameter(name, null));
            }

            sql.Append(')');
        }

#pragma warning disable CA2100 // Column names read from the table itself; every value is a parameter.
        command.CommandText = sql.ToString();
#pragma warning restore CA2100
        return command;
    }

    private static void Bind(SqliteCommand command, List<object[]> rows, int start, int count, int width)
    {
        for (var r = 0; r < count; r++)
        {
            var row = rows[start + r];
            for (var c = 0; c < width; c++)
            {
                command.Parameters[(r * width) + c].Value = row[c];
            }
        }
    }
}
