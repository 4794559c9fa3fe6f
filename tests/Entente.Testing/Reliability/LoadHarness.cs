using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Entente.Infrastructure.Labels;
using Entente.Modules.Monitoring.Domain;
using Entente.Testing.Processes;
using Microsoft.EntityFrameworkCore;

namespace Entente.Testing.Reliability;

/// <summary>How a load run is shaped; bounded in time and count.</summary>
public sealed record LoadOptions
{
    /// <summary>How long the mixed workload runs.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Concurrent clients: about one in eight a monitor feed, one an analyst, one a Secretariat editor, the rest delegates.</summary>
    public int Clients { get; init; } = 8;

    /// <summary>With a value, PostgreSQL (a database is created on this server and dropped afterwards); otherwise SQLite.</summary>
    public string? PostgresServer { get; init; }

    public int Pledges { get; init; } = 5_000;

    /// <summary>Observations ingested before the workload starts (sensor reports of three to six days ago).</summary>
    public int Observations { get; init; } = 10_000;

    /// <summary>Rows per batch a monitor feed sends during the workload, at most one batch per <see cref="IngestInterval"/>.</summary>
    public int IngestBatch { get; init; } = 500;

    public TimeSpan IngestInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause of analysts and editors between two changes (people think; delegates' reads do not pause).</summary>
    public TimeSpan EditorPause { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Each of the two baselines (<c>/health/live</c> before and after, with the same concurrency).</summary>
    public TimeSpan BaselineDuration { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan SampleEvery { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Growth of the last third's average RSS over the middle third's beyond which memory is flagged as growing.</summary>
    public double GrowthThresholdPercent { get; init; } = 10;

    public int Seed { get; init; } = 20261130;

    /// <summary>Full run: <c>load [--minutes N] [--seconds N] [--clients N] [--postgres CS] [--pledges N] [--observations N]</c>.</summary>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new LoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--minutes" => options with { Duration = TimeSpan.FromMinutes(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--seconds" => options with { Duration = TimeSpan.FromSeconds(Int()) },
                "--clients" => options with { Clients = Math.Max(4, Int()) },
                "--postgres" => options with { PostgresServer = Next() },
                "--pledges" => options with { Pledges = Int() },
                "--observations" => options with { Observations = Int() },
                "--batch" => options with { IngestBatch = Int() },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options;
    }
}

/// <summary>What a load run found.</summary>
public sealed record LoadReport(
    string Provider,
    LoadOptions Options,
    LoadRecorder Recorder,
    TimeSpan Elapsed,
    double BaselineBefore,
    double BaselineAfter,
    long ObservationsAcknowledged,
    long ObservationsStored,
    long ObservationsExpected,
    CliResult AuditVerify,
    MemoryVerdict? Memory)
{
    public double Throughput => Recorder.Operations.Sum(o => o.Count) / Elapsed.TotalSeconds;

    /// <summary>Answers of 500 or above, timeouts and exceptions: what must never happen under load.</summary>
    public int ServerFailures => Recorder.Operations.Sum(o => o.Errors.Where(e => e.Key is "timeout" or "exception" || (int.TryParse(e.Key, out var s) && s >= 500)).Sum(e => e.Value));

    public int Errors => Recorder.Operations.Sum(o => o.ErrorCount);

    public string Describe()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Mixed workload on {Provider}, {Options.Clients} clients, {Elapsed.TotalSeconds:F0} s:");
        sb.AppendLine();
        sb.Append(Recorder.Table(Elapsed));
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"Baseline /health/live with {Options.Clients} clients: {BaselineBefore:N0} req/s before, {BaselineAfter:N0} req/s after; the mixed workload ran at {Throughput:N1} req/s, {Throughput / ((BaselineBefore + BaselineAfter) / 2):P1} of the baseline.");
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"Label rule: {Recorder.LabelsChecked:N0} labelled records in delegates' answers checked, {Recorder.LabelViolations.Count} not releasable to the reader.");
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"Observations: {ObservationsAcknowledged:N0} acknowledged during the run, {ObservationsStored:N0} stored in all (expected {ObservationsExpected:N0}). Audit chain: {(AuditVerify.ExitCode == 0 ? "verifies" : "DOES NOT VERIFY")}.");
        sb.AppendLine();
        sb.AppendLine("Host resident memory (RSS) every sample:");
        sb.AppendLine();
        sb.AppendLine("```");
        sb.Append(Recorder.MemorySeries());
        sb.AppendLine("```");
        sb.AppendLine(Memory?.ToString() ?? "Too few memory samples for a verdict.");
        foreach (var sample in Recorder.ErrorSamples)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"ERROR: {sample}");
        }

        foreach (var violation in Recorder.LabelViolations.Take(10))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"LABEL VIOLATION: {violation}");
        }

        return sb.ToString();
    }
}

/// <summary>
/// A bounded, mixed workload against the real host as a child process (<see cref="HostProcess"/>) on SQLite or
/// PostgreSQL, on loopback: delegates of different members and clearances reading (ledger aggregates, pledges,
/// observations, the map, events, meetings, decisions, documents, a few server-rendered pages with a cookie session,
/// and pledges not released to them, which must answer 404), monitor feeds ingesting observation batches, analysts
/// deciding on events and the Secretariat recording pledge steps and action items. Every answer is timed and its
/// status recorded; every labelled record in a delegate's answer is checked against the delegate's member and
/// clearance; the host's memory is sampled throughout. A baseline (<c>/health/live</c> with the same concurrency)
/// runs before and after, so figures from a noisy machine can be compared.
/// </summary>
public static partial class LoadHarness
{
    private sealed record Actor(string Name, string Member, int Clearance, string Token)
    {
        public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);
    }

    private sealed class LoadSqliteApp : SqliteApp;

    private sealed class LoadPostgresApp : PostgresApp;

    public static async Task<LoadReport> RunAsync(LoadOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        if (options.PostgresServer is not null)
        {
            Environment.SetEnvironmentVariable(TestPostgres.Variable, options.PostgresServer);
        }

        EntenteApp app = options.PostgresServer is null ? new LoadSqliteApp() : new LoadPostgresApp();
        await using var appLifetime = app;
        await app.InitializeAsync();
        var provider = app.Provider == TestProvider.Postgres ? "PostgreSQL" : "SQLite";

        var watch = Stopwatch.StartNew();
        await LoadDataset.SeedDemoAsync(app);
        var pledges = await LoadDataset.SeedPledgesAsync(app, options.Pledges, options.Seed);
        var monitors = Math.Max(1, options.Clients / 8);
        var analysts = Math.Max(1, options.Clients / 8);
        var editors = Math.Max(1, options.Clients / 8);
        var delegateCount = Math.Max(1, options.Clients - monitors - analysts - editors);
        (string Member, int Clearance)[] delegateSpecs =
        [
            ("GBR", ClassificationLevels.Confidential), ("FRA", ClassificationLevels.Confidential), ("POL", ClassificationLevels.Restricted),
            ("DEU", ClassificationLevels.Restricted), ("NLD", ClassificationLevels.Confidential), ("USA", ClassificationLevels.Restricted),
        ];
        var delegates = new List<(Actor Actor, TestUser User)>();
        foreach (var (member, clearance) in delegateSpecs.Take(Math.Min(delegateSpecs.Length, delegateCount)))
        {
            var user = await app.CreateUserAsync("Delegate", member, clearance);
            delegates.Add((new Actor(user.UserName, member, clearance, await app.IssueTokenAsync(user, "load")), user));
        }

        async Task<Actor> StaffAsync(string role, int clearance, bool twoFactor)
        {
            var user = await app.CreateUserAsync(role, "CSEC", clearance, twoFactor);
            return new Actor(user.UserName, "CSEC", clearance, await app.IssueTokenAsync(user, "load"));
        }

        var monitorActors = new List<Actor>();
        var analystActors = new List<Actor>();
        var editorActors = new List<Actor>();
        for (var i = 0; i < monitors; i++)
        {
            monitorActors.Add(await StaffAsync("Monitor", ClassificationLevels.Confidential, false));
        }

        for (var i = 0; i < analysts; i++)
        {
            analystActors.Add(await StaffAsync("Analyst", ClassificationLevels.Confidential, false));
        }

        for (var i = 0; i < editors; i++)
        {
            editorActors.Add(await StaffAsync("Secretariat", ClassificationLevels.Secret, true));
        }

        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Seeded the demo coalition and {pledges.Count:N0} pledges in {watch.Elapsed.TotalSeconds:F1} s; starting the host."));

        await using var host = new HostProcess(app.AllSettings());
        await host.StartAsync(cancellationToken: cancellationToken);
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Clients * 2,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        // Observations of three to six days ago, through the API as a feed sends them.
        var seedRandom = new Random(options.Seed);
        var now = DateTime.UtcNow;
        for (var start = 0; start < options.Observations; start += 2_000)
        {
            var count = Math.Min(2_000, options.Observations - start);
            var body = LoadDataset.ObservationBatch(seedRandom, count, now.AddDays(-6), now.AddDays(-3), $"seed{start}");
            using var response = await SendAsync(http, HttpMethod.Post, "/api/v1/observations/batch", monitorActors[0], Ndjson(body), idempotent: true, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode || StoredOf(text) != count)
            {
                throw new InvalidOperationException($"Seeding observations failed: {(int)response.StatusCode} {text[..Math.Min(1000, text.Length)]}");
            }
        }

        var storedBefore = await app.DbAsync(db => db.Observations.LongCountAsync(cancellationToken));

        // Analysts decide on the seeded events they may see; the workload's reports are days later, so its correlation
        // never touches them.
        var events = await app.DbAsync(db => db.Events.Where(e => e.MergedInto == null && e.Status == EventStatus.Reported)
            .Select(e => new { e.Id, e.Label }).ToListAsync(cancellationToken));
        var analystPools = analystActors.Select(_ => new Queue<(Guid Id, int Step)>()).ToList();
        var visibleEvents = events.Where(e => LoadDataset.Releases(e.Label.Classification, e.Label.ReleasableToCodes, e.Label.Originator, "CSEC", ClassificationLevels.Confidential)).ToList();
        for (var i = 0; i < visibleEvents.Count; i++)
        {
            analystPools[i % analystPools.Count].Enqueue((visibleEvents[i].Id, 0));
        }

        var editable = pledges.Where(p => LoadDataset.Releases(p.Label.Classification, p.Label.ReleasableToCodes, p.Label.Originator, "CSEC", ClassificationLevels.Secret)).ToList();
        var editorPools = editorActors.Select(_ => new Queue<SeededPledge>()).ToList();
        for (var i = 0; i < editable.Count; i++)
        {
            editorPools[i % editorPools.Count].Enqueue(editable[i]);
        }

        foreach (var (actor, user) in delegates)
        {
            await SignInAsync(http, actor, user, cancellationToken);
        }

        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{storedBefore:N0} observations, {events.Count:N0} events ({visibleEvents.Count:N0} for the analysts), {editable.Count:N0} pledges the Secretariat may edit; seeding took {watch.Elapsed.TotalSeconds:F1} s."));

        // Unmeasured: the first requests pay for the JIT and the connection pool.
        await BaselineAsync(http, options.Clients, TimeSpan.FromSeconds(2), cancellationToken);
        var baselineBefore = await BaselineAsync(http, options.Clients, options.BaselineDuration, cancellationToken);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Baseline /health/live: {baselineBefore:N0} req/s."));

        var recorder = new LoadRecorder();
        long acknowledged = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var runWatch = Stopwatch.StartNew();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (host.ResidentBytes() is { } rss)
                {
                    lock (recorder.Memory)
                    {
                        recorder.Memory.Add(new MemorySample(runWatch.Elapsed, rss, recorder.Requests));
                    }
                }

                try
                {
                    await Task.Delay(options.SampleEvery, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }, CancellationToken.None);

        var workers = new List<Task>();
        var clientIndex = 0;
        for (var i = 0; i < delegateCount; i++)
        {
            var (actor, _) = delegates[i % delegates.Count];
            var random = new Random(options.Seed + (++clientIndex));
            var hidden = pledges.Where(p => !LoadDataset.Releases(p.Label.Classification, p.Label.ReleasableToCodes, p.Label.Originator, actor.Member, actor.Clearance)).Select(p => p.Id).ToList();
            var shown = pledges.Where(p => LoadDataset.Releases(p.Label.Classification, p.Label.ReleasableToCodes, p.Label.Originator, actor.Member, actor.Clearance)).Select(p => p.Id).ToList();
            workers.Add(Task.Run(() => DelegateAsync(http, actor, random, hidden, shown, recorder, stop.Token), CancellationToken.None));
        }

        for (var i = 0; i < monitors; i++)
        {
            var actor = monitorActors[i];
            var random = new Random(options.Seed + (++clientIndex));
            var feed = i;
            workers.Add(Task.Run(async () =>
            {
                var n = await MonitorAsync(http, actor, random, feed, options, recorder, stop.Token);
                Interlocked.Add(ref acknowledged, n);
            }, CancellationToken.None));
        }

        for (var i = 0; i < analysts; i++)
        {
            var (actor, pool) = (analystActors[i], analystPools[i]);
            var random = new Random(options.Seed + (++clientIndex));
            workers.Add(Task.Run(() => AnalystAsync(http, actor, random, pool, options, recorder, stop.Token), CancellationToken.None));
        }

        for (var i = 0; i < editors; i++)
        {
            var (actor, pool) = (editorActors[i], editorPools[i]);
            var random = new Random(options.Seed + (++clientIndex));
            workers.Add(Task.Run(() => EditorAsync(http, actor, random, pool, options, recorder, stop.Token), CancellationToken.None));
        }

        var progress = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {runWatch.Elapsed.TotalSeconds:F0} s: {recorder.Requests:N0} requests, {recorder.Operations.Sum(o => o.ErrorCount)} errors, RSS {(host.ResidentBytes() ?? 0) / 1048576.0:F0} MiB"));
            }
        }, CancellationToken.None);

        try
        {
            await Task.Delay(options.Duration, cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
        }

        await Task.WhenAll(workers);
        var elapsed = runWatch.Elapsed;
        await sampler;
        await progress;
        if (host.ResidentBytes() is { } last)
        {
            recorder.Memory.Add(new MemorySample(elapsed, last, recorder.Requests));
        }

        var baselineAfter = await BaselineAsync(http, options.Clients, options.BaselineDuration, cancellationToken);
        if (!host.IsRunning)
        {
            throw new InvalidOperationException($"The host died during the run. Its last output:\n{host.RecentOutput}");
        }

        await host.StopAsync();
        var stored = await app.DbAsync(db => db.Observations.LongCountAsync(cancellationToken));
        var audit = await app.RunCliAsync("audit", "verify");
        return new LoadReport(provider, options, recorder, elapsed, baselineBefore, baselineAfter, acknowledged, stored, storedBefore + acknowledged,
            audit, recorder.Growth(options.GrowthThresholdPercent));
    }

    /// <summary>Closed loop of <c>GET /health/live</c> with <paramref name="clients"/> concurrent clients: requests per second.</summary>
    private static async Task<double> BaselineAsync(HttpClient http, int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        long count = 0;
        var watch = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            while (watch.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                using var response = await http.GetAsync(new Uri("/health/live", UriKind.Relative), cancellationToken);
                _ = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref count);
                }
            }
        }, cancellationToken));
        await Task.WhenAll(loops);
        return count / watch.Elapsed.TotalSeconds;
    }

    private static async Task DelegateAsync(HttpClient http, Actor actor, Random random, List<Guid> hidden, List<Guid> shown, LoadRecorder recorder, CancellationToken stop)
    {
        string[] groupings = ["donor", "type", "month", "channel"];
        string[] pages = ["/ledger", "/summits/meetings", "/summits/decisions", "/monitoring"];
        while (!stop.IsCancellationRequested)
        {
            var roll = random.Next(100);
            var (name, path, expect, page) = roll switch
            {
                < 15 => ("GET /ledger/aggregates", $"/api/v1/ledger/aggregates?groupBy={groupings[random.Next(groupings.Length)]}", HttpStatusCode.OK, false),
                < 30 => ("GET /pledges", $"/api/v1/pledges?page={random.Next(1, 6)}&pageSize=50", HttpStatusCode.OK, false),
                < 35 when shown.Count > 0 => ("GET /pledges/{id}", $"/api/v1/pledges/{shown[random.Next(shown.Count)]}", HttpStatusCode.OK, false),
                < 40 when hidden.Count > 0 => ("GET /pledges/{id} not released (404)", $"/api/v1/pledges/{hidden[random.Next(hidden.Count)]}", HttpStatusCode.NotFound, false),
                < 52 => ("GET /observations", $"/api/v1/observations?page={random.Next(1, 4)}&pageSize=100", HttpStatusCode.OK, false),
                < 60 => ("GET /monitoring/map", "/api/v1/monitoring/map", HttpStatusCode.OK, false),
                < 67 => ("GET /events", $"/api/v1/events?page={random.Next(1, 4)}&pageSize=50", HttpStatusCode.OK, false),
                < 74 => ("GET /meetings", "/api/v1/meetings", HttpStatusCode.OK, false),
                < 81 => ("GET /decisions", "/api/v1/decisions", HttpStatusCode.OK, false),
                < 88 => ("GET /documents", "/api/v1/documents", HttpStatusCode.OK, false),
                _ => ("page (cookie session)", pages[random.Next(pages.Length)], HttpStatusCode.OK, true),
            };
            var body = await TimedAsync(http, recorder, name, HttpMethod.Get, path, actor, null, expect, page, stop);
            if (body is not null && !page && expect == HttpStatusCode.OK)
            {
                CheckLabels(body, actor, path, recorder);
            }
        }
    }

    private static async Task<long> MonitorAsync(HttpClient http, Actor actor, Random random, int feed, LoadOptions options, LoadRecorder recorder, CancellationToken stop)
    {
        long acknowledged = 0;
        var batch = 0;
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.StartNew();
            var now = DateTime.UtcNow;
            var body = LoadDataset.ObservationBatch(random, options.IngestBatch, now.AddDays(-2), now.AddMinutes(-1), $"load{feed}-{batch++}");
            var answer = await TimedAsync(http, recorder, "POST /observations/batch", HttpMethod.Post, "/api/v1/observations/batch", actor, Ndjson(body), HttpStatusCode.OK, false, stop, idempotent: true);
            if (answer is not null)
            {
                var stored = StoredOf(answer);
                acknowledged += stored;
                if (stored != options.IngestBatch)
                {
                    recorder.Violation($"a batch of {options.IngestBatch} stored {stored}");
                }
            }

            var wait = options.IngestInterval - started.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Delay(wait, stop);
            }
        }

        return acknowledged;
    }

    private static async Task AnalystAsync(HttpClient http, Actor actor, Random random, Queue<(Guid Id, int Step)> pool, LoadOptions options, LoadRecorder recorder, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (pool.Count == 0)
            {
                await TimedAsync(http, recorder, "GET /events (analyst)", HttpMethod.Get, "/api/v1/events?pageSize=50", actor, null, HttpStatusCode.OK, false, stop);
                await Delay(options.EditorPause, stop);
                continue;
            }

            var (id, step) = pool.Dequeue();
            var detail = await TimedAsync(http, recorder, "GET /events/{id} (analyst)", HttpMethod.Get, $"/api/v1/events/{id}", actor, null, HttpStatusCode.OK, false, stop);
            if (detail is null)
            {
                continue;
            }

            int version;
            using (var json = JsonDocument.Parse(detail))
            {
                version = json.RootElement.GetProperty("event").GetProperty("version").GetInt32();
            }

            var status = step == 0 ? "underReview" : random.Next(2) == 0 ? "rejected" : "notConfirmed";
            var decided = await TimedAsync(http, recorder, "POST /events/{id}/decisions", HttpMethod.Post, $"/api/v1/events/{id}/decisions", actor,
                JsonContent.Create(new { status, reason = step == 0 ? "Taken up for review during the load run." : "Decided during the load run.", expectedVersion = version }),
                HttpStatusCode.OK, false, stop, idempotent: true);
            if (decided is not null && step == 0)
            {
                pool.Enqueue((id, 1));
            }

            await Delay(options.EditorPause, stop);
        }
    }

    private static async Task EditorAsync(HttpClient http, Actor actor, Random random, Queue<SeededPledge> pool, LoadOptions options, LoadRecorder recorder, CancellationToken stop)
    {
        string[] stages = ["committed", "allocated", "delivered"];
        var actions = new Queue<(Guid Id, int Step)>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        while (!stop.IsCancellationRequested)
        {
            var roll = random.Next(3);
            if (roll == 0 && pool.Count > 0)
            {
                var pledge = pool.Dequeue();
                var stage = stages[pledge.Steps];
                var answer = await TimedAsync(http, recorder, "POST /pledges/{id}/transitions", HttpMethod.Post, $"/api/v1/pledges/{pledge.Id}/transitions", actor,
                    JsonContent.Create(new
                    {
                        stage,
                        on = today,
                        source = new { url = $"https://www.example.org/{pledge.Donor.ToLowerInvariant()}/support/{today}/{stage}", publisher = $"Ministry of Defence ({pledge.Donor})", publishedOn = today },
                    }), HttpStatusCode.OK, false, stop, idempotent: true);
                if (answer is not null && ++pledge.Steps < stages.Length)
                {
                    pool.Enqueue(pledge);
                }
            }
            else if (roll == 1 || actions.Count == 0)
            {
                var owner = LoadDataset.Donors[random.Next(LoadDataset.Donors.Count)];
                var answer = await TimedAsync(http, recorder, "POST /actions", HttpMethod.Post, "/api/v1/actions", actor, JsonContent.Create(new
                {
                    title = $"Report on the delivery of the {owner} package",
                    description = "Recorded during the load run.",
                    owner = new { member = owner },
                    dueOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    label = new { classification = random.Next(2) == 0 ? "PUBLIC" : "RESTRICTED" },
                }), HttpStatusCode.Created, false, stop, idempotent: true);
                if (answer is not null)
                {
                    using var json = JsonDocument.Parse(answer);
                    actions.Enqueue((json.RootElement.GetProperty("id").GetGuid(), 0));
                }
            }
            else
            {
                var (id, step) = actions.Dequeue();
                var answer = await TimedAsync(http, recorder, "POST /actions/{id}/status", HttpMethod.Post, $"/api/v1/actions/{id}/status", actor,
                    JsonContent.Create(new { status = step == 0 ? "inProgress" : "done", reason = "Progress reported by the member." }),
                    HttpStatusCode.OK, false, stop, idempotent: true);
                if (answer is not null && step == 0)
                {
                    actions.Enqueue((id, 1));
                }
            }

            await Delay(options.EditorPause, stop);
        }
    }

    /// <summary>Sends one request, times it to the last byte of the answer and records it; the body when the status is as expected.</summary>
    private static async Task<string?> TimedAsync(HttpClient http, LoadRecorder recorder, string name, HttpMethod method, string path, Actor actor,
        HttpContent? content, HttpStatusCode expect, bool page, CancellationToken stop, bool idempotent = false)
    {
        if (stop.IsCancellationRequested)
        {
            content?.Dispose();
            return null;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            // A request in flight when the run ends is answered, not abandoned: what the host acknowledged is counted.
            using var response = page
                ? await SendPageAsync(http, path, actor, CancellationToken.None)
                : await SendAsync(http, method, path, actor, content, idempotent, CancellationToken.None);
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            var elapsed = Stopwatch.GetTimestamp() - started;
            var ok = response.StatusCode == expect || (expect == HttpStatusCode.OK && response.StatusCode == HttpStatusCode.Created);
            recorder.Record(name, elapsed, ok ? null : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            if (!ok)
            {
                recorder.ErrorSample(name, $"{(int)response.StatusCode} {body}");
            }

            return ok ? body : null;
        }
        catch (TaskCanceledException)
        {
            recorder.Record(name, Stopwatch.GetTimestamp() - started, "timeout");
            return null;
        }
        catch (HttpRequestException)
        {
            recorder.Record(name, Stopwatch.GetTimestamp() - started, "exception");
            return null;
        }
        finally
        {
            content?.Dispose();
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, Actor actor, HttpContent? content, bool idempotent, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", actor.Token);
        if (idempotent)
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        }

        return await http.SendAsync(request, cancellationToken);
    }

    /// <summary>A page as a signed-in browser asks for it: the session cookie, no token. A redirect (to sign in) is a failure.</summary>
    private static async Task<HttpResponseMessage> SendPageAsync(HttpClient http, string path, Actor actor, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", CookieHeader(actor));
        return await http.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// Signs a delegate in through the real sign-in form. Outside Development the cookies are Secure-only, which a
    /// client on plain loopback HTTP would not send back, so they are kept here and sent as a Cookie header.
    /// </summary>
    private static async Task SignInAsync(HttpClient http, Actor actor, TestUser user, CancellationToken cancellationToken)
    {
        using (var form = new HttpRequestMessage(HttpMethod.Get, new Uri("/account/sign-in", UriKind.Relative)))
        {
            using var page = await http.SendAsync(form, cancellationToken);
            Keep(actor, page);
            var html = await page.Content.ReadAsStringAsync(cancellationToken);
            var token = WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups[1].Value);
            using var post = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/sign-in", UriKind.Relative))
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Input.User"] = user.UserName,
                    ["Input.Password"] = user.Password,
                    ["__RequestVerificationToken"] = token,
                    ["_handler"] = "sign-in",
                }),
            };
            post.Headers.Add("Cookie", CookieHeader(actor));
            using var signedIn = await http.SendAsync(post, cancellationToken);
            Keep(actor, signedIn);
            if (signedIn.StatusCode != HttpStatusCode.Redirect || !actor.Cookies.ContainsKey("entente.session"))
            {
                throw new InvalidOperationException($"Signing {user.UserName} in answered {(int)signedIn.StatusCode} without a session cookie.");
            }
        }
    }

    private static void Keep(Actor actor, HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            foreach (var cookie in cookies)
            {
                var pair = cookie.Split(';', 2)[0];
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                actor.Cookies[pair[..eq]] = pair[(eq + 1)..];
            }
        }
    }

    private static string CookieHeader(Actor actor) => string.Join("; ", actor.Cookies.Select(c => $"{c.Key}={c.Value}"));

    /// <summary>Every labelled record in the answer (any object with a <c>label</c> carrying a rank) must be releasable to the reader.</summary>
    private static void CheckLabels(string body, Actor actor, string path, LoadRecorder recorder)
    {
        if (body.Length == 0 || (body[0] != '{' && body[0] != '['))
        {
            return;
        }

        using var json = JsonDocument.Parse(body);
        var checkedCount = 0;
        Walk(json.RootElement);
        recorder.LabelChecked(checkedCount);

        void Walk(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        if (property.NameEquals("label") && property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("rank", out var rank))
                        {
                            checkedCount++;
                            var releasable = property.Value.TryGetProperty("releasableTo", out var rel) && rel.ValueKind == JsonValueKind.Array
                                ? rel.EnumerateArray().Select(r => r.GetString()!).ToList()
                                : [];
                            var originator = property.Value.TryGetProperty("originator", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
                            if (!LoadDataset.Releases(rank.GetInt32(), releasable, originator, actor.Member, actor.Clearance))
                            {
                                recorder.Violation($"{actor.Member} (clearance {actor.Clearance}) read {path}: {element.GetRawText()[..Math.Min(300, element.GetRawText().Length)]}");
                            }
                        }
                        else
                        {
                            Walk(property.Value);
                        }
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Walk(item);
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private static StringContent Ndjson(string body) => new(body, Encoding.UTF8, "application/x-ndjson");

    private static int StoredOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("stored").GetInt32();
    }

    private static async Task Delay(TimeSpan wait, CancellationToken stop)
    {
        try
        {
            await Task.Delay(wait, stop);
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
