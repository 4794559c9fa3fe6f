using System.Diagnostics;
using System.Globalization;
using System.Text;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Security;
using Entente.Modules.Monitoring.Contracts;
using Entente.Modules.Monitoring.Data;
using Entente.Modules.Monitoring.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entente.Bench.Monitoring;

/// <summary>
/// The map and dashboard queries of the product (<see cref="MapQuery"/>, as the map page, its API and the monitoring
/// overview call them: a fresh scope and context per call, the caller's label filter) over a large observation table
/// on SQLite, each against the same query written by hand in SQL and read through ADO.NET, interleaved iteration by
/// iteration; both must give the same answer, or the run fails. Two callers: a delegate of one member cleared to
/// CONFIDENTIAL (the label filter decides on every row) and the platform itself (no filter, as an administrator's
/// export). The table is seeded with one batch through the API (so every column is as the product writes it, and the
/// correlator makes the events), labelled with a realistic mix, then doubled in SQL — events and observations
/// together — with each copy moved back in time by the span so far, so that density per day stays that of the seed
/// (about 500 observations and 170 events a day) however large the table.
/// </summary>
public static class QueryBenchmark
{
    /// <summary>The member of the delegate: it is named in some REL TO lists and absent from others.</summary>
    private const string DelegateMember = "FRA";

    private static readonly AccessScope Delegate = AccessScope.ForUser(ClassificationLevels.Confidential, DelegateMember, []);

    private sealed record Case(string Name, Func<IServiceProvider, Task<string>> Product, Func<SqliteConnection, AccessScope, Task<string>> Baseline);

    public static async Task RunAsync(MonitoringBenchOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_ENTENTE", Path.Combine(MonitoringBenchmark.RepositoryRoot(), "src", "Entente"));
        await using var app = new LoopbackSqliteHost();
        await app.InitializeAsync();

        // Whole seconds, so that the product's parameters and the baseline's text compare alike with the stored times.
        var utc = DateTime.UtcNow;
        var now = new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var starts = now.AddDays(-20);
        using (var secretariat = await app.ClientAsync("Secretariat", "CSEC", ClassificationLevels.Secret))
        {
            (await IngestBenchmark.RecordAgreementAsync(secretariat, starts)).EnsureSuccessStatusCode();
        }

        using var monitor = await app.ClientAsync("Monitor", "CSEC", ClassificationLevels.Confidential);
        monitor.Timeout = TimeSpan.FromMinutes(10);
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

        IReadOnlyList<string> indexes;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            indexes = MonitoringIndexes.Statements(scope.ServiceProvider.GetRequiredService<EntenteDbContext>().Model);
        }

        await using var connection = new SqliteConnection(app.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, LabelMixSql);
        var watch = Stopwatch.StartNew();

        // Built without the map's covering indexes, which are then created once over the whole table (as on an upgrade).
        await ExecuteAsync(connection, $"DROP INDEX IF EXISTS \"{MonitoringIndexes.ObservationsByTime}\"; DROP INDEX IF EXISTS \"{MonitoringIndexes.EventsByEnd}\";");
        var (rows, events, spanDays) = await DoubleAsync(connection, options.QueryRows);
        var built = watch.Elapsed;
        watch.Restart();
        foreach (var statement in indexes)
        {
            await ExecuteAsync(connection, statement);
        }

        await ExecuteAsync(connection, "ANALYZE");
        var indexed = watch.Elapsed;
        var mix = await LabelMixAsync(connection);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"## Map and dashboard queries: {rows:N0} observations and {events:N0} events over {spanDays:N0} days (built in {built.TotalSeconds:F0} s, map indexes in {indexed.TotalSeconds:F0} s), SQLite, {options.Warmup} warm-up + {options.Iterations} measured iterations"));
        output.WriteLine();
        output.WriteLine($"labels of the observations: {mix}");
        output.WriteLine();

        var oblasts = app.Services.GetRequiredService<OblastIndex>();
        var last7 = new MapFilter { Layer = MapLayer.Observations, From = now.AddDays(-7), To = now };
        var last90Events = new MapFilter { From = now.AddDays(-90), To = now };
        var last90Observations = last90Events with { Layer = MapLayer.Observations };
        var today = now.Date;
        var todayFilter = new MapFilter { From = today, To = today.AddDays(1).AddTicks(-1) };
        var cases = new Case[]
        {
            new("map points: newest 200 events, no period (map page, first view)",
                sp => ItemsAsync(sp, new MapFilter(), 200),
                (c, s) => SqlItemsAsync(c, s, new MapFilter(), 200)),
            new("map points: newest 5,000 events, no period (the map page's point layer)",
                sp => ItemsAsync(sp, new MapFilter(), Entente.Modules.Monitoring.Pages.MapPage.DrawnPoints),
                (c, s) => SqlItemsAsync(c, s, new MapFilter(), Entente.Modules.Monitoring.Pages.MapPage.DrawnPoints)),
            new("map points: newest 200 observations, 7 days",
                sp => ItemsAsync(sp, last7, 200),
                (c, s) => SqlItemsAsync(c, s, last7, 200)),
            new("map points: up to 20,000 observations, 7 days (API and export)",
                sp => ItemsAsync(sp, last7, MapQuery.MaxItems),
                (c, s) => SqlItemsAsync(c, s, last7, MapQuery.MaxItems)),
            new("map points: up to 20,000 events, no period (API and export)",
                sp => ItemsAsync(sp, new MapFilter(), MapQuery.MaxItems),
                (c, s) => SqlItemsAsync(c, s, new MapFilter(), MapQuery.MaxItems)),
            new("timeline: events per day, 90 days",
                sp => PerDayAsync(sp, last90Events),
                (c, s) => SqlPerDayAsync(c, s, last90Events)),
            new("timeline: observations per day, 90 days",
                sp => PerDayAsync(sp, last90Observations),
                (c, s) => SqlPerDayAsync(c, s, last90Observations)),
            new("counts per oblast: events, 90 days",
                sp => OblastCountsAsync(sp, last90Events, oblasts),
                (c, s) => SqlOblastCountsAsync(c, s, last90Events, oblasts)),
            new("counts per oblast: observations, 7 days",
                sp => OblastCountsAsync(sp, last7, oblasts),
                (c, s) => SqlOblastCountsAsync(c, s, last7, oblasts)),
            new("overview: events, violations, observations today",
                sp => TodayAsync(sp, todayFilter),
                (c, s) => SqlTodayAsync(c, s, todayFilter)),
            new("overview: latest 10 events",
                sp => ItemsAsync(sp, new MapFilter(), 10),
                (c, s) => SqlItemsAsync(c, s, new MapFilter(), 10)),
        };

        if (options.ShowSql)
        {
            await ShowSqlAsync(app.Services, connection, last7, output);
        }

        output.WriteLine("| caller | query | answer | product median | product p95 | plain SQL median | plain SQL p95 | product / SQL (median) |");
        output.WriteLine("|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var (callerName, scope) in new[] { ($"delegate ({DelegateMember}, CONFIDENTIAL)", Delegate), ("platform / administrator", AccessScope.System) })
        {
            foreach (var c in cases)
            {
                var product = new Timings();
                var sql = new Timings();
                string? productResult = null;
                string? sqlResult = null;
                for (var i = 0; i < options.Warmup + options.Iterations; i++)
                {
                    var measured = i >= options.Warmup;
                    var p = measured ? product : new Timings();
                    var s = measured ? sql : new Timings();

                    // Alternate which goes first, so that neither always runs on the other's warm cache.
                    if (i % 2 == 0)
                    {
                        productResult = await p.MeasureAsync(() => InScopeAsync(app.Services, scope, c.Product));
                        sqlResult = await s.MeasureAsync(() => c.Baseline(connection, scope));
                    }
                    else
                    {
                        sqlResult = await s.MeasureAsync(() => c.Baseline(connection, scope));
                        productResult = await p.MeasureAsync(() => InScopeAsync(app.Services, scope, c.Product));
                    }
                }

                if (!string.Equals(productResult, sqlResult, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"The product and plain SQL disagree for {callerName} on '{c.Name}':\n product {Shorten(productResult)}\n SQL     {Shorten(sqlResult)}");
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {callerName} | {c.Name} | {Describe(productResult!)} | {product.Median:F1} ms | {product.P95:F1} ms | {sql.Median:F1} ms | {sql.P95:F1} ms | {product.Median / sql.Median:F2} |"));
                await output.FlushAsync();
            }
        }

        output.WriteLine();
        await output.FlushAsync();
    }

    /// <summary>
    /// About 55 % PUBLIC, 25 % RESTRICTED (a third of those REL TO a list naming the delegate's member), 12 %
    /// CONFIDENTIAL (half REL TO a list naming it, half REL TO one without it) and 8 % SECRET; then each event takes the
    /// label of its most restricted observation, as the correlator's join of labels would at least make it.
    /// </summary>
    private const string LabelMixSql = """
        UPDATE monitoring_observations SET
            label_classification = CASE WHEN (rowid * 37) % 100 < 55 THEN 0 WHEN (rowid * 37) % 100 < 80 THEN 1 WHEN (rowid * 37) % 100 < 92 THEN 2 ELSE 3 END,
            label_releasable_to = CASE
                WHEN (rowid * 37) % 100 < 55 THEN ''
                WHEN (rowid * 37) % 100 < 80 THEN CASE WHEN rowid % 3 = 0 THEN '|FRA|GBR|POL|' ELSE '' END
                WHEN (rowid * 37) % 100 < 92 THEN CASE WHEN rowid % 2 = 0 THEN '|FRA|GBR|' ELSE '|GBR|USA|' END
                ELSE CASE WHEN rowid % 2 = 0 THEN '|GBR|USA|' ELSE '' END END;
        UPDATE monitoring_events SET (label_classification, label_releasable_to) = (
            SELECT o.label_classification, o.label_releasable_to FROM monitoring_observations o
            WHERE o.event_id = monitoring_events.id ORDER BY o.label_classification DESC, o.label_releasable_to DESC LIMIT 1)
        WHERE EXISTS (SELECT 1 FROM monitoring_observations o WHERE o.event_id = monitoring_events.id);
        """;

    private static async Task<string> LabelMixAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT label_classification, label_releasable_to = '', count(*) FROM monitoring_observations GROUP BY 1, 2 ORDER BY 1, 2
            """;
        var parts = new List<string>();
        string[] names = ["PUBLIC", "RESTRICTED", "CONFIDENTIAL", "SECRET"];
        var total = 0L;
        var counts = new List<(string, long)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var n = reader.GetInt64(2);
                total += n;
                counts.Add(($"{names[reader.GetInt32(0)]}{(reader.GetBoolean(1) ? "" : " REL TO a list")}", n));
            }
        }

        foreach (var (name, n) in counts)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {100.0 * n / total:F0} %"));
        }

        return string.Join(", ", parts);
    }

    /// <summary>
    /// Doubles events and observations until the table holds <paramref name="target"/> observations; each copy of an
    /// observation points at the copy of its event. Returns the counts and the span in days.
    /// </summary>
    private static async Task<(long Rows, long Events, int SpanDays)> DoubleAsync(SqliteConnection connection, int target)
    {
        var observationColumns = await ColumnsAsync(connection, "monitoring_observations");
        var eventColumns = await ColumnsAsync(connection, "monitoring_events");
        var rows = await ScalarAsync(connection, "SELECT count(*) FROM monitoring_observations");
        var spanDays = 20;
        for (var g = 1; rows < target; g++)
        {
            var limit = target - rows;
            string Shift(string c) => string.Create(CultureInfo.InvariantCulture, $"strftime('%Y-%m-%d %H:%M:%f', {c}, '-{spanDays} days')");
            string EventCopy(string rowid) => string.Create(CultureInfo.InvariantCulture, $"printf('%08X-0001-7000-8000-%012X', {g}, {rowid})");

            // The events of the observations copied in this round (all of them but in the last, partial round).
            var eventSelect = eventColumns.Select(c => c switch
            {
                "id" => EventCopy("e.rowid"),
                "starts_at" or "ends_at" or "created_at" or "updated_at" => Shift($"e.\"{c}\""),
                _ => $"e.\"{c}\"",
            });
            var copied = $"(SELECT rowid FROM monitoring_observations ORDER BY rowid LIMIT {limit})";
            var eventSql = $"INSERT INTO monitoring_events ({string.Join(", ", eventColumns.Select(c => $"\"{c}\""))}) SELECT {string.Join(", ", eventSelect)} FROM monitoring_events e WHERE e.id IN (SELECT event_id FROM monitoring_observations WHERE rowid IN {copied})";
            var observationSelect = observationColumns.Select(c => c switch
            {
                "id" => string.Create(CultureInfo.InvariantCulture, $"printf('%08X-0000-7000-8000-%012X', {g}, o.rowid)"),
                "source_ref" => string.Create(CultureInfo.InvariantCulture, $"o.source_ref || '.{g}'"),
                "event_id" => $"(SELECT {EventCopy("e.rowid")} FROM monitoring_events e WHERE e.id = o.event_id)",
                "observed_from" or "observed_to" or "recorded_at" => Shift($"o.\"{c}\""),
                _ => $"o.\"{c}\"",
            });
            var observationSql = $"INSERT INTO monitoring_observations ({string.Join(", ", observationColumns.Select(c => $"\"{c}\""))}) SELECT {string.Join(", ", observationSelect)} FROM monitoring_observations o WHERE o.rowid IN {copied}";
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await ExecuteAsync(connection, eventSql, transaction);
            rows += await ExecuteAsync(connection, observationSql, transaction);
            await transaction.CommitAsync();
            spanDays *= 2;
        }

        return (rows, await ScalarAsync(connection, "SELECT count(*) FROM monitoring_events"), spanDays);
    }

    /// <summary>Prints the SQL EF Core sends for the 7-day point layer, for each caller, and SQLite's plan for it.</summary>
    private static async Task ShowSqlAsync(IServiceProvider services, SqliteConnection connection, MapFilter filter, TextWriter output)
    {
        foreach (var scope in new[] { Delegate, AccessScope.System })
        {
            var sql = await InScopeAsync(services, scope, sp => Task.FromResult(MapQuery.Observations(sp.GetRequiredService<EntenteDbContext>(), filter)
                .OrderByDescending(o => o.ObservedFrom).ThenBy(o => o.Id).Take(MapQuery.MaxItems + 1).ToQueryString()));
            output.WriteLine($"```sql\n{sql}\n```");
            var body = string.Join('\n', sql.Split('\n').Where(line => !line.StartsWith(".param", StringComparison.Ordinal)));
            await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The product's own query text, printed for reading.
            command.CommandText = "EXPLAIN QUERY PLAN " + body;
#pragma warning restore CA2100
            foreach (var line in sql.Split('\n').Where(line => line.StartsWith(".param set ", StringComparison.Ordinal)))
            {
                var parts = line[".param set ".Length..].Split(' ', 2);
                command.Parameters.AddWithValue(parts[0], parts[1].Trim('\''));
            }

            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                output.WriteLine($"plan: {reader.GetValue(3)}");
            }

            output.WriteLine();
        }
    }

    private static async Task<string> InScopeAsync(IServiceProvider services, AccessScope scope, Func<IServiceProvider, Task<string>> query)
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

        return await query(requestScope.ServiceProvider);
    }

    private static async Task<string> ItemsAsync(IServiceProvider sp, MapFilter filter, int limit)
    {
        var (items, truncated) = await MapQuery.ItemsAsync(sp.GetRequiredService<EntenteDbContext>(), filter, limit, CancellationToken.None);
        return Ids(items.Select(i => i.Id.ToString("D").ToUpperInvariant()), truncated);
    }

    private static async Task<string> PerDayAsync(IServiceProvider sp, MapFilter filter)
    {
        var days = await MapQuery.PerDayAsync(sp.GetRequiredService<EntenteDbContext>(), filter, CancellationToken.None);
        return Days(days.Where(d => d.Count > 0).Select(d => (d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (long)d.Count, (long)d.Violations)));
    }

    private static async Task<string> OblastCountsAsync(IServiceProvider sp, MapFilter filter, OblastIndex oblasts)
    {
        var (perOblast, outside) = await MapQuery.OblastCountsAsync(sp.GetRequiredService<EntenteDbContext>(), filter, oblasts, CancellationToken.None);
        return Oblasts(perOblast.Select(p => (p.Oblast.Iso, p.Count)), outside);
    }

    private static async Task<string> TodayAsync(IServiceProvider sp, MapFilter today)
    {
        // As the monitoring overview counts them.
        var db = sp.GetRequiredService<EntenteDbContext>();
        var events = await MapQuery.Events(db, today).CountAsync();
        var violations = await MapQuery.Events(db, today with { ViolationsOnly = true }).CountAsync();
        var observations = await MapQuery.Observations(db, today).CountAsync();
        return string.Create(CultureInfo.InvariantCulture, $"{events} events, {violations} violations, {observations} observations");
    }

    private static string Ids(IEnumerable<string> ids, bool truncated)
    {
        var list = ids.ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{list.Count} points{(truncated ? " (more)" : "")}: {string.Join(",", list)}");
    }

    private static string Days(IEnumerable<(string Day, long Count, long Violations)> days)
    {
        var list = days.ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"{list.Count} days, {list.Sum(d => d.Count)} records: {string.Join(",", list.Select(d => $"{d.Day}={d.Count}/{d.Violations}"))}");
    }

    private static string Oblasts(IEnumerable<(string Iso, int Count)> counts, int outside)
    {
        var list = counts.OrderByDescending(c => c.Count).ThenBy(c => c.Iso, StringComparer.Ordinal).ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"{list.Count} oblasts, {list.Sum(c => c.Count) + outside} records: {string.Join(",", list.Select(c => $"{c.Iso}={c.Count}"))},outside={outside}");
    }

    private static string Describe(string result) => result.Split(':')[0];

    private static string Shorten(string? text) => text is null ? "(none)" : text.Length <= 300 ? text : text[..300] + " ...";

    // The baseline: each query written by hand, with the label rule as the query filter states it (no sharing groups here).
    private static string LabelSql(string alias, AccessScope scope) => scope.IsSystem
        ? ""
        : $" AND {alias}.label_classification <= @clearance AND ({alias}.label_releasable_to = '' OR {alias}.label_originator = @member OR instr({alias}.label_releasable_to, @token) > 0) AND {alias}.label_sharing_group_id IS NULL";

    private static string Where(MapFilter f, AccessScope scope)
    {
        var sql = new StringBuilder(f.Layer == MapLayer.Events ? "x.merged_into IS NULL AND x.observation_count > 0" : "1 = 1");
        if (f.From is not null)
        {
            sql.Append(f.Layer == MapLayer.Events ? " AND x.ends_at >= @from" : " AND x.observed_to >= @from AND x.observed_from >= @earliest");
        }

        if (f.To is not null)
        {
            sql.Append(f.Layer == MapLayer.Events ? " AND x.starts_at <= @to" : " AND x.observed_from <= @to");
        }

        if (f.ViolationsOnly)
        {
            sql.Append(" AND x.is_violation");
        }

        return sql.Append(LabelSql("x", scope)).ToString();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, MapFilter f, AccessScope scope)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // Built from constants; the caller's values are parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        static string Text(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.');
        if (f.From is { } from)
        {
            command.Parameters.AddWithValue("@from", Text(from));
            command.Parameters.AddWithValue("@earliest", Text(from - ObservationRules.MaxWindow));
        }

        if (f.To is { } to)
        {
            command.Parameters.AddWithValue("@to", Text(to));
        }

        if (!scope.IsSystem)
        {
            command.Parameters.AddWithValue("@clearance", scope.Clearance);
            command.Parameters.AddWithValue("@member", (object?)scope.Member ?? DBNull.Value);
            command.Parameters.AddWithValue("@token", scope.MemberToken);
        }

        return command;
    }

    private static string Table(MapFilter f) => f.Layer == MapLayer.Events ? "monitoring_events" : "monitoring_observations";

    private static string Start(MapFilter f) => f.Layer == MapLayer.Events ? "x.starts_at" : "x.observed_from";

    private const string LabelColumns = "x.label_policy, x.label_classification, x.label_releasable_to, x.label_sharing_group_id, x.label_originator, x.label_tlp, x.label_categories";

    private const string EventColumns = "x.id, x.type, x.family, x.starts_at, x.ends_at, x.latitude, x.longitude, x.count, x.weapon, x.is_violation, x.zones, x.status, x.observation_count, " + LabelColumns;

    private const string ObservationColumns = "x.id, x.type, x.family, x.observed_from, x.observed_to, x.latitude, x.longitude, x.geo_precision, x.count, x.weapon, x.is_violation, x.zones, x.source_kind, x.source, x.source_ref, x.attributed_party, x.notes, x.citation_url, x.event_id, " + LabelColumns;

    private static async Task<string> SqlItemsAsync(SqliteConnection connection, AccessScope scope, MapFilter f, int limit)
    {
        // The columns a point needs, as the product reads them.
        await using var command = Command(connection,
            string.Create(CultureInfo.InvariantCulture, $"SELECT {(f.Layer == MapLayer.Events ? EventColumns : ObservationColumns)} FROM {Table(f)} x WHERE {Where(f, scope)} ORDER BY {Start(f)} DESC, x.id LIMIT {limit + 1}"), f, scope);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        var id = reader.GetOrdinal("id");
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            ids.Add(reader.GetString(id));
        }

        var truncated = ids.Count > limit;
        return Ids(truncated ? ids[..limit] : ids, truncated);
    }

    private static async Task<string> SqlPerDayAsync(SqliteConnection connection, AccessScope scope, MapFilter f)
    {
        await using var command = Command(connection,
            $"SELECT substr({Start(f)}, 1, 10) AS day, count(*), sum(x.is_violation) FROM {Table(f)} x WHERE {Where(f, scope)} GROUP BY day ORDER BY day", f, scope);
        var days = new List<(string, long, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            days.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return Days(days);
    }

    private static async Task<string> SqlOblastCountsAsync(SqliteConnection connection, AccessScope scope, MapFilter f, OblastIndex oblasts)
    {
        // Grouped by the oblast stored with each record, as the product does.
        await using var command = Command(connection, $"SELECT x.oblast, count(*) FROM {Table(f)} x WHERE {Where(f, scope)} GROUP BY x.oblast", f, scope);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var outside = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var n = reader.GetInt32(1);
            if (!reader.IsDBNull(0) && oblasts.ByIso(reader.GetString(0)) is { } oblast)
            {
                counts[oblast.Iso] = counts.GetValueOrDefault(oblast.Iso) + n;
            }
            else
            {
                outside += n;
            }
        }

        return Oblasts(counts.Select(c => (c.Key, c.Value)), outside);
    }

    private static async Task<string> SqlTodayAsync(SqliteConnection connection, AccessScope scope, MapFilter today)
    {
        async Task<long> CountAsync(MapFilter f)
        {
            await using var command = Command(connection, $"SELECT count(*) FROM {Table(f)} x WHERE {Where(f, scope)}", f, scope);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        var events = await CountAsync(today);
        var violations = await CountAsync(today with { ViolationsOnly = true });
        var observations = await CountAsync(today with { Layer = MapLayer.Observations });
        return string.Create(CultureInfo.InvariantCulture, $"{events} events, {violations} violations, {observations} observations");
    }

    private static async Task<List<string>> ColumnsAsync(SqliteConnection connection, string table)
    {
        var columns = new List<string>();
        await using var info = connection.CreateCommand();
        info.CommandText = "SELECT name FROM pragma_table_info(@table)";
        info.Parameters.AddWithValue("@table", table);
        await using var reader = await info.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Constant SQL.
        command.CommandText = sql;
#pragma warning restore CA2100
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Built from the tables' own column names and numbers.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Transaction = transaction;
        command.CommandTimeout = 3600;
        return await command.ExecuteNonQueryAsync();
    }
}
