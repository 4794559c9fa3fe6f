using Entente.Infrastructure.Labels;

namespace Entente.Modules.Monitoring.Domain;

/// <summary>
/// One event on the ground, as the observations linked to it describe it: correlated automatically (same family of
/// type, close in space and time), split and merged by analysts, and verified. Its label is the join of its
/// observations' labels, so nobody sees an event built from a report they may not read.
/// </summary>
public sealed partial class MonitoringEvent : ILabelled
{
    private MonitoringEvent()
    {
    }

    public MonitoringEvent(TypeFamily family, DateTime now)
    {
        Id = Guid.CreateVersion7();
        Family = family;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }

    public TypeFamily Family { get; private set; }

    /// <summary>The most frequent type among its observations (ties: the lowest).</summary>
    public ObservationType Type { get; private set; }

    /// <summary>UTC: the earliest start among its observations.</summary>
    public DateTime StartsAt { get; private set; }

    /// <summary>UTC: the latest end among its observations.</summary>
    public DateTime EndsAt { get; private set; }

    /// <summary>Mean position of its observations, weighted by their precision.</summary>
    public double Latitude { get; private set; }

    public double Longitude { get; private set; }

    public int ObservationCount { get; private set; }

    /// <summary>The largest count any one observation reports (sources describe the same explosions).</summary>
    public int Count { get; private set; }

    /// <summary>The heaviest weapon class reported.</summary>
    public WeaponClass Weapon { get; private set; }

    public bool IsViolation { get; private set; }

    public Guid? AgreementId { get; private set; }

    public string? Zones { get; private set; }

    /// <summary>
    /// ISO 3166-2 code of the oblast holding its position (the weighted mean above), null outside Ukraine; recomputed
    /// with the position, so that counts per oblast are a GROUP BY and agree with where the map draws the event.
    /// </summary>
    public string? Oblast { get; private set; }

    public EventStatus Status { get; private set; }

    public Label Label { get; private set; } = Label.Public;

    /// <summary>When an analyst merged this event into another, or correlation joined it to another, that event.</summary>
    public Guid? MergedInto { get; private set; }

    /// <summary>Raised by every change; optimistic concurrency.</summary>
    public int Version { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; private set; }

    /// <summary>
    /// Recomputes the event from all its observations; <paramref name="oblastAt"/> names the oblast holding a
    /// position (latitude, longitude), or null outside Ukraine.
    /// </summary>
    public void Summarise(IReadOnlyCollection<Observation> observations, DateTime now, Func<double, double, string?> oblastAt)
    {
        ArgumentNullException.ThrowIfNull(oblastAt);
        ArgumentNullException.ThrowIfNull(observations);
        if (observations.Count == 0)
        {
            return;
        }

        ObservationCount = observations.Count;
        StartsAt = observations.Min(o => o.ObservedFrom);
        EndsAt = observations.Max(o => o.ObservedTo);
        var weights = observations.Select(o => (o, W: 1 / Math.Max(50, o.UncertaintyMetres))).ToList();
        var total = weights.Sum(x => x.W);
        Latitude = weights.Sum(x => x.o.Latitude * x.W) / total;
        Longitude = weights.Sum(x => x.o.Longitude * x.W) / total;
        Oblast = oblastAt(Latitude, Longitude);
        Type = observations.GroupBy(o => o.Type).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        Count = observations.Max(o => o.Count);
        Weapon = observations.Select(o => o.Weapon).Max();
        IsViolation = observations.Any(o => o.IsViolation);
        AgreementId = observations.Select(o => o.AgreementId).FirstOrDefault(a => a is not null);
        var zones = observations.Where(o => o.Zones is not null).SelectMany(o => o.Zones!.Split(", ")).Distinct().Order(StringComparer.Ordinal).ToList();
        Zones = zones.Count == 0 ? null : string.Join(", ", zones);
        Label = observations.Select(o => o.Label).Aggregate(Modules.Audit.Domain.AuditLabels.Join);
        UpdatedAt = now;
        Version++;
    }

    public void MarkMergedInto(Guid survivor, DateTime now)
    {
        MergedInto = survivor;
        ObservationCount = 0;
        UpdatedAt = now;
        Version++;
    }
}
