using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Security;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Monitoring.Domain;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace Entente.Modules.Monitoring.Contracts;

/// <summary>Evaluates the alert rules over a span of observation times; what <see cref="ObservationIngest"/> calls after each batch.</summary>
public interface IAlertEvaluator
{
    /// <summary>Raises the alerts that observations observed between <paramref name="from"/> and <paramref name="to"/> (UTC) trigger.</summary>
    Task<int> EvaluateAsync(DateTime from, DateTime to, CancellationToken cancellationToken);

    /// <summary>As <see cref="EvaluateAsync"/>, but a failure is logged rather than thrown: the batch was stored whatever the rules say.</summary>
    Task AfterBatchAsync(DateTime from, DateTime to, CancellationToken cancellationToken);
}

/// <summary>
/// Evaluates every enabled rule as the platform (over every observation, whatever its label) and stores the alerts
/// raised, each labelled with the join of its rule's label and its observations' labels, with a webhook delivery
/// queued for every subscriber allowed to read it.
/// </summary>
/// <remarks>
/// Exactly once per burst: a count rule raises an alert when the violations in a sliding window first exceed the
/// threshold, and raises no other while its window overlaps that alert's; a heavy weapon raises one alert per event;
/// a spike one per window. Evaluations are serialised (in process, and across instances by an advisory lock on
/// PostgreSQL), and each alert's <see cref="Alert.DedupeKey"/> is unique as a last guard.
/// </remarks>
public sealed class AlertEvaluator(IServiceScopeFactory scopes, OblastLocator oblasts, TimeProvider time, ILogger<AlertEvaluator> logger) : IAlertEvaluator
{
    private const long LockKey = 0x616c65727473; // "alerts"
    private const string WithdrawnWeaponViolation = "withdrawn weapon class present";
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task AfterBatchAsync(DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        try
        {
            await EvaluateAsync(from, to, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The alert job evaluates the same span again on its next tick.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "Could not evaluate the alert rules after a batch; the alert job will");
        }
    }

    public async Task<int> EvaluateAsync(DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<Caller>().SetSystem("system:alerts", "system");
            var db = scope.ServiceProvider.GetRequiredService<EntenteDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.IsPostgres)
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
            }

            var raised = new List<Alert>();
            foreach (var rule in await db.AlertRules.Where(r => r.Enabled).ToListAsync(cancellationToken))
            {
                raised.AddRange(rule.Kind switch
                {
                    AlertRuleKind.ViolationCount => await CountAsync(db, rule, from, to, cancellationToken),
                    AlertRuleKind.HeavyWeaponInWithdrawalZone => await HeavyAsync(db, rule, from, to, cancellationToken),
                    AlertRuleKind.Spike => await SpikeAsync(db, rule, to, cancellationToken),
                });
            }

            if (raised.Count == 0)
            {
                return 0;
            }

            var keys = raised.Select(a => a.DedupeKey).ToList();
            var existing = await db.Alerts.Where(a => keys.Contains(a.DedupeKey)).Select(a => a.DedupeKey).ToListAsync(cancellationToken);
            raised.RemoveAll(a => existing.Contains(a.DedupeKey));
            db.Alerts.AddRange(raised);
            var now = time.GetUtcNow().UtcDateTime;
            var subscribers = await db.WebhookSubscriptions.Where(s => s.Active).ToListAsync(cancellationToken);
            var owners = await UserScopes.OfAsync(db, subscribers.Where(s => s.OwnerId != null).Select(s => s.OwnerId!.Value), cancellationToken);
            foreach (var alert in raised)
            {
                foreach (var subscriber in subscribers.Where(s => s.MayReceive(alert.Label, owners)))
                {
                    db.WebhookDeliveries.Add(new WebhookDelivery(subscriber.Id, alert.Id, now));
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            foreach (var alert in raised)
            {
                logger.LogInformation("Alert raised by rule {Rule}: {Headline}", alert.RuleName, alert.Headline);
            }

            return raised.Count;
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task<List<Alert>> CountAsync(EntenteDbContext db, AlertRule rule, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var window = rule.Window;
        var candidates = (await db.Observations.AsNoTracking()
                .Where(o => o.IsViolation && o.ObservedFrom >= from - window && o.ObservedFrom <= to + window)
                .OrderBy(o => o.ObservedFrom).ThenBy(o => o.Id)
                .ToListAsync(cancellationToken))
            .Where(InArea(rule)).ToList();
        var lastTo = await db.Alerts.Where(a => a.RuleId == rule.Id).MaxAsync(a => (DateTime?)a.WindowTo, cancellationToken) ?? DateTime.MinValue;
        var now = time.GetUtcNow().UtcDateTime;
        var alerts = new List<Alert>();
        var start = 0;
        for (var end = 0; end < candidates.Count; end++)
        {
            var t = candidates[end].ObservedFrom;
            while (candidates[start].ObservedFrom <= t - window)
            {
                start++;
            }

            var inWindow = end - start + 1;
            if (inWindow <= rule.Threshold || candidates[start].ObservedFrom <= lastTo)
            {
                continue;
            }

            var contributing = candidates.GetRange(start, inWindow);
            alerts.Add(Raise(rule, $"{rule.Id:N}:count:{t.Ticks}", contributing,
                $"{inWindow} violations in {AreaName(rule)} within {Describe(window)}",
                $"{inWindow} ceasefire violations were observed in {AreaName(rule)} between {contributing[0].ObservedFrom:yyyy-MM-dd HH:mm} and {t:HH:mm} UTC, above the rule's threshold of {rule.Threshold}.",
                now));
            lastTo = t;
        }

        return alerts;
    }

    private async Task<List<Alert>> HeavyAsync(EntenteDbContext db, AlertRule rule, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var heavy = Enum.GetValues<WeaponClass>().Where(Vocabulary.IsHeavy).ToList();
        var candidates = (await db.Observations.AsNoTracking()
                .Where(o => o.IsViolation && heavy.Contains(o.Weapon) && o.ObservedFrom >= from && o.ObservedFrom <= to)
                .OrderBy(o => o.ObservedFrom).ThenBy(o => o.Id)
                .ToListAsync(cancellationToken))
            .Where(o => o.Violations != null && o.Violations.Contains(WithdrawnWeaponViolation, StringComparison.Ordinal))
            .Where(InArea(rule)).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        return [.. candidates.GroupBy(o => o.EventId ?? o.Id).Select(g =>
        {
            var list = g.ToList();
            var o = list[0];
            return Raise(rule, $"{rule.Id:N}:heavy:{g.Key:N}", list,
                $"{o.Weapon} in a withdrawal zone ({o.Zones})",
                $"{o.Weapon}{(o.CalibreMm is { } mm ? $" ({mm} mm)" : "")} reported at {o.Latitude:0.####}, {o.Longitude:0.####} on {o.ObservedFrom:yyyy-MM-dd HH:mm} UTC inside {o.Zones}: {o.Violations}.",
                now);
        })];
    }

    private async Task<List<Alert>> SpikeAsync(EntenteDbContext db, AlertRule rule, DateTime at, CancellationToken cancellationToken)
    {
        var window = rule.Window;
        var since = at - window - TimeSpan.FromDays(7);
        var observations = (await db.Observations.AsNoTracking()
                .Where(o => o.ObservedFrom > since && o.ObservedFrom <= at)
                .ToListAsync(cancellationToken))
            .Where(InArea(rule)).ToList();
        var recent = observations.Where(o => o.ObservedFrom > at - window).OrderBy(o => o.ObservedFrom).ToList();
        var trailing = observations.Count - recent.Count;
        var average = trailing / (TimeSpan.FromDays(7) / window);
        if (recent.Count < Math.Max(1, rule.Threshold) || recent.Count <= rule.SpikeFactor * average)
        {
            return [];
        }

        var lastTo = await db.Alerts.Where(a => a.RuleId == rule.Id).MaxAsync(a => (DateTime?)a.WindowTo, cancellationToken) ?? DateTime.MinValue;
        if (recent[0].ObservedFrom <= lastTo)
        {
            return [];
        }

        return [Raise(rule, $"{rule.Id:N}:spike:{at.Ticks / window.Ticks}", recent,
            $"Spike: {recent.Count} observations in {AreaName(rule)} within {Describe(window)}",
            $"{recent.Count} observations in {AreaName(rule)} in the {Describe(window)} to {at:yyyy-MM-dd HH:mm} UTC, against an average of {average:0.#} over the trailing seven days.",
            time.GetUtcNow().UtcDateTime)];
    }

    private static Alert Raise(AlertRule rule, string key, List<Observation> contributing, string headline, string description, DateTime now)
    {
        var label = contributing.Select(o => o.Label).Distinct().Aggregate(rule.Label, AuditLabels.Join);
        var zones = string.Join(", ", contributing.Where(o => o.Zones != null).Select(o => o.Zones!).Distinct(StringComparer.Ordinal));
        return new Alert(rule, key, contributing.Min(o => o.ObservedFrom), contributing.Max(o => o.ObservedFrom), contributing.Count, headline, description,
            contributing.Average(o => o.Latitude), contributing.Average(o => o.Longitude), rule.Region ?? (zones.Length == 0 ? null : zones), label, now);
    }

    private Func<Observation, bool> InArea(AlertRule rule)
    {
        if (rule.Region is { } region)
        {
            return o => string.Equals(oblasts.Locate(o.Latitude, o.Longitude), region, StringComparison.OrdinalIgnoreCase);
        }

        if (rule.AreaGeoJson is { } geoJson && OblastLocator.ReadArea(geoJson) is { } area)
        {
            var prepared = PreparedGeometryFactory.Prepare(area);
            var factory = new GeometryFactory(new PrecisionModel(), 4326);
            return o => prepared.Covers(factory.CreatePoint(new Coordinate(o.Longitude, o.Latitude)));
        }

        return _ => true;
    }

    private static string AreaName(AlertRule rule) => rule.Region ?? (rule.AreaGeoJson is null ? "the agreement area" : $"the area of '{rule.Name}'");

    private static string Describe(TimeSpan window) => window.TotalHours >= 1 && window.TotalHours % 1 == 0
        ? $"{window.TotalHours:0} hour{(window.TotalHours == 1 ? "" : "s")}"
        : $"{window.TotalMinutes:0} minutes";

}
