using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Modules.Monitoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Entente.Modules.Monitoring.Contracts;

/// <summary>
/// Writes the draft daily report of a reporting day from the observations of its period, as the platform: one entry per
/// section, region, type and label (so each entry is exactly as restricted as what it counts). The draft's own label,
/// which covers only the Secretariat's narrative, starts at RESTRICTED for every member.
/// </summary>
public sealed class DailyReportWriter(EntenteDbContext db, OblastLocator oblasts, IOptions<MonitoringJobOptions> options, TimeProvider time)
{
    /// <summary>The UTC instant of <paramref name="day"/>'s cut-off.</summary>
    public DateTime CutOff(DateOnly day)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.ReportTimeZone);
        var local = day.ToDateTime(options.Value.ReportCutOff, DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>The latest reporting day whose cut-off has passed.</summary>
    public DateOnly LastClosedDay()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.ReportTimeZone);
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone));
        return CutOff(today) <= now ? today : today.AddDays(-1);
    }

    /// <summary>Writes the draft for <paramref name="day"/> unless one exists; returns it, or null when it existed.</summary>
    public async Task<DailyReport?> WriteAsync(DateOnly day, CancellationToken cancellationToken)
    {
        if (await db.DailyReports.IgnoreQueryFilters().AnyAsync(r => r.Day == day, cancellationToken))
        {
            return null;
        }

        var from = CutOff(day.AddDays(-1));
        var to = CutOff(day);
        var observations = await db.Observations.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.ObservedFrom > from && o.ObservedFrom <= to)
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var report = new DailyReport(day, from, to,
            $"Draft written at the cut-off of {day:d MMMM yyyy}. The Secretariat writes the summary before the report is released.",
            Label.Create(ClassificationLevels.Restricted), now);
        foreach (var group in observations
                     .Select(o => (Observation: o, Section: SectionOf(o)))
                     .Where(x => x.Section is not null)
                     .GroupBy(x => (Section: x.Section!.Value, Region: oblasts.Locate(x.Observation.Latitude, x.Observation.Longitude), x.Observation.Type, x.Observation.Label))
                     .OrderBy(g => g.Key.Section).ThenBy(g => g.Key.Region, StringComparer.Ordinal).ThenBy(g => g.Key.Type))
        {
            var list = group.Select(x => x.Observation).ToList();
            var count = list.Sum(o => o.Count);
            report.Add(new DailyReportEntry(report.Id, group.Key.Section, group.Key.Region, group.Key.Type, list.Count, count,
                Describe(group.Key.Type, group.Key.Region, list, count), group.Key.Label));
        }

        db.DailyReports.Add(report);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance wrote the same day a moment earlier.
            db.ChangeTracker.Clear();
            return null;
        }

        return report;
    }

    /// <summary>Which section of the report an observation belongs to, if any.</summary>
    public static ReportSection? SectionOf(Observation o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return o.Type switch
        {
            ObservationType.Casualties => ReportSection.CivilianCasualties,
            ObservationType.FreedomOfMovementRestriction => ReportSection.FreedomOfMovement,
            ObservationType.WeaponInWithdrawalZone => ReportSection.WeaponsInViolation,
            _ when Vocabulary.IsFire(o.Type) => ReportSection.CeasefireViolations,
            _ => null,
        };
    }

    private static string Describe(ObservationType type, string region, List<Observation> list, int count)
    {
        var what = type switch
        {
            ObservationType.ExplosionImpact => "explosions assessed as impacts",
            ObservationType.ExplosionOutgoing => "explosions assessed as outgoing fire",
            ObservationType.ExplosionAirburst => "airbursts",
            ObservationType.ExplosionUndetermined => "undetermined explosions",
            ObservationType.Bursts => "bursts",
            ObservationType.Shots => "shots",
            ObservationType.Projectiles => "projectiles in flight",
            ObservationType.IlluminationFlares => "illumination flares",
            ObservationType.WeaponInWithdrawalZone => "weapons in violation of withdrawal lines",
            ObservationType.Movement => "movements",
            ObservationType.Casualties => "civilian casualties",
            ObservationType.FreedomOfMovementRestriction => "restrictions of the monitors' freedom of movement",
        };
        var weapons = string.Join(", ", list.Where(o => o.Weapon != WeaponClass.Unknown).GroupBy(o => o.Weapon)
            .Select(g => $"{g.Sum(o => o.Count)} × {g.Key}"));
        var places = string.Join(", ", list.Select(o => o.Zones).Where(z => z != null).Distinct(StringComparer.Ordinal).Take(5));
        return $"{count} {what} in {region} ({list.Count} observation{(list.Count == 1 ? "" : "s")})"
            + (weapons.Length > 0 ? $": {weapons}" : "")
            + (places.Length > 0 ? $"; in {places}" : "") + ".";
    }
}
