using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;
using Entente.Modules.Monitoring.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Monitoring.Contracts;

/// <summary>Which records a map view shows: <c>events</c> (the default) or <c>observations</c>.</summary>
public enum MapLayer
{
    Events,
    Observations,
}

/// <summary>
/// The filters of a map view, shared by the map page, its API and its exports so that an export holds exactly what
/// the view shows. Every filter is optional; text values are checked by <see cref="Parse"/>.
/// </summary>
public sealed record MapFilter
{
    public MapLayer Layer { get; init; }

    /// <summary>UTC; records ending before it are left out.</summary>
    public DateTime? From { get; init; }

    /// <summary>UTC; records starting after it are left out.</summary>
    public DateTime? To { get; init; }

    public ObservationType? Type { get; init; }

    /// <summary>Part of a zone's name, e.g. "Security zone".</summary>
    public string? Zone { get; init; }

    /// <summary>Events only (an observation's status is its event's).</summary>
    public EventStatus? Status { get; init; }

    public SourceKind? SourceKind { get; init; }

    public Guid? AgreementId { get; init; }

    public bool ViolationsOnly { get; init; }

    /// <summary>Only records labelled PUBLIC, whatever the caller may see: the public figures.</summary>
    public bool PublicOnly { get; init; }

    /// <summary>Checks the query string's values, naming the first that is wrong.</summary>
    public static Result<MapFilter> Parse(string? layer, DateTimeOffset? from, DateTimeOffset? to, string? type, string? zone, string? status,
        string? source, Guid? agreement, bool? violations)
    {
        var filter = new MapFilter
        {
            From = from?.UtcDateTime,
            To = to?.UtcDateTime,
            Zone = string.IsNullOrWhiteSpace(zone) ? null : zone.Trim(),
            AgreementId = agreement,
            ViolationsOnly = violations == true,
        };
        if (!string.IsNullOrWhiteSpace(layer))
        {
            if (!EnumText.TryParseRequired<MapLayer>(layer, out var l))
            {
                return DomainError.Invalid("layer", "The layer is events or observations.");
            }

            filter = filter with { Layer = l };
        }

        if (!string.IsNullOrWhiteSpace(type))
        {
            if (!EnumText.TryParseRequired<ObservationType>(type, out var t))
            {
                return DomainError.Invalid("type", EnumText.Refusal<ObservationType>(type, "a type of the SMM vocabulary"));
            }

            filter = filter with { Type = t };
        }

        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!EnumText.TryParseRequired<EventStatus>(status, out var s))
            {
                return DomainError.Invalid("status", EnumText.Refusal<EventStatus>(status, "an event status"));
            }

            filter = filter with { Status = s };
        }

        if (!string.IsNullOrWhiteSpace(source))
        {
            if (!EnumText.TryParseRequired<SourceKind>(source, out var k))
            {
                return DomainError.Invalid("source", EnumText.Refusal<SourceKind>(source, "a source kind"));
            }

            filter = filter with { SourceKind = k };
        }

        return filter.From > filter.To ? DomainError.Invalid("to", "The end of the period is before its start.") : filter;
    }
}

/// <summary>One point on the map: an event or an observation, as far as the caller may see it.</summary>
public sealed record MapItem(
    Guid Id, MapLayer Layer, ObservationType Type, TypeFamily Family, DateTime StartsAt, DateTime EndsAt, double Latitude, double Longitude,
    GeoPrecision GeoPrecision, int Count, WeaponClass Weapon, bool IsViolation, string? Zones, EventStatus? Status, SourceKind? SourceKind,
    string? Source, string? SourceRef, string? AttributedParty, string? Notes, string? CitationUrl, int ObservationCount, Guid? EventId, Label Label);

/// <summary>
/// The queries behind the map, its counts and its exports. They go through the label filter like every read, so a
/// record the caller may not see is neither drawn nor counted; reads of records at or above the audit threshold are
/// recorded.
/// </summary>
public static class MapQuery
{
    /// <summary>Most points one map view or export returns; the response says when there were more.</summary>
    public const int MaxItems = 20_000;

    public static IQueryable<MonitoringEvent> Events(EntenteDbContext db, MapFilter f)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(f);
        var q = db.Events.AsNoTracking().Where(e => e.MergedInto == null && e.ObservationCount > 0);
        if (f.From is { } from)
        {
            q = q.Where(e => e.EndsAt >= from);
        }

        if (f.To is { } to)
        {
            q = q.Where(e => e.StartsAt <= to);
        }

        if (f.Type is { } type)
        {
            q = q.Where(e => e.Type == type);
        }

        if (f.Zone is { } zone)
        {
            q = q.Where(e => e.Zones != null && e.Zones.Contains(zone));
        }

        if (f.Status is { } status)
        {
            q = q.Where(e => e.Status == status);
        }

        if (f.AgreementId is { } agreement)
        {
            q = q.Where(e => e.AgreementId == agreement);
        }

        if (f.ViolationsOnly)
        {
            q = q.Where(e => e.IsViolation);
        }

        if (f.PublicOnly)
        {
            q = q.Where(e => e.Label.Classification == ClassificationLevels.Public);
        }

        if (f.SourceKind is { } kind)
        {
            // Through the observations the caller may see: an event does not betray a source hidden from them.
            q = q.Where(e => db.Observations.Any(o => o.EventId == e.Id && o.SourceKind == kind));
        }

        return q;
    }

    public static IQueryable<Observation> Observations(EntenteDbContext db, MapFilter f)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(f);
        var q = db.Observations.AsNoTracking();
        if (f.From is { } from)
        {
            // The second bound changes nothing (no observation spans more than MaxWindow) but lets the database read
            // one range of the observed_from index instead of every observation before the period's end.
            var earliest = from - ObservationRules.MaxWindow;
            q = q.Where(o => o.ObservedTo >= from && o.ObservedFrom >= earliest);
        }

        if (f.To is { } to)
        {
            q = q.Where(o => o.ObservedFrom <= to);
        }

        if (f.Type is { } type)
        {
            q = q.Where(o => o.Type == type);
        }

        if (f.Zone is { } zone)
        {
            q = q.Where(o => o.Zones != null && o.Zones.Contains(zone));
        }

        if (f.Status is { } status)
        {
            q = q.Where(o => db.Events.Any(e => e.Id == o.EventId && e.Status == status));
        }

        if (f.AgreementId is { } agreement)
        {
            q = q.Where(o => o.AgreementId == agreement);
        }

        if (f.ViolationsOnly)
        {
            q = q.Where(o => o.IsViolation);
        }

        if (f.PublicOnly)
        {
            q = q.Where(o => o.Label.Classification == ClassificationLevels.Public);
        }

        if (f.SourceKind is { } kind)
        {
            q = q.Where(o => o.SourceKind == kind);
        }

        return q;
    }

    /// <summary>The view's points, newest first, at most <paramref name="limit"/>; <c>Truncated</c> when there were more.</summary>
    public static async Task<(IReadOnlyList<MapItem> Items, bool Truncated)> ItemsAsync(EntenteDbContext db, MapFilter f, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        limit = Math.Clamp(limit, 1, MaxItems);
        List<MapItem> items;

        // Only the columns a point shows, as an anonymous projection mapped afterwards: reading whole entities, or
        // building MapItem inside the query, made EF Core materialise through the read-audit interceptor's per-property
        // path and cost about ten times as much at a few thousand points (docs/benchmarks.md). Reads are still recorded
        // for the audit below, from the items themselves.
        if (f.Layer == MapLayer.Events)
        {
            var rows = await Events(db, f).OrderByDescending(e => e.StartsAt).ThenBy(e => e.Id).Take(limit + 1)
                .Select(e => new
                {
                    e.Id, e.Type, e.Family, e.StartsAt, e.EndsAt, e.Latitude, e.Longitude, e.Count, e.Weapon, e.IsViolation, e.Zones,
                    e.Status, e.ObservationCount, e.Label,
                })
                .ToListAsync(cancellationToken);
            items = [.. rows.Select(e => new MapItem(e.Id, MapLayer.Events, e.Type, e.Family, e.StartsAt, e.EndsAt, e.Latitude, e.Longitude,
                GeoPrecision.Exact, e.Count, e.Weapon, e.IsViolation, e.Zones, e.Status, null, null, null, null, null, null, e.ObservationCount, e.Id, e.Label))];
        }
        else
        {
            var rows = await Observations(db, f).OrderByDescending(o => o.ObservedFrom).ThenBy(o => o.Id).Take(limit + 1)
                .Select(o => new
                {
                    o.Id, o.Type, o.Family, o.ObservedFrom, o.ObservedTo, o.Latitude, o.Longitude, o.GeoPrecision, o.Count, o.Weapon,
                    o.IsViolation, o.Zones, o.SourceKind, o.Source, o.SourceRef, o.AttributedParty, o.Notes, o.CitationUrl, o.EventId, o.Label,
                })
                .ToListAsync(cancellationToken);
            items = [.. rows.Select(o => new MapItem(o.Id, MapLayer.Observations, o.Type, o.Family, o.ObservedFrom, o.ObservedTo, o.Latitude, o.Longitude,
                o.GeoPrecision, o.Count, o.Weapon, o.IsViolation, o.Zones, null, o.SourceKind, o.Source, o.SourceRef, o.AttributedParty, o.Notes,
                o.CitationUrl, 1, o.EventId, o.Label))];
        }

        var truncated = items.Count > limit;
        if (truncated)
        {
            items.RemoveAt(items.Count - 1);
        }

        RecordReads(db, items);
        return (items, truncated);
    }

    /// <summary>
    /// How many of the view's records lie in each oblast (only oblasts with any, most first), and how many outside
    /// Ukraine. Counted by the database from the oblast each record was placed in when stored (an event's is that of
    /// its position), so a view of millions of records moves a few dozen rows, never its points.
    /// </summary>
    public static async Task<(IReadOnlyList<(Oblast Oblast, int Count)> PerOblast, int Outside)> OblastCountsAsync(
        EntenteDbContext db, MapFilter f, OblastIndex oblasts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(oblasts);
        var rows = f.Layer == MapLayer.Events
            ? await Events(db, f).GroupBy(e => e.Oblast).Select(g => new { Oblast = g.Key, Count = g.Count() }).ToListAsync(cancellationToken)
            : await Observations(db, f).GroupBy(o => o.Oblast).Select(g => new { Oblast = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var counts = new List<(Oblast Oblast, int Count)>();
        var outside = 0;
        foreach (var row in rows)
        {
            if (oblasts.ByIso(row.Oblast) is { } oblast)
            {
                counts.Add((oblast, row.Count));
            }
            else
            {
                outside += row.Count;
            }
        }

        return ([.. counts.OrderByDescending(c => c.Count).ThenBy(c => c.Oblast.Iso, StringComparer.Ordinal)], outside);
    }

    /// <summary>Most days a timeline shows: a year, leap day included.</summary>
    public const int TimelineDays = 366;

    /// <summary>
    /// How many of the view's records start on each UTC day, oldest first, days without any included: from the first
    /// day with any to the last, or, when that is longer than <see cref="TimelineDays"/>, the latest
    /// <see cref="TimelineDays"/> days up to the last day with any (a view without a period shows the recent past).
    /// </summary>
    public static async Task<IReadOnlyList<(DateOnly Day, int Count, int Violations)>> PerDayAsync(EntenteDbContext db, MapFilter f, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(f);
        var events = Events(db, f);
        var observations = Observations(db, f);

        // Without a start, only the latest days can be shown: find the newest record the caller may see (one step
        // down the newest-first index) and count no further back than the timeline reaches.
        if (f.From is null)
        {
            var latest = f.Layer == MapLayer.Events
                ? await events.OrderByDescending(e => e.StartsAt).ThenBy(e => e.Id).Select(e => (DateTime?)e.StartsAt).FirstOrDefaultAsync(cancellationToken)
                : await observations.OrderByDescending(o => o.ObservedFrom).ThenBy(o => o.Id).Select(o => (DateTime?)o.ObservedFrom).FirstOrDefaultAsync(cancellationToken);
            if (latest is not { } newest)
            {
                return [];
            }

            var cutoff = newest.Date.AddDays(1 - TimelineDays);
            events = events.Where(e => e.StartsAt >= cutoff);
            observations = observations.Where(o => o.ObservedFrom >= cutoff);
        }

        // Counted per day by the database: a view may hold millions of records, its timeline at most a few hundred days.
        var rows = f.Layer == MapLayer.Events
            ? await events.GroupBy(e => e.StartsAt.Date)
                .Select(g => new { Day = g.Key, Count = g.Count(), Violations = g.Count(e => e.IsViolation) }).ToListAsync(cancellationToken)
            : await observations.GroupBy(o => o.ObservedFrom.Date)
                .Select(g => new { Day = g.Key, Count = g.Count(), Violations = g.Count(o => o.IsViolation) }).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var byDay = rows.ToDictionary(r => DateOnly.FromDateTime(r.Day), r => (r.Count, r.Violations));
        var last = byDay.Keys.Max();
        var first = byDay.Keys.Min();
        if (first < last.AddDays(1 - TimelineDays))
        {
            first = last.AddDays(1 - TimelineDays);
        }

        var days = new List<(DateOnly, int, int)>();
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            var (count, violations) = byDay.GetValueOrDefault(d);
            days.Add((d, count, violations));
        }

        return days;
    }

    private static void RecordReads(EntenteDbContext db, IReadOnlyList<MapItem> items)
    {
        if (db.CurrentScope.IsSystem)
        {
            return;
        }

        var threshold = db.ReadAuditThreshold;
        foreach (var item in items.Where(i => i.Label.Classification >= threshold))
        {
            db.ReadAudit.Record(item.Layer == MapLayer.Events ? "monitoring_events" : "monitoring_observations", item.Id.ToString("D"), item.Label);
        }
    }
}
