using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Entente.Infrastructure.Labels;
using Entente.Testing.Processes;

namespace Entente.Testing.Reliability;

/// <summary>What a crash run does: on which database, how many kills, with which seed, how many writers, when to kill.</summary>
public sealed record CrashHarnessOptions
{
    public TestProvider Provider { get; init; } = TestProvider.Sqlite;

    /// <summary>How many times the host is killed (each kill is followed by a restart and the checks).</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Seeds the kill moments and the writers' choices, so a failing run can be repeated.</summary>
    public int Seed { get; init; } = 20261130;

    /// <summary>Concurrent clients; they take the workloads in turn (ingest, import, procedure, ingest …).</summary>
    public int Writers { get; init; } = 3;

    /// <summary>The kill comes at a random moment in [<see cref="KillAfterMin"/>, <see cref="KillAfterMax"/>) after the writers start.</summary>
    public TimeSpan KillAfterMin { get; init; } = TimeSpan.FromMilliseconds(300);

    public TimeSpan KillAfterMax { get; init; } = TimeSpan.FromMilliseconds(2500);

    /// <summary>
    /// When set, the kill window of a round opens only once every workload has had a write acknowledged (in this or
    /// an earlier round; at most <see cref="AcknowledgementWait"/>), so a short run on a slow machine still kills
    /// with acknowledged writes of every kind to check. Off for full runs, whose kills may also come before any.
    /// </summary>
    public bool KillAfterEveryKindAcknowledged { get; init; }

    /// <summary>How long a round waits for <see cref="KillAfterEveryKindAcknowledged"/> before killing anyway.</summary>
    public TimeSpan AcknowledgementWait { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Observations per ingested batch.</summary>
    public int BatchRows { get; init; } = 40;

    /// <summary>Pledges per imported file.</summary>
    public int ImportRows { get; init; } = 12;

    /// <summary>Receives one line per round; null for silence.</summary>
    public TextWriter? Progress { get; init; }

    /// <summary>Everything the host writes, across restarts (optional).</summary>
    public string? HostLog { get; init; }
}

/// <summary>
/// What a crash run found. Writes are counted per kind (<c>observation-batch</c>, <c>pledge-import</c>,
/// <c>procedure-step</c>); an unacknowledged write is one whose client got no 2xx before the kill. A correct run has
/// no violations: no duplicates, no partial batch or import, every acknowledged write present, a verifying chain.
/// </summary>
public sealed record CrashSummary(
    TestProvider Provider,
    int Rounds,
    int Seed,
    IReadOnlyDictionary<string, int> Acknowledged,
    int Unacknowledged,
    int RetriedApplied,
    int RetriedNotApplied,
    int Duplicates,
    int Partial,
    int ChainVerifications,
    bool ChainVerified,
    TimeSpan Elapsed,
    IReadOnlyList<string> Violations)
{
    public bool Passed => Violations.Count == 0 && ChainVerified && Duplicates == 0 && Partial == 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Provider}: {Rounds} kills (seed {Seed}) in {Elapsed.TotalSeconds:0.0} s; acknowledged " +
        $"{string.Join(", ", Acknowledged.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}; " +
        $"unacknowledged {Unacknowledged} (retried with their keys: {RetriedApplied} applied once, {RetriedNotApplied} not applied); " +
        $"duplicates {Duplicates}; partial {Partial}; audit chain verified {ChainVerifications} times: {(ChainVerified ? "yes" : "NO")}; " +
        $"violations {Violations.Count}");
}

/// <summary>
/// Kills the real host (SIGKILL) at seeded random moments while clients ingest observation batches, import pledge
/// files and run decision procedures; restarts it; retries every unacknowledged write with its Idempotency-Key; and
/// checks after every restart that each acknowledged write is present exactly once, no batch or import is partly
/// stored, each procedure's state follows from its steps, and the audit chain verifies. An in-process app prepares
/// the database (members, users, tokens, an agreement) and inspects it; the child process serves it.
/// </summary>
public static class CrashHarness
{
    public static async Task<CrashSummary> RunAsync(CrashHarnessOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        await using EntenteApp app = options.Provider == TestProvider.Postgres ? new PostgresApp() : new SqliteApp();
        await app.InitializeAsync();
        var random = new Random(options.Seed);
        var state = new CrashState(options);
        await state.PrepareAsync(app);

        await using var host = new HostProcess(app.AllSettings(), logFile: options.HostLog);
        var verified = true;
        var verifications = 0;
        for (var round = 1; round <= options.Rounds + 1; round++)
        {
            var started = Stopwatch.StartNew();
            await host.StartAsync(cancellationToken: cancellationToken);
            var startup = started.Elapsed;
            using var http = Client(host);
            if (round > 1)
            {
                // After a restart: retry what the clients never heard back about, then check everything so far.
                await state.RecoverAsync(http, app, cancellationToken);
                await state.CheckAsync(app, cancellationToken);
                var verify = await app.RunCliAsync("audit", "verify");
                verifications++;
                if (verify.ExitCode != 0)
                {
                    verified = false;
                    state.Violation($"round {round - 1}: the audit chain does not verify: {verify.Output} {verify.Error}".Trim());
                }
            }

            if (round > options.Rounds)
            {
                await host.StopAsync();
                break;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var writers = Enumerable.Range(0, options.Writers)
                .Select(w => state.WriteAsync(http, round, w, new Random(random.Next()), stop.Token))
                .ToList();
            if (options.KillAfterEveryKindAcknowledged)
            {
                var kinds = Math.Min(options.Writers, 3);
                var waiting = Stopwatch.StartNew();
                while (state.AcknowledgedKinds() < kinds && waiting.Elapsed < options.AcknowledgementWait)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
                }
            }

            var window = options.KillAfterMax - options.KillAfterMin;
            var wait = options.KillAfterMin + TimeSpan.FromMilliseconds(random.NextDouble() * Math.Max(0, window.TotalMilliseconds));
            await Task.Delay(wait, cancellationToken);
            host.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
            options.Progress?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{options.Provider} round {round}: started in {startup.TotalSeconds:0.0} s, killed after {wait.TotalMilliseconds:0} ms; {state.InFlightSummary()}"));
        }

        return state.Summarise(options, verifications, verified, clock.Elapsed);
    }

    private static HttpClient Client(HostProcess host)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>The clearance the harness's users get: enough to read everything they write.</summary>
    internal const int Clearance = ClassificationLevels.Secret;
}
