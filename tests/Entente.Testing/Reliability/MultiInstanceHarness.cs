using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Entente.Infrastructure.Labels;
using Entente.Modules.Monitoring.Contracts;
using Entente.Modules.Summits.Domain;
using Entente.Testing.Processes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entente.Testing.Reliability;

/// <summary>How big a run of <see cref="MultiInstanceHarness"/> is.</summary>
public sealed record MultiInstanceOptions
{
    /// <summary>Hosts started side by side on the one database (two or three in practice).</summary>
    public int Instances { get; init; } = 3;

    /// <summary>How long the round-robin traffic runs.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Concurrent clients driving traffic.</summary>
    public int Workers { get; init; } = 6;

    /// <summary>Alert rules, each fired once by a burst of observations sent through all instances.</summary>
    public int AlertRules { get; init; } = 3;

    /// <summary>Days the agreement has run, so the report job owes one draft report for each closed one.</summary>
    public int AgreementDays { get; init; } = 4;

    /// <summary>How long a silence procedure opened during the traffic runs before its deadline.</summary>
    public TimeSpan SilencePeriod { get; init; } = TimeSpan.FromSeconds(4);
}

/// <summary>Requests one instance answered, and how many of them were not successful.</summary>
public sealed record InstanceTraffic(int Instance, int Port, int Requests, int Errors);

/// <summary>What a run of <see cref="MultiInstanceHarness"/> found. Every "duplicated" figure must be zero.</summary>
public sealed record MultiInstanceReport(
    IReadOnlyList<InstanceTraffic> Traffic,
    IReadOnlyList<string> ErrorSamples,
    bool CookieAcceptedByEveryInstance,
    bool AntiforgeryTokenAcceptedByAnotherInstance,
    bool ForgedAntiforgeryTokenRefused,
    long ChainEntries,
    long ChainFirst,
    long ChainLast,
    bool ChainVerifies,
    string VerifyOutput,
    int Checkpoints,
    int CheckpointsNotOnTheChain,
    int SilenceProceduresOpened,
    int SilenceProceduresAdopted,
    int SilenceDecisions,
    int ReportDaysOwed,
    int Reports,
    int ReportDaysDuplicated,
    int AlertRulesFired,
    int Alerts,
    int AlertRulesWithSeveralAlerts)
{
    public int Requests => Traffic.Sum(t => t.Requests);

    public int Errors => Traffic.Sum(t => t.Errors);

    /// <summary>Sequences 1..N with none missing and none twice (the sequence is the primary key, so "twice" cannot happen).</summary>
    public bool ChainGapless => ChainEntries == 0 || (ChainFirst == 1 && ChainLast == ChainEntries);

    public void WriteTo(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine("  instance  port    requests  errors");
        foreach (var t in Traffic)
        {
            output.WriteLine(string.Format(c, "  {0,8}  {1,5}  {2,9:N0}  {3,6}", t.Instance, t.Port, t.Requests, t.Errors));
        }

        output.WriteLine(string.Format(c, "  total            {0,9:N0}  {1,6}", Requests, Errors));
        foreach (var sample in ErrorSamples)
        {
            output.WriteLine("  error: " + sample);
        }

        output.WriteLine($"  session cookie from instance 1 accepted by every instance: {Yes(CookieAcceptedByEveryInstance)}");
        output.WriteLine($"  antiforgery token from instance 1's page accepted by instance 2: {Yes(AntiforgeryTokenAcceptedByAnotherInstance)}; forged token refused: {Yes(ForgedAntiforgeryTokenRefused)}");
        output.WriteLine(string.Format(c, "  audit chain: {0:N0} entries, sequences {1}..{2}, gapless: {3}, verifies: {4}", ChainEntries, ChainFirst, ChainLast, Yes(ChainGapless), Yes(ChainVerifies)));
        output.WriteLine(string.Format(c, "  audit checkpoints: {0} signed, {1} not on the chain", Checkpoints, CheckpointsNotOnTheChain));
        output.WriteLine(string.Format(c, "  silence procedures: {0} opened, {1} adopted, {2} decisions", SilenceProceduresOpened, SilenceProceduresAdopted, SilenceDecisions));
        output.WriteLine(string.Format(c, "  daily reports: {0} days owed, {1} reports, {2} days duplicated", ReportDaysOwed, Reports, ReportDaysDuplicated));
        output.WriteLine(string.Format(c, "  alert rules: {0} fired, {1} alerts, {2} rules with more than one", AlertRulesFired, Alerts, AlertRulesWithSeveralAlerts));
    }

    private static string Yes(bool value) => value ? "yes" : "NO";
}

/// <summary>
/// Several real hosts (child processes on their own loopback ports) on one PostgreSQL database, with every background
/// job switched on at one-second intervals: a session cookie and an antiforgery token cross instances, traffic of
/// several kinds is driven round-robin across them, and afterwards the database shows one audit chain and each job's
/// effect exactly once (one decision per silence procedure, one report per day, one alert per rule firing, no
/// checkpoint off the chain). Used by the <c>instances</c> benchmark and, in a small run, by the CI tests.
/// </summary>
/// <remarks>
/// A one-second lease is shorter than a tick that verifies a growing chain or evaluates alerts under load, so leases
/// expire while ticks still run and instances overlap: the harness exercises exactly the case the effects' unique
/// keys guard against.
/// </remarks>
public static partial class MultiInstanceHarness
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>The settings every instance gets on top of the fixture's: all background jobs on, ticking every second.</summary>
    public static IReadOnlyDictionary<string, string?> JobSettings { get; } = new Dictionary<string, string?>
    {
        ["Entente:Audit:RunCheckpointJob"] = "true",
        ["Entente:Audit:CheckpointInterval"] = "00:00:01",
        ["Entente:Monitoring:Jobs:Run"] = "true",
        ["Entente:Monitoring:Jobs:AlertInterval"] = "00:00:01",
        ["Entente:Monitoring:Jobs:ReportInterval"] = "00:00:01",
        ["Entente:Summits:SilenceJob:Run"] = "true",
        ["Entente:Summits:SilenceJob:Interval"] = "00:00:01",
        ["Entente:Summits:Reminders:Run"] = "true",
        ["Entente:Summits:Reminders:Interval"] = "00:00:01",
        ["Entente:Summits:OverdueActions:Run"] = "true",
    };

    public static async Task<MultiInstanceReport> RunAsync(EntenteApp app, MultiInstanceOptions options, TextWriter? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        progress ??= TextWriter.Null;

        // The fixture's in-process host prepares the database (migrations, members, users, tokens) and, by starting
        // first, the shared key ring and audit signing key in the shared data directory. Its own jobs stay off.
        var secretariat = await app.CreateUserAsync("Secretariat", "CSEC", ClassificationLevels.Secret, twoFactor: true);
        var monitor = await app.CreateUserAsync("Monitor", "CSEC", ClassificationLevels.Confidential);
        var analyst = await app.CreateUserAsync("Analyst", "CSEC", ClassificationLevels.Secret);
        var delegateUser = await app.CreateUserAsync("Delegate", "FRA", ClassificationLevels.Restricted);
        var secretariatToken = await app.IssueTokenAsync(secretariat, "instances");
        var monitorToken = await app.IssueTokenAsync(monitor, "instances");
        var analystToken = await app.IssueTokenAsync(analyst, "instances");

        var settings = app.AllSettings().ToDictionary(p => p.Key, p => p.Value);
        foreach (var (key, value) in JobSettings)
        {
            settings[key] = value;
        }

        // The key ring gets its first key before the instances start, as an operator provisions the shared volume.
        _ = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("instances").Protect("key ring");

        var hosts = Enumerable.Range(0, options.Instances).Select(_ => new HostProcess(settings)).ToList();
        try
        {
            await Task.WhenAll(hosts.Select(h => h.StartAsync(cancellationToken: cancellationToken)));
            progress.WriteLine($"  instances listening on {string.Join(", ", hosts.Select(h => h.BaseAddress))}");

            // Cookies travel by hand (they are Secure-only outside Development) and redirects are answers, not followed.
            var clients = hosts.Select(h => new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            {
                BaseAddress = h.BaseAddress,
                Timeout = TimeSpan.FromSeconds(60),
            }).ToArray();
            try
            {
                return await DriveAsync(app, options, hosts, clients, secretariatToken, monitorToken, analystToken, delegateUser, progress, cancellationToken);
            }
            finally
            {
                foreach (var client in clients)
                {
                    client.Dispose();
                }
            }
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.StopAsync();
                await host.DisposeAsync();
            }
        }
    }

    private static async Task<MultiInstanceReport> DriveAsync(
        EntenteApp app, MultiInstanceOptions options, List<HostProcess> hosts, HttpClient[] clients,
        string secretariatToken, string monitorToken, string analystToken, TestUser delegateUser, TextWriter progress, CancellationToken ct)
    {
        var counters = hosts.Select(_ => new int[2]).ToArray(); // [requests, errors]
        var errors = new ConcurrentQueue<string>();
        var next = -1;

        async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, string token, CancellationToken token2)
        {
            var index = (int)((uint)Interlocked.Increment(ref next) % (uint)clients.Length);
            using var request = build();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Interlocked.Increment(ref counters[index][0]);
            try
            {
                var response = await clients[index].SendAsync(request, token2);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref counters[index][1]);
                    if (errors.Count < 10)
                    {
                        errors.Enqueue($"instance {index + 1}: {request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {Truncate(await response.Content.ReadAsStringAsync(token2))}");
                    }
                }

                return response;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !token2.IsCancellationRequested)
            {
                Interlocked.Increment(ref counters[index][1]);
                errors.Enqueue($"instance {index + 1}: {request.Method} {request.RequestUri} failed: {ex.Message}");
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            }
        }

        // Cookies and antiforgery tokens across instances.
        var (cookieEverywhere, antiforgeryAcross, forgedRefused) = await CrossInstanceSessionAsync(clients, delegateUser, ct);
        progress.WriteLine($"  session and antiforgery across instances: cookie {cookieEverywhere}, antiforgery {antiforgeryAcross}, forged refused {forgedRefused}");

        // An agreement that started some days ago (the report job owes a report for each closed day) and alert rules.
        var startsAt = DateTimeOffset.UtcNow.AddDays(-(options.AgreementDays - 1));
        using (var created = await SendAsync(() => Post("/api/v1/agreements", Agreement("CF-" + Unique().ToUpperInvariant(), startsAt)), secretariatToken, ct))
        {
            EnsureSuccess(created, "recording the agreement");
        }

        var rules = new List<Guid>();
        for (var r = 0; r < options.AlertRules; r++)
        {
            using var rule = await SendAsync(() => Post("/api/v1/alert-rules", new
            {
                name = $"Burst {r + 1} {Unique()}",
                kind = "violationCount",
                area = Square(48.10 + (r * 0.05), 37.40),
                windowMinutes = 60,
                threshold = 3,
                label = new { classification = "PUBLIC" },
            }), analystToken, ct);
            EnsureSuccess(rule, "creating an alert rule");
            rules.Add((await rule.Content.ReadFromJsonAsync<JsonElement>(Json, ct)).GetProperty("id").GetGuid());
        }

        // Traffic of several kinds, round-robin across the instances: observation batches, proposal drafts, silence
        // procedures (which the jobs then conclude), rule bursts (which the alert job and the batches both evaluate),
        // and reads.
        var silenceOpened = new ConcurrentBag<Guid>();
        var burstsSent = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(options.Duration);
        var source = "instances-" + Unique();
        var stopwatch = Stopwatch.StartNew();
        async Task WorkerAsync(int worker)
        {
            var random = new Random(worker);
            var step = 0;

            // Every client completes at least one round of the five kinds, however slow the machine.
            while (step < 5 || !stop.IsCancellationRequested)
            {
                try
                {
                    var kind = step++ % 5;
                    if (kind == 0 && Interlocked.Increment(ref burstsSent) is var burst && burst <= rules.Count)
                    {
                        // One burst per rule: eight observations inside its square within the window, in two batches
                        // sent to different instances.
                        var r = burst - 1;
                        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
                        for (var half = 0; half < 2; half++)
                        {
                            var rows = Enumerable.Range(half * 4, 4).Select(i =>
                                Observation(source, $"burst-{r}-{i}", 48.105 + (r * 0.05) + (i * 0.001), 37.41, at.AddMinutes(i)));
                            using var sent = await SendAsync(() => Ndjson(rows), monitorToken, ct);
                        }

                        continue;
                    }

                    switch (kind)
                    {
                        case 0:
                        case 1:
                        {
                            var rows = Enumerable.Range(0, 5).Select(i => Observation(source, $"w{worker}-{step}-{i}",
                                47.05 + (random.NextDouble() * 0.6), 36.5 + (random.NextDouble() * 0.5), DateTimeOffset.UtcNow.AddMinutes(-random.Next(1, 600))));
                            using var sent = await SendAsync(() => Ndjson(rows), monitorToken, ct);
                            break;
                        }

                        case 2:
                        {
                            using var drafted = await SendAsync(() => Post("/api/v1/proposals", new
                            {
                                title = $"Statement {worker}-{step} on humanitarian corridors",
                                text = "The coalition calls for safe passage of humanitarian convoys.",
                                label = new { classification = "PUBLIC" },
                            }), secretariatToken, ct);
                            break;
                        }

                        case 3:
                        {
                            using var drafted = await SendAsync(() => Post("/api/v1/proposals", new
                            {
                                title = $"Statement {worker}-{step} on prisoner exchanges",
                                text = "The coalition welcomes the exchange of prisoners.",
                                label = new { classification = "PUBLIC" },
                            }), secretariatToken, ct);
                            if (drafted.IsSuccessStatusCode)
                            {
                                var id = (await drafted.Content.ReadFromJsonAsync<JsonElement>(Json, ct)).GetProperty("id").GetGuid();
                                var deadline = DateTimeOffset.UtcNow.Add(options.SilencePeriod);
                                using var opened = await SendAsync(() => Post($"/api/v1/proposals/{id}/silence", new { deadline = deadline.ToString("O", CultureInfo.InvariantCulture) }),
                                    secretariatToken, ct);
                                if (opened.IsSuccessStatusCode)
                                {
                                    silenceOpened.Add(id);
                                }
                            }

                            break;
                        }

                        default:
                        {
                            using var read = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "/api/v1/proposals"), secretariatToken, ct);
                            break;
                        }
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, options.Workers).Select(WorkerAsync));
        progress.WriteLine(string.Format(CultureInfo.InvariantCulture, "  traffic: {0:N0} requests in {1:N1} s", counters.Sum(c => c[0]), stopwatch.Elapsed.TotalSeconds));

        // Let the jobs catch up: every silence deadline passed and concluded, every report written, a checkpoint at the head.
        var opened = silenceOpened.ToList();
        var owed = await app.AsSystemAsync(sp =>
        {
            var last = sp.GetRequiredService<DailyReportWriter>().LastClosedDay();
            var first = DateOnly.FromDateTime(startsAt.UtcDateTime);
            return Task.FromResult(Math.Max(0, last.DayNumber - first.DayNumber + 1));
        });
        var settle = Stopwatch.StartNew();
        while (settle.Elapsed < TimeSpan.FromSeconds(60))
        {
            var adopted = await app.DbAsync(db => db.Proposals.IgnoreQueryFilters().CountAsync(p => opened.Contains(p.Id) && p.Status == ProposalStatus.Adopted, ct));
            var reports = await app.DbAsync(db => db.DailyReports.IgnoreQueryFilters().CountAsync(ct));
            var head = await app.DbAsync(db => db.AuditEntries.MaxAsync(e => (long?)e.Sequence, ct)) ?? 0;
            var signedHead = await app.DbAsync(db => db.AuditCheckpoints.MaxAsync(c => (long?)c.Sequence, ct)) ?? 0;
            if (adopted == opened.Count && reports >= owed && signedHead > 0 && signedHead >= head - 10)
            {
                break;
            }

            await Task.Delay(500, ct);
        }

        // Stop the instances, then read what they left.
        foreach (var host in hosts)
        {
            await host.StopAsync();
        }

        var chain = await app.DbAsync(async db => new
        {
            Count = await db.AuditEntries.IgnoreQueryFilters().LongCountAsync(ct),
            First = await db.AuditEntries.IgnoreQueryFilters().MinAsync(e => (long?)e.Sequence, ct) ?? 0,
            Last = await db.AuditEntries.IgnoreQueryFilters().MaxAsync(e => (long?)e.Sequence, ct) ?? 0,
        });
        var verify = await app.RunCliAsync("audit", "verify");
        var checkpoints = await app.DbAsync(db => db.AuditCheckpoints.Select(c => new { c.Sequence, c.Hash }).ToListAsync(ct));
        var sequences = checkpoints.Select(c => c.Sequence).ToList();
        var entryHashes = await app.DbAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(e => sequences.Contains(e.Sequence))
            .ToDictionaryAsync(e => e.Sequence, e => e.Hash, ct));
        var offChain = checkpoints.Count(c => !entryHashes.TryGetValue(c.Sequence, out var hash) || hash != c.Hash);
        var silenceAdopted = await app.DbAsync(db => db.Proposals.IgnoreQueryFilters().CountAsync(p => opened.Contains(p.Id) && p.Status == ProposalStatus.Adopted, ct));
        var decisions = await app.DbAsync(db => db.Decisions.IgnoreQueryFilters().CountAsync(d => opened.Contains(d.ProposalId), ct));
        var days = await app.DbAsync(db => db.DailyReports.IgnoreQueryFilters().Select(r => r.Day).ToListAsync(ct));
        var alerts = await app.DbAsync(db => db.Alerts.IgnoreQueryFilters().Where(a => rules.Contains(a.RuleId)).Select(a => a.RuleId).ToListAsync(ct));

        return new MultiInstanceReport(
            hosts.Select((h, i) => new InstanceTraffic(i + 1, h.Port, counters[i][0], counters[i][1])).ToList(),
            errors.Take(10).ToList(),
            cookieEverywhere,
            antiforgeryAcross,
            forgedRefused,
            chain.Count,
            chain.First,
            chain.Last,
            verify.ExitCode == 0,
            (verify.Output + verify.Error).Trim(),
            checkpoints.Count,
            offChain,
            opened.Count,
            silenceAdopted,
            decisions,
            owed,
            days.Count,
            days.Count - days.Distinct().Count(),
            alerts.Distinct().Count(),
            alerts.Count,
            alerts.GroupBy(a => a).Count(g => g.Count() > 1));
    }

    /// <summary>
    /// Signs in through instance 1's real sign-in form and presents its session cookie to every instance (an
    /// authenticated page answers 200, not a redirect to sign in); takes the antiforgery token and cookie of
    /// instance 1's sign-in page and posts the form to instance 2 (accepted), and a forged token (refused).
    /// Outside Development the cookies are Secure-only, so over plain loopback HTTP they are carried by hand.
    /// </summary>
    private static async Task<(bool Cookie, bool Antiforgery, bool ForgedRefused)> CrossInstanceSessionAsync(
        HttpClient[] clients, TestUser user, CancellationToken ct)
    {
        var a = clients[0];
        var b = clients[1 % clients.Length];

        // Instance 1 issues the session.
        var (antiforgeryCookie, token) = await SignInPageAsync(a, ct);
        using var signIn = await PostSignInAsync(a, antiforgeryCookie, token, user, ct);
        var session = CookiesOf(signIn).FirstOrDefault(c => c.StartsWith("entente.session=", StringComparison.Ordinal));
        if (session is null)
        {
            var text = Regex.Replace(WebUtility.HtmlDecode(await signIn.Content.ReadAsStringAsync(ct)), "<[^>]+>|\\s+", " ");
            throw new InvalidOperationException($"Signing in on instance 1 answered {(int)signIn.StatusCode} without a session cookie: {text[..Math.Min(3000, text.Length)]}");
        }

        var cookie = signIn.StatusCode == HttpStatusCode.Redirect;
        foreach (var client in clients)
        {
            using var anonymous = new HttpRequestMessage(HttpMethod.Get, "/summits/meetings");
            using var refused = await client.SendAsync(anonymous, ct);
            using var page = new HttpRequestMessage(HttpMethod.Get, "/summits/meetings");
            page.Headers.Add("Cookie", session);
            using var answered = await client.SendAsync(page, ct);
            cookie &= refused.StatusCode != HttpStatusCode.OK && answered.StatusCode == HttpStatusCode.OK;
        }

        // Instance 1's form token, posted to instance 2.
        (antiforgeryCookie, token) = await SignInPageAsync(a, ct);
        using var across = await PostSignInAsync(b, antiforgeryCookie, token, user, ct);
        var antiforgery = across.StatusCode == HttpStatusCode.Redirect
            && CookiesOf(across).Any(c => c.StartsWith("entente.session=", StringComparison.Ordinal));
        using var forged = await PostSignInAsync(b, antiforgeryCookie, "CfDJ8" + new string('A', 150), user, ct);
        return (cookie, antiforgery, forged.StatusCode == HttpStatusCode.BadRequest);
    }

    private static async Task<(string Cookie, string Token)> SignInPageAsync(HttpClient client, CancellationToken ct)
    {
        using var page = await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative), ct);
        var html = await page.Content.ReadAsStringAsync(ct);
        var token = AntiforgeryField().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"The sign-in page answered {(int)page.StatusCode} without an antiforgery token.");
        var cookie = CookiesOf(page).FirstOrDefault(c => c.StartsWith("entente.antiforgery=", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("The sign-in page set no antiforgery cookie.");
        return (cookie, token);
    }

    private static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string antiforgeryCookie, string token, TestUser user, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.User"] = user.UserName,
                ["Input.Password"] = user.Password,
                ["__RequestVerificationToken"] = token,
                ["_handler"] = "sign-in",
            }),
        };
        request.Headers.Add("Cookie", antiforgeryCookie);
        return await client.SendAsync(request, ct);
    }

    /// <summary>The <c>name=value</c> part of each Set-Cookie header.</summary>
    private static IEnumerable<string> CookiesOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : [];

    private static HttpRequestMessage Post(string path, object body) =>
        new(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) };

    private static HttpRequestMessage Ndjson(IEnumerable<object> rows) =>
        new(HttpMethod.Post, "/api/v1/observations/batch")
        {
            Content = new StringContent(string.Join('\n', rows.Select(r => JsonSerializer.Serialize(r, Json))), Encoding.UTF8, "application/x-ndjson"),
        };

    private static void EnsureSuccess(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}.");
        }
    }

    private static Dictionary<string, object?> Observation(string source, string sourceRef, double lat, double lon, DateTimeOffset at) => new Dictionary<string, object?>
    {
        ["sourceKind"] = "machineFeed",
        ["source"] = source,
        ["sourceRef"] = sourceRef,
        ["observedFrom"] = at,
        ["timePrecision"] = "exact",
        ["latitude"] = lat,
        ["longitude"] = lon,
        ["means"] = "sensor",
        ["type"] = "explosionImpact",
        ["count"] = 1,
    };

    /// <summary>An agreement along longitude 37.5° E between 47° and 49° N with a 10 km security zone.</summary>
    private static object Agreement(string code, DateTimeOffset starts) =>
        HarnessAgreements.LineOfContact(code, "Ceasefire " + code, starts, securityZone: true);

    /// <summary>A square of about 2 km with its south-west corner at the given point.</summary>
    private static object Square(double lat, double lon) => new
    {
        type = "Polygon",
        coordinates = new[] { new[] { new[] { lon, lat }, new[] { lon + 0.02, lat }, new[] { lon + 0.02, lat + 0.02 }, new[] { lon, lat + 0.02 }, new[] { lon, lat } } },
    };

    private static string Unique() => Guid.NewGuid().ToString("N")[..10];

    private static string Truncate(string s) => s.Length > 300 ? s[..300] : s;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
