using System.Diagnostics;
using System.Globalization;
using System.Text;
using Entente.Infrastructure.Labels;
using Microsoft.Data.Sqlite;

namespace Entente.Bench.Monitoring;

/// <summary>
/// Dashboard and map queries over a large observation table on SQLite, as plain SQL on the product's table and
/// indexes: counts per day and family over 90 days, counts per 0.1° cell over 7 days, and the latest 200 observations
/// in a box. The table is seeded with one batch through the API (so every column is as the product writes it), then
/// doubled in SQL with each copy moved back in time by the span so far, so that density per day stays that of the seed
/// (about 500 a day) however large the table. Not yet a product query: the map pages are in progress.
/// </summary>
public static class QueryBenchmark
{
    public static async Task RunAsync(MonitoringBenchOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_ENTENTE", Path.Combine(MonitoringBenchmark.RepositoryRoot(), "src", "Entente"));
        await using var app = new LoopbackSqliteHost();
        await app.InitializeAsync();
        var now = DateTime.UtcNow;
        var starts = now.AddDays(-20);
        using (var secretariat = await app.ClientAsync("Secretariat", "CSEC", ClassificationLevels.Secret))
        {
            (await IngestBenchmark.RecordAgreementAsync(secretariat, starts)).EnsureSuccessStatusCode();
        }

        using var monitor = await app.ClientAsync("Monitor", "CSEC", ClassificationLevels.Confidential);
        var seed = SyntheticObservations.Generate(10_000, starts.AddHours(1), now.AddMinutes(-5), 47.05, 48.95, 37.2, 37.8, 3, seed: 11);
        var body = new StringBuilder();
        for (var i = 0; i < seed.Count; i++)
        {
            SyntheticObservations.AppendJsonLine(body, seed[i], string.Create(CultureInfo.InvariantCulture, $"q{i}"));
        }

        using (var content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson"))
        {
            (await monitor.PostAsync(new Uri("/api/v1/observations/batch", UriKind.Relative), content)).EnsureSuccessStatusCode();
        }

        await using var connection = new SqliteConnection(app.ConnectionString);
        await connection.OpenAsync();
        var columns = new List<string>();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('monitoring_observations')";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        var watch = Stopwatch.StartNew();
        var rows = 10_000L;
        var spanDays = 20;
        for (var g = 1; rows < options.QueryRows; g++)
        {
            var select = columns.Select(c => c switch
            {
                "id" => string.Create(CultureInfo.InvariantCulture, $"printf('%08X-0000-7000-8000-%012X', {g}, rowid)"),
                "source_ref" => string.Create(CultureInfo.InvariantCulture, $"source_ref || '.{g}'"),
                "observed_from" or "observed_to" or "recorded_at" => string.Create(CultureInfo.InvariantCulture, $"strftime('%Y-%m-%d %H:%M:%f', {c}, '-{spanDays} days')"),
                _ => $"\"{c}\"",
            });
            await using var copy = connection.CreateCommand();
#pragma warning disable CA2100 // Column names read from the table itself.
            copy.CommandText = $"INSERT INTO monitoring_observations ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) SELECT {string.Join(", ", select)} FROM monitoring_observations LIMIT {options.QueryRows - rows}";
#pragma warning restore CA2100
            copy.CommandTimeout = 3600;
            rows += await copy.ExecuteNonQueryAsync();
            spanDays *= 2;
        }

        await using (var analyze = connection.CreateCommand())
        {
            analyze.CommandText = "ANALYZE";
            await analyze.ExecuteNonQueryAsync();
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"## Queries: {rows:N0} observations over {spanDays:N0} days (built in {watch.Elapsed.TotalSeconds:F0} s), SQLite, plain SQL, no label filter"));
        output.WriteLine();
        var end = now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var last90 = now.AddDays(-90).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var last7 = now.AddDays(-7).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var queries = new (string Name, string Sql)[]
        {
            ("counts per day and family, 90 days", $"SELECT substr(observed_from, 1, 10), family, count(*) FROM monitoring_observations WHERE observed_from >= '{last90}' AND observed_from < '{end}' GROUP BY 1, 2"),
            ("counts per 0.1° cell, 7 days", $"SELECT CAST(latitude * 10 AS INTEGER), CAST(longitude * 10 AS INTEGER), count(*) FROM monitoring_observations WHERE observed_from >= '{last7}' AND observed_from < '{end}' GROUP BY 1, 2"),
            ("latest 200 in a box (0.5° × 0.3°)", "SELECT id, observed_from, latitude, longitude, type FROM monitoring_observations WHERE latitude BETWEEN 47.8 AND 48.3 AND longitude BETWEEN 37.4 AND 37.7 ORDER BY observed_from DESC LIMIT 200"),
        };
        output.WriteLine("| query | rows out | median | p95 |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, sql) in queries)
        {
            var timings = new Timings();
            var count = 0;
            for (var i = 0; i < options.Warmup + options.Iterations; i++)
            {
                var sample = i >= options.Warmup ? timings : new Timings();
                count = await sample.MeasureAsync(async () =>
                {
                    await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Constant SQL with dates formatted above.
                    command.CommandText = sql;
#pragma warning restore CA2100
                    await using var reader = await command.ExecuteReaderAsync();
                    var n = 0;
                    while (await reader.ReadAsync())
                    {
                        n++;
                    }

                    return n;
                });
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {count:N0} | {timings.Median:F1} ms | {timings.P95:F1} ms |"));
        }

        output.WriteLine();
        await output.FlushAsync();
    }
}
