using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Entente.Infrastructure.Http;
using Entente.Modules.Summits.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Testing.Reliability;

/// <summary>One write a client intends: its Idempotency-Key, and what became of it.</summary>
internal sealed class CrashWrite(string kind, string key, string token, Func<HttpRequestMessage> build)
{
    public string Kind { get; } = kind;

    public string Key { get; } = key;

    public string Token { get; } = token;

    public Func<HttpRequestMessage> Build { get; } = build;

    /// <summary>Sent at least once (a write never sent needs no checking).</summary>
    public bool Sent { get; set; }

    /// <summary>The client got a 2xx (first time or on a retry).</summary>
    public bool Acknowledged { get; set; }

    /// <summary>Known not applied: a retry found the key claimed by a request that died before its transaction committed.</summary>
    public bool NotApplied { get; set; }

    /// <summary>Known applied, without a response: the process died between the commit and storing the response.</summary>
    public bool AppliedWithoutResponse { get; set; }

    public string? Body { get; set; }

    public bool Applied => Acknowledged || AppliedWithoutResponse;

    public bool Settled => Applied || NotApplied;
}

internal sealed record CrashBatch(string Source, int Rows, CrashWrite Write);

internal sealed record CrashImport(string Prefix, int Rows, CrashWrite Write);

internal sealed class CrashProcedure(string title, bool consensus)
{
    public string Title { get; } = title;

    public bool Consensus { get; } = consensus;

    public Guid? Id { get; set; }

    /// <summary>create, open, then (consensus) position and conclusion, or (silence) a break.</summary>
    public List<CrashWrite> Steps { get; } = [];
}

/// <summary>The writers, the recovery after a restart, and the checks of <see cref="CrashHarness"/>.</summary>
internal sealed class CrashState(CrashHarnessOptions options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lock _gate = new();
    private readonly List<CrashBatch> _batches = [];
    private readonly List<CrashImport> _imports = [];
    private readonly List<CrashProcedure> _procedures = [];
    private readonly List<string> _violations = [];
    private int _sequence;
    private int _retriedApplied;
    private int _retriedNotApplied;
    private int _duplicates;
    private int _partial;
    private string _monitor = "";
    private string _secretariat = "";
    private string _delegate = "";

    private const string DelegateMember = "GBR";

    public async Task PrepareAsync(EntenteApp app)
    {
        var monitor = await app.CreateUserAsync("Monitor", "CSEC", CrashHarness.Clearance, twoFactor: true);
        var secretariat = await app.CreateUserAsync("Secretariat", "CSEC", CrashHarness.Clearance, twoFactor: true);
        var member = await app.CreateUserAsync("Delegate", DelegateMember, CrashHarness.Clearance, twoFactor: true);
        _monitor = await app.IssueTokenAsync(monitor, "crash");
        _secretariat = await app.IssueTokenAsync(secretariat, "crash");
        _delegate = await app.IssueTokenAsync(member, "crash");

        // Observations are placed in the agreement in force: one along 37.5°E that started yesterday.
        using var client = await app.ClientAsync(secretariat);
        var code = "CF-CRASH-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        using var response = await client.PostAsync(new Uri("/api/v1/agreements", UriKind.Relative), JsonBody(Agreement(code)));
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Could not record the agreement: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public void Violation(string text)
    {
        lock (_gate)
        {
            _violations.Add(text);
        }
    }

    /// <summary>One client: takes a workload by its number and writes until the host dies.</summary>
    public async Task WriteAsync(HttpClient http, int round, int writer, Random random, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var tag = string.Create(CultureInfo.InvariantCulture, $"r{round}w{writer}n{Interlocked.Increment(ref _sequence)}");
            var ok = (writer % 3) switch
            {
                0 => await IngestAsync(http, tag, stop),
                1 => await ImportAsync(http, tag, stop),
                _ => await ProcedureAsync(http, tag, random.Next(2) == 0, stop),
            };
            if (!ok && !stop.IsCancellationRequested)
            {
                // The host refused or vanished: pause a moment rather than spin until the kill.
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    private async Task<bool> IngestAsync(HttpClient http, string tag, CancellationToken stop)
    {
        var source = "crash-" + tag;
        var observedAt = DateTimeOffset.UtcNow.AddMinutes(-30);
        var rows = Enumerable.Range(1, options.BatchRows).Select(i => JsonSerializer.Serialize(new
        {
            sourceKind = "machineFeed",
            source,
            sourceRef = i.ToString(CultureInfo.InvariantCulture),
            observedFrom = observedAt.AddSeconds(i),
            timePrecision = "exact",
            latitude = 47.2 + (i % 17) * 0.1,
            longitude = 37.0 + (i % 11) * 0.09,
            means = "sensor",
            type = "explosionImpact",
            count = 1,
        }, Json));
        var body = Encoding.UTF8.GetBytes(string.Join('\n', rows));
        var write = new CrashWrite("observation-batch", "batch-" + tag, _monitor, () => new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/observations/batch", UriKind.Relative))
        {
            Content = Bytes(body, "application/x-ndjson"),
        });
        lock (_gate)
        {
            _batches.Add(new CrashBatch(source, options.BatchRows, write));
        }

        return await SendAsync(http, write, stop);
    }

    private async Task<bool> ImportAsync(HttpClient http, string tag, CancellationToken stop)
    {
        var prefix = $"Crash {tag} item ";
        var csv = new StringBuilder("donor,announcement date,measure,aid type general,aid type specific,currency,reported value,source,funding channel,classification\r\n");
        for (var i = 1; i <= options.ImportRows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"GBR,2025-06-23,{prefix}{i:00},military,air defence,GBP,\"{i * 1000:N0}.00\",https://www.gov.uk/government/news/air-defence,bilateral,PUBLIC\r\n");
        }

        const string boundary = "entente-crash-boundary";
        var form = Encoding.UTF8.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"pledges.csv\"\r\nContent-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n");
        var write = new CrashWrite("pledge-import", "import-" + tag, _secretariat, () => new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/ledger/imports", UriKind.Relative))
        {
            Content = Bytes(form, $"multipart/form-data; boundary={boundary}"),
        });
        lock (_gate)
        {
            _imports.Add(new CrashImport(prefix, options.ImportRows, write));
        }

        return await SendAsync(http, write, stop);
    }

    private async Task<bool> ProcedureAsync(HttpClient http, string tag, bool consensus, CancellationToken stop)
    {
        var procedure = new CrashProcedure($"Crash {tag} statement on the reassurance force", consensus);
        var create = new CrashWrite("procedure-step", "create-" + tag, _secretariat, () => Post("/api/v1/proposals", new
        {
            title = procedure.Title,
            text = "The coalition stands ready to deploy the reassurance force once the ceasefire holds.",
            label = new { classification = "PUBLIC" },
        }));
        procedure.Steps.Add(create);
        lock (_gate)
        {
            _procedures.Add(procedure);
        }

        if (!await SendAsync(http, create, stop))
        {
            return false;
        }

        procedure.Id = JsonDocument.Parse(create.Body!).RootElement.GetProperty("id").GetGuid();
        var path = $"/api/v1/proposals/{procedure.Id}";

        // Fixed once, so that a retry sends the same body (a different body under the same key is refused).
        var deadline = DateTimeOffset.UtcNow.AddHours(6).ToString("O");
        IEnumerable<CrashWrite> steps = consensus
            ?
            [
                new("procedure-step", "consensus-" + tag, _secretariat, () => Post(path + "/consensus", new { quorumCount = 1 })),
                new("procedure-step", "position-" + tag, _delegate, () => Post(path + "/positions", new { member = DelegateMember, stance = "support" })),
                new("procedure-step", "conclude-" + tag, _secretariat, () => Post(path + "/conclusion", new { })),
            ]
            :
            [
                new("procedure-step", "silence-" + tag, _secretariat, () => Post(path + "/silence", new { deadline })),
                new("procedure-step", "break-" + tag, _delegate, () => Post(path + "/silence-breaks", new { member = DelegateMember, reason = "Our parliament must see the text first." })),
            ];
        foreach (var step in steps)
        {
            lock (_gate)
            {
                procedure.Steps.Add(step);
            }

            if (!await SendAsync(http, step, stop))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Sends a write with its key; true on a 2xx. A refusal while the host runs is a finding unless it says "try again".</summary>
    private async Task<bool> SendAsync(HttpClient http, CrashWrite write, CancellationToken stop)
    {
        if (stop.IsCancellationRequested)
        {
            return false;
        }

        using var request = write.Build();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", write.Token);
        request.Headers.Add(IdempotencyExtensions.Header, write.Key);
        write.Sent = true;
        try
        {
            using var response = await http.SendAsync(request, stop);
            var text = await response.Content.ReadAsStringAsync(stop);
            if (response.IsSuccessStatusCode)
            {
                write.Acknowledged = true;
                write.Body = text;
                return true;
            }

            if (response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests or HttpStatusCode.Conflict))
            {
                Violation($"{write.Key}: refused with {(int)response.StatusCode}: {text}");
            }

            return false;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            // The host died under the request (or before it): the client does not know whether it was applied.
            return false;
        }
    }

    /// <summary>After a restart: each write sent but never acknowledged is sent again with the same key.</summary>
    public async Task RecoverAsync(HttpClient http, EntenteApp app, CancellationToken cancellationToken)
    {
        List<CrashWrite> pending;
        lock (_gate)
        {
            pending = _batches.Select(b => b.Write).Concat(_imports.Select(i => i.Write))
                .Concat(_procedures.SelectMany(p => p.Steps)).Where(w => w.Sent && !w.Settled).ToList();
        }

        foreach (var write in pending)
        {
            using var request = write.Build();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", write.Token);
            request.Headers.Add(IdempotencyExtensions.Header, write.Key);
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                write.Acknowledged = true;
                write.Body = text;
                _retriedApplied++;
                continue;
            }

            if (text.Contains("idempotency.applied-without-response", StringComparison.Ordinal))
            {
                write.AppliedWithoutResponse = true;
                _retriedApplied++;
            }
            else if (text.Contains("idempotency.in-progress", StringComparison.Ordinal))
            {
                // The key was claimed by a request that died: its claim must not be marked committed.
                var committed = await app.DbAsync(db => db.Set<IdempotencyRecord>().AsNoTracking()
                    .Where(r => r.Key == write.Key).Select(r => r.CommittedAt).FirstOrDefaultAsync(cancellationToken));
                if (committed is not null)
                {
                    Violation($"{write.Key}: committed, but a retry is told it is still in progress");
                }

                write.NotApplied = true;
                _retriedNotApplied++;
            }
            else
            {
                Violation($"{write.Key}: retried after the restart, answered {(int)response.StatusCode}: {text}");
                write.NotApplied = true;
            }
        }

        // A procedure whose creation was acknowledged only on the retry learns its id now.
        foreach (var procedure in _procedures.Where(p => p.Id is null && p.Steps[0].Acknowledged))
        {
            procedure.Id = JsonDocument.Parse(procedure.Steps[0].Body!).RootElement.GetProperty("id").GetGuid();
        }
    }

    /// <summary>Everything written so far: each applied write once, nothing partial, each procedure consistent.</summary>
    public async Task CheckAsync(EntenteApp app, CancellationToken cancellationToken)
    {
        foreach (var batch in _batches.Where(b => b.Write.Sent))
        {
            var found = await app.DbAsync(db => db.Observations.IgnoreQueryFilters().AsNoTracking().Where(o => o.Source == batch.Source)
                .GroupBy(o => o.BatchId).Select(g => new { BatchId = g.Key, Count = g.Count() }).ToListAsync(cancellationToken));
            var count = found.Sum(f => f.Count);
            Expect(batch.Write, count, batch.Rows);
            if (found.Count > 1)
            {
                _duplicates++;
                Violation($"{batch.Write.Key}: stored by {found.Count} batches");
            }
            else if (found.Count == 1)
            {
                var id = found[0].BatchId.ToString("D");
                var audited = await app.DbAsync(db => db.AuditEntries.AsNoTracking()
                    .CountAsync(e => e.Action == "monitoring.observations.stored" && e.EntityId == id, cancellationToken));
                if (audited != 1)
                {
                    Violation($"{batch.Write.Key}: the stored batch has {audited} audit entries, not 1");
                }
            }
        }

        foreach (var import in _imports.Where(i => i.Write.Sent))
        {
            var ids = await app.DbAsync(db => db.Pledges.IgnoreQueryFilters().AsNoTracking()
                .Where(p => p.Measure.StartsWith(import.Prefix)).Select(p => p.Id).ToListAsync(cancellationToken));
            Expect(import.Write, ids.Count, import.Rows);
            await ExpectAuditedAsync(app, import.Write.Key, ids, cancellationToken);
        }

        foreach (var procedure in _procedures.Where(p => p.Steps[0].Sent))
        {
            await CheckProcedureAsync(app, procedure, cancellationToken);
        }
    }

    private async Task CheckProcedureAsync(EntenteApp app, CrashProcedure procedure, CancellationToken cancellationToken)
    {
        var found = await app.DbAsync(db => db.Proposals.IgnoreQueryFilters().AsNoTracking().Where(p => p.Title == procedure.Title)
            .Select(p => new { p.Id, p.Round, p.Status, p.Procedure }).ToListAsync(cancellationToken));
        var create = procedure.Steps[0];
        Expect(create, found.Count, 1);
        if (found.Count != 1)
        {
            return;
        }

        var proposal = found[0];
        var id = proposal.Id;
        if (procedure.Id is { } known && known != id)
        {
            Violation($"{create.Key}: acknowledged as {known}, stored as {id}");
        }

        var counts = await app.DbAsync(async db => new
        {
            Positions = await db.ProposalPositions.IgnoreQueryFilters().CountAsync(p => p.ProposalId == id, cancellationToken),
            Breaks = await db.SilenceBreaks.IgnoreQueryFilters().CountAsync(b => b.ProposalId == id, cancellationToken),
            Decisions = await db.Decisions.IgnoreQueryFilters().CountAsync(d => d.ProposalId == id, cancellationToken),
        });
        var steps = procedure.Steps;
        CrashWrite? Step(int index) => index < steps.Count ? steps[index] : null;
        ExpectStep(Step(1), proposal.Round);
        if (procedure.Consensus)
        {
            ExpectStep(Step(2), counts.Positions);
            ExpectStep(Step(3), counts.Decisions);
        }
        else
        {
            ExpectStep(Step(2), counts.Breaks);
        }

        // The proposal's state follows from the steps that are there, whatever was killed in between.
        var expected = counts.Decisions == 1 ? ProposalStatus.Adopted
            : counts.Breaks == 1 ? ProposalStatus.ReturnedForRevision
            : proposal.Round == 1 ? ProposalStatus.InConsultation
            : ProposalStatus.Draft;
        if (proposal.Status != expected || (proposal.Round == 1 && proposal.Procedure != (procedure.Consensus ? DecisionProcedure.Consensus : DecisionProcedure.Silence)))
        {
            Violation($"{create.Key}: {proposal.Status} under {proposal.Procedure} round {proposal.Round} with {counts.Positions} positions, " +
                $"{counts.Breaks} breaks and {counts.Decisions} decisions; expected {expected}");
        }

        var decisions = await app.DbAsync(db => db.Decisions.IgnoreQueryFilters().AsNoTracking().Where(d => d.ProposalId == id)
            .Select(d => d.Id).ToListAsync(cancellationToken));
        await ExpectAuditedAsync(app, create.Key, [id, .. decisions], cancellationToken);
    }

    /// <summary>An applied write is there in full; a write known not applied is absent; any other is absent or in full.</summary>
    private void Expect(CrashWrite write, int count, int full)
    {
        if (count > full)
        {
            _duplicates++;
            Violation($"{write.Key}: {count} stored, {full} written");
        }
        else if (count != 0 && count != full)
        {
            _partial++;
            Violation($"{write.Key}: partly stored ({count} of {full})");
        }
        else if (write.Applied && count != full)
        {
            Violation($"{write.Key}: acknowledged but missing after the restart");
        }
        else if (write.NotApplied && count != 0)
        {
            Violation($"{write.Key}: stored although its key was never marked committed");
        }
    }

    /// <summary>A procedure step counted by its effect: a round opened, a position, a break, a decision.</summary>
    private void ExpectStep(CrashWrite? step, int count)
    {
        if (step is null || !step.Sent)
        {
            if (count != 0)
            {
                Violation($"a step never sent took effect ({count})");
            }

            return;
        }

        Expect(step, count, 1);
    }

    private async Task ExpectAuditedAsync(EntenteApp app, string key, List<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var names = ids.Select(i => i.ToString("D")).ToList();
        var audited = await app.DbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.EntityId != null && names.Contains(e.EntityId))
            .Select(e => e.EntityId).Distinct().CountAsync(cancellationToken));
        if (audited != names.Count)
        {
            Violation($"{key}: {names.Count - audited} of {names.Count} stored records have no audit entry");
        }
    }

    /// <summary>How many kinds of write (batch, import, procedure step) have had at least one acknowledged so far.</summary>
    public int AcknowledgedKinds()
    {
        lock (_gate)
        {
            return AllWrites().Where(w => w.Acknowledged).Select(w => w.Kind).Distinct(StringComparer.Ordinal).Count();
        }
    }

    public string InFlightSummary()
    {
        lock (_gate)
        {
            var all = AllWrites().Where(w => w.Sent).ToList();
            return string.Create(CultureInfo.InvariantCulture,
                $"{all.Count(w => w.Acknowledged)} acknowledged, {all.Count(w => !w.Settled)} awaiting a retry");
        }
    }

    public CrashSummary Summarise(CrashHarnessOptions run, int verifications, bool verified, TimeSpan elapsed)
    {
        var all = AllWrites().Where(w => w.Sent).ToList();
        var acknowledged = all.Where(w => w.Acknowledged).GroupBy(w => w.Kind, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var unacknowledged = _retriedApplied + _retriedNotApplied + all.Count(w => !w.Settled);
        return new CrashSummary(run.Provider, run.Rounds, run.Seed, acknowledged, unacknowledged, _retriedApplied, _retriedNotApplied,
            _duplicates, _partial, verifications, verified, elapsed, [.. _violations]);
    }

    private IEnumerable<CrashWrite> AllWrites() =>
        _batches.Select(b => b.Write).Concat(_imports.Select(i => i.Write)).Concat(_procedures.SelectMany(p => p.Steps));

    private static HttpRequestMessage Post(string path, object body) =>
        new(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonBody(body) };

    private static ByteArrayContent JsonBody(object body) =>
        Bytes(JsonSerializer.SerializeToUtf8Bytes(body, Json), "application/json");

    private static ByteArrayContent Bytes(byte[] body, string mediaType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        return content;
    }

    private static object Agreement(string code) =>
        HarnessAgreements.LineOfContact(code, "Crash-test ceasefire " + code, DateTimeOffset.UtcNow.AddDays(-1), securityZone: false);
}
