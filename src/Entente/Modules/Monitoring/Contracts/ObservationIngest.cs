using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Monitoring.Data;
using Entente.Modules.Monitoring.Domain;
using Entente.Modules.Registry.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Monitoring.Contracts;

/// <summary>One row of a batch, numbered as the sender counts (1 for the first line of data).</summary>
public sealed record IngestRow(int Row, ObservationInput Input);

/// <summary>What became of one row: <c>stored</c>, <c>duplicate</c> (stored before, under the same source and id) or <c>rejected</c>.</summary>
public sealed record IngestRowResult(int Row, string Outcome, Guid? ObservationId, Guid? EventId, string? Code, string? Field, string? Message);

public sealed record IngestResult(Guid BatchId, int Stored, int Duplicates, int Rejected, IReadOnlyList<IngestRowResult> Rows);

/// <summary>
/// Stores observations: checks each row, recognises rows already stored (same source and source id), places each
/// in the agreement in force (zones, distance to the line, side, violations), links it into events, and writes the
/// good rows with their events in one transaction with one audit entry that binds every row's content hash. Bad
/// rows are reported and never half-stored; a replayed batch stores nothing twice.
/// </summary>
public sealed class ObservationIngest(
    EntenteDbContext db, AgreementCatalog agreements, Correlator correlator, ISecurityPolicyCatalog policies, TimeProvider time,
    OblastIndex oblasts, IAlertEvaluator? alerts = null)
{
    public const int MaxRows = 50_000;

    /// <summary>One batch at a time per instance, so that two batches never race to create the same event.</summary>
    private static readonly SemaphoreSlim Gate = new(1, 1);

    private const long IngestLockKey = 0x6d6f6e69746f72; // "monitor"

    public async Task<IngestResult> IngestAsync(IReadOnlyList<IngestRow> rows, string? defaultClassification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var now = time.GetUtcNow().UtcDateTime;
        var batchId = Guid.CreateVersion7();
        var results = new IngestRowResult?[rows.Count];
        var areas = await agreements.AgreementsAsync(db, cancellationToken);
        var labels = new Dictionary<(string, string), Result<Label>>();
        var accepted = new List<(int Index, Observation Observation)>();
        (DateTime From, DateTime To)? storedSpan = null;
        var keys = new HashSet<(string, string)>();

        var checkedRows = CheckAll(rows, now, areas);
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, input) = rows[i];
            var (draft, placed) = checkedRows[i];
            if (!draft.IsSuccess)
            {
                results[i] = Rejected(row, draft.Error!);
                continue;
            }

            var d = draft.Value!;
            if (!keys.Add((d.Source, d.SourceRef)))
            {
                results[i] = new IngestRowResult(row, "duplicate", null, null, "monitoring.duplicate-in-batch", "sourceRef",
                    "An earlier row of this batch has the same source and source id.");
                continue;
            }

            if (!placed.IsSuccess)
            {
                results[i] = Rejected(row, placed.Error!);
                continue;
            }

            var label = await LabelAsync(input.Classification ?? defaultClassification, input.ReleasableTo, labels, cancellationToken);
            if (!label.IsSuccess)
            {
                results[i] = Rejected(row, label.Error!);
                continue;
            }

            var observation = new Observation(d, label.Value!, now, db.Caller.ActorName);
            var (area, check, oblast) = placed.Value;
            observation.Place(area?.Agreement.Id, check, oblast);
            accepted.Add((i, observation));
        }

        await Gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.IsPostgres)
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({IngestLockKey})", cancellationToken);
            }

            var stored = await StoredKeysAsync(accepted.Select(a => a.Observation).ToList(), cancellationToken);
            var fresh = new List<Observation>();
            foreach (var (index, observation) in accepted)
            {
                if (stored.TryGetValue((observation.Source, observation.SourceRef), out var existing))
                {
                    results[index] = new IngestRowResult(rows[index].Row, "duplicate", existing.Id, existing.EventId, null, null,
                        "Stored before under the same source and source id.");
                    continue;
                }

                fresh.Add(observation);
            }

            SealAll(fresh, batchId);
            var hashes = new StringBuilder(fresh.Count * 64);
            foreach (var observation in fresh)
            {
                hashes.Append(observation.ContentHash);
            }

            // New observations and events go in as prepared multi-row inserts, untracked (neither is audited row by row:
            // the batch's entry below binds every observation's hash); events the batch joins or merges are updated
            // through the context, and the audit entry is sealed by the same save, in the same transaction.
            var created = await CorrelateAsync(fresh, batchId, now, cancellationToken);
            await BulkRows.InsertAsync(db, created, cancellationToken);
            await BulkRows.InsertAsync(db, fresh, cancellationToken);
            if (fresh.Count > 0)
            {
                var root = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(hashes.ToString())));
                var label = fresh.Select(o => o.Label).Distinct().Aggregate(AuditLabels.Join);
                db.AppendAudit(db.AuditTrail.Event("monitoring.observations.stored", "ObservationBatch", batchId.ToString(), new
                {
                    count = fresh.Count,
                    duplicates = rows.Count - fresh.Count - results.Count(r => r?.Outcome == "rejected"),
                    rejected = results.Count(r => r?.Outcome == "rejected"),
                    rowHashes = "sha256 of the concatenated content hashes, in id order",
                    root,
                    first = fresh[0].Id,
                    last = fresh[^1].Id,
                }, label));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (fresh.Count > 0)
            {
                storedSpan = (fresh.Min(o => o.ObservedFrom), fresh.Max(o => o.ObservedFrom));
            }
        }
        finally
        {
            Gate.Release();
        }

        if (alerts is not null && storedSpan is { } span)
        {
            // After the commit, outside the batch's transaction: the rows are stored whatever the rules say, and the
            // alert job evaluates again on its own schedule should this evaluation fail.
            await alerts.AfterBatchAsync(span.From, span.To, cancellationToken);
        }

        foreach (var (index, observation) in accepted)
        {
            results[index] ??= new IngestRowResult(rows[index].Row, "stored", observation.Id, observation.EventId, null, null, null);
        }

        var final = results.Select(r => r!).ToList();
        return new IngestResult(batchId, final.Count(r => r.Outcome == "stored"), final.Count(r => r.Outcome == "duplicate"),
            final.Count(r => r.Outcome == "rejected"), final);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction that no batch interleaves with (the same gate, and on PostgreSQL
    /// the same advisory lock, as ingest), so that an analyst's split or merge and automatic correlation never read
    /// each other's half-made events. The transaction commits only when the work succeeds.
    /// </summary>
    public static async Task<Result<T>> ExclusiveAsync<T>(EntenteDbContext db, Func<Task<Result<T>>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        await Gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.IsPostgres)
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({IngestLockKey})", cancellationToken);
            }

            var result = await work();
            if (result.IsSuccess)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return result;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// The agreement in force at the observation's time whose area holds it, where it lies in it, and the oblast that
    /// holds it (stored, so that the map counts per oblast in the database).
    /// </summary>
    private Result<(AgreementArea? Area, ZoneCheck Check, string? Oblast)> Place(ObservationDraft d, IReadOnlyList<AgreementArea> areas)
    {
        var inForce = areas.Where(a => a.Agreement.IsInForce(d.ObservedFrom)).ToList();
        if (inForce.Count == 0)
        {
            return new DomainError("monitoring.no-agreement-in-force",
                $"No ceasefire agreement was in force on {d.ObservedFrom:yyyy-MM-dd HH:mm} UTC: the time is before the agreement, after it, or wrong.",
                ErrorKind.Validation, "observedFrom");
        }

        var area = inForce.FirstOrDefault(a => a.Covers(d.Latitude, d.Longitude));
        if (area is null)
        {
            return new DomainError("monitoring.position-far-from-agreement",
                $"The position ({d.Latitude:0.#####}, {d.Longitude:0.#####}) is more than {AgreementCatalog.AreaMarginMetres / 1000:N0} km from the lines and zones of every agreement in force. Check that latitude and longitude are not swapped.",
                ErrorKind.Validation, "latitude");
        }

        var version = area.Agreement.VersionAt(d.ObservedFrom);
        var check = version == 0 ? ZoneCheck.Outside : agreements.CheckerFor(area.Agreement, version).Check(d.Latitude, d.Longitude, d.Type, d.Weapon);
        return (area, check, oblasts.IsoAt(d.Latitude, d.Longitude));
    }

    private async Task<Result<Label>> LabelAsync(string? classification, string? releasableTo, Dictionary<(string, string), Result<Label>> cache, CancellationToken cancellationToken)
    {
        var key = ((classification ?? "RESTRICTED").Trim().ToUpperInvariant(), (releasableTo ?? "").Trim().ToUpperInvariant());
        if (!cache.TryGetValue(key, out var label))
        {
            var codes = key.Item2.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries);
            label = await LabelRules.ResolveAsync(new LabelInput { Classification = key.Item1, ReleasableTo = codes }, db.Caller, policies, db,
                cancellationToken: cancellationToken);
            cache[key] = label;
        }

        return label;
    }

    private async Task<Dictionary<(string, string), (Guid Id, Guid? EventId)>> StoredKeysAsync(List<Observation> candidates, CancellationToken cancellationToken)
    {
        var found = new Dictionary<(string, string), (Guid, Guid?)>();
        foreach (var group in candidates.GroupBy(o => o.Source))
        {
            var source = group.Key;
            foreach (var chunk in group.Select(o => o.SourceRef).Chunk(5_000))
            {
                var refs = chunk.ToList();
                var rows = await db.Observations.IgnoreQueryFilters().AsNoTracking()
                    .Where(o => o.Source == source && EF.Parameter(refs).Contains(o.SourceRef))
                    .Select(o => new { o.SourceRef, o.Id, o.EventId })
                    .ToListAsync(cancellationToken);
                foreach (var r in rows)
                {
                    found[(source, r.SourceRef)] = (r.Id, r.EventId);
                }
            }
        }

        return found;
    }

    /// <summary>
    /// Links the new observations into events, merging events they connect, and updates every event touched. Returns
    /// the events it created (not tracked: the caller inserts them); stored events it changed are tracked. A stored
    /// event with a decision that this changes goes back under review, and events analysts have acted on record the
    /// change in their history (a handful of tracked rows: new observations join undecided events far more often).
    /// </summary>
    private async Task<List<MonitoringEvent>> CorrelateAsync(List<Observation> fresh, Guid batchId, DateTime now, CancellationToken cancellationToken)
    {
        var created = new List<MonitoringEvent>();
        if (fresh.Count == 0)
        {
            return created;
        }

        var options = correlator.Options;
        var points = fresh.Select(o => new CorrelationPoint(o.Id, o.Family, o.ObservedFrom, o.ObservedTo, o.Latitude, o.Longitude, o.GeoPrecision, null, false)).ToList();
        var from = fresh.Min(o => o.ObservedFrom) - options.Window;
        var to = fresh.Max(o => o.ObservedTo) + options.Window;

        // Only observations no longer than the longest eligible window can link, so a lower bound on the start keeps
        // the (family, start) index range short instead of reading every earlier observation of the family.
        var earliest = from - options.LongestWindow;
        var dLat = GeoMath.LatitudeDegrees(options.DistanceMetres);
        var minLat = fresh.Min(o => o.Latitude) - dLat;
        var maxLat = fresh.Max(o => o.Latitude) + dLat;
        var dLon = GeoMath.LongitudeDegrees(options.DistanceMetres, Math.Max(Math.Abs(minLat), Math.Abs(maxLat)));
        var minLon = fresh.Min(o => o.Longitude) - dLon;
        var maxLon = fresh.Max(o => o.Longitude) + dLon;
        var families = fresh.Select(o => o.Family).Distinct().ToList();
        var stored = new List<CorrelationPoint>();
        foreach (var family in families)
        {
            stored.AddRange(await db.Observations.IgnoreQueryFilters().AsNoTracking()
                .Where(o => o.Family == family && o.ObservedFrom >= earliest && o.ObservedFrom <= to && o.ObservedTo >= from
                    && o.Latitude >= minLat && o.Latitude <= maxLat && o.Longitude >= minLon && o.Longitude <= maxLon && o.EventId != null)
                .Select(o => new CorrelationPoint(o.Id, o.Family, o.ObservedFrom, o.ObservedTo, o.Latitude, o.Longitude, o.GeoPrecision, o.EventId, o.CorrelationLocked))
                .ToListAsync(cancellationToken));
        }

        var groups = correlator.Link(points, stored);
        var survivors = groups.Where(g => g.Events.Count > 0).Select(g => g.Events.Min()).Distinct().ToList();
        var existing = new Dictionary<Guid, MonitoringEvent>();
        foreach (var chunk in survivors.Chunk(1_000))
        {
            var ids = chunk.ToList();
            foreach (var e in await db.Events.IgnoreQueryFilters().Where(e => EF.Parameter(ids).Contains(e.Id)).ToListAsync(cancellationToken))
            {
                existing[e.Id] = e;
            }
        }

        var byId = fresh.ToDictionary(o => o.Id);
        var touched = new Dictionary<Guid, MonitoringEvent>();
        var merged = new Dictionary<Guid, Guid>();
        foreach (var group in groups)
        {
            MonitoringEvent target;
            if (group.Events.Count == 0)
            {
                target = new MonitoringEvent(group.Fresh[0].Family, now);
                created.Add(target);
            }
            else
            {
                var survivor = group.Events.Min();
                target = existing[survivor];
                foreach (var other in group.Events.Where(e => e != survivor))
                {
                    merged[other] = survivor;
                }
            }

            touched[target.Id] = target;
            foreach (var p in group.Fresh)
            {
                byId[p.Id].LinkTo(target.Id);
            }
        }

        var who = new Decider(db.Caller.ActorName, db.Caller.UserId, db.Caller.Member);
        var mergedInto = new Dictionary<Guid, List<MonitoringEvent>>();
        if (merged.Count > 0)
        {
            var mergedIds = merged.Keys.ToList();
            foreach (var gone in await db.Events.IgnoreQueryFilters().Where(e => mergedIds.Contains(e.Id)).ToListAsync(cancellationToken))
            {
                var survivor = merged[gone.Id];
                if (gone.DecisionCount > 0)
                {
                    db.EventDecisions.Add(gone.RecordRestructure(EventAction.MergedInto, survivor,
                        $"Merged automatically: observations filed in batch {batchId} link it to event {survivor}.", who, now));
                }

                gone.MarkMergedInto(survivor, now);
                if (!mergedInto.TryGetValue(survivor, out var list))
                {
                    mergedInto[survivor] = list = [];
                }

                list.Add(gone);
            }

            foreach (var (gone, survivor) in merged)
            {
                await db.Observations.IgnoreQueryFilters().Where(o => o.EventId == gone)
                    .ExecuteUpdateAsync(u => u.SetProperty(o => o.EventId, survivor), cancellationToken);
            }
        }

        // Stored members are read only for events that existed before this batch; new events hold only fresh rows.
        var storedEventIds = touched.Keys.Where(existing.ContainsKey).ToList();
        var members = new List<Observation>();
        foreach (var chunk in storedEventIds.Chunk(1_000))
        {
            var ids = chunk.ToList();
            members.AddRange(await db.Observations.IgnoreQueryFilters().AsNoTracking().Where(o => o.EventId != null && EF.Parameter(ids).Contains(o.EventId.Value))
                .ToListAsync(cancellationToken));
        }

        var byEvent = members.Concat(fresh).ToLookup(o => o.EventId);
        var linked = fresh.Where(o => o.EventId != null).CountBy(o => o.EventId!.Value).ToDictionary(c => c.Key, c => c.Value);
        foreach (var (id, e) in touched)
        {
            e.Summarise([.. byEvent[id]], now, oblasts.IsoAt);
            if (existing.ContainsKey(id))
            {
                Reopen(e, linked.GetValueOrDefault(id), mergedInto.GetValueOrDefault(id) ?? [], who, batchId, now);
            }
        }

        return created;
    }

    /// <summary>
    /// Checks and places every row. This reads only the row and the agreements' prepared geometries (immutable, safe
    /// to share across threads), so the batch is checked on every core; what follows, in row order, is sequential.
    /// </summary>
    private (Result<ObservationDraft> Draft, Result<(AgreementArea? Area, ZoneCheck Check, string? Oblast)> Placed)[] CheckAll(
        IReadOnlyList<IngestRow> rows, DateTime now, IReadOnlyList<AgreementArea> areas)
    {
        var checkedRows = new (Result<ObservationDraft>, Result<(AgreementArea?, ZoneCheck, string?)>)[rows.Count];
        if (rows.Count > 0)
        {
            Parallel.ForEach(Ranges(rows.Count), range =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    var draft = ObservationRules.Validate(rows[i].Input, now);
                    checkedRows[i] = (draft, draft.IsSuccess ? Place(draft.Value!, areas) : default);
                }
            });
        }

        return checkedRows;
    }

    /// <summary>Computes every new observation's content hash (on every core) and seals it into the batch.</summary>
    private static void SealAll(List<Observation> fresh, Guid batchId)
    {
        if (fresh.Count == 0)
        {
            return;
        }

        Parallel.ForEach(Ranges(fresh.Count), range =>
        {
            var buffer = new ArrayBufferWriter<byte>(1024);
            for (var i = range.Item1; i < range.Item2; i++)
            {
                fresh[i].Seal(batchId, ContentHash(fresh[i], batchId, buffer));
            }
        });
    }

    /// <summary>Index ranges of at least 256 rows (fewer are not worth a thread), a few per core; <paramref name="count"/> &gt; 0.</summary>
    private static OrderablePartitioner<Tuple<int, int>> Ranges(int count) =>
        Partitioner.Create(0, count, Math.Max(256, (count / (4 * Environment.ProcessorCount)) + 1));

    /// <summary>
    /// Records in a stored event's history what correlation changed, when analysts have acted on it, and takes a
    /// decided event back under review (<see cref="MonitoringEvent.ChangedByCorrelation"/>).
    /// </summary>
    private void Reopen(MonitoringEvent e, int linked, List<MonitoringEvent> absorbed, Decider who, Guid batchId, DateTime now)
    {
        if (e.DecisionCount == 0)
        {
            return;
        }

        foreach (var gone in absorbed)
        {
            db.EventDecisions.Add(e.RecordRestructure(EventAction.Merge, gone.Id,
                $"Merged automatically: observations filed in batch {batchId} link event {gone.Id} to it.", who, now));
        }

        var what = linked == 1 ? "A new observation was linked" : $"{linked:N0} new observations were linked";
        var why = absorbed.Count == 0
            ? $"{what} after the decision (automatic correlation, batch {batchId}); the event is under review again."
            : $"{what} after the decision and {absorbed.Count:N0} other event(s) merged into it (automatic correlation, batch {batchId}); the event is under review again.";
        if (e.ChangedByCorrelation(why, absorbed.FirstOrDefault()?.Id, who, now) is { } reopened)
        {
            db.EventDecisions.Add(reopened);
        }
    }

    private static IngestRowResult Rejected(int row, DomainError error) => new(row, "rejected", null, null, error.Code, error.Field, error.Detail);

    /// <summary>
    /// SHA-256 of the observation's canonical form: a JSON array of its fields in a fixed order (the bytes
    /// <c>JsonSerializer.Serialize(object?[])</c> gives, written directly so that no field is boxed).
    /// </summary>
    private static string ContentHash(Observation o, Guid batchId, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            w.WriteStringValue(o.Id);
            w.WriteStringValue(batchId);
            w.WriteStringValue(o.SourceKind.ToString());
            w.WriteStringValue(o.Source);
            w.WriteStringValue(o.SourceRef);
            w.WriteStringValue(o.ObservedFrom.ToString("O", CultureInfo.InvariantCulture));
            w.WriteStringValue(o.ObservedTo.ToString("O", CultureInfo.InvariantCulture));
            w.WriteStringValue(o.TimePrecision.ToString());
            w.WriteNumberValue(o.Latitude);
            w.WriteNumberValue(o.Longitude);
            w.WriteStringValue(o.GeoPrecision.ToString());
            w.WriteNumberValue(o.UncertaintyMetres);
            w.WriteStringValue(o.Means.ToString());
            w.WriteStringValue(o.Type.ToString());
            w.WriteNumberValue(o.Count);
            w.WriteStringValue(o.Weapon.ToString());
            WriteNullable(w, o.CalibreMm);
            WriteNullable(w, o.AttributedParty);
            w.WriteStringValue(o.Confidence.ToString());
            WriteNullable(w, o.Notes);
            WriteNullable(w, o.CitationUrl);
            w.WriteNumberValue(o.Label.Classification);
            w.WriteStringValue(o.Label.ReleasableTo);
            WriteNullable(w, o.Label.Originator);
            if (o.Label.SharingGroupId is { } group)
            {
                w.WriteStringValue(group);
            }
            else
            {
                w.WriteNullValue();
            }

            w.WriteEndArray();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void WriteNullable(Utf8JsonWriter w, string? value)
    {
        if (value is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteStringValue(value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumberValue(v);
        }
        else
        {
            w.WriteNullValue();
        }
    }
}
