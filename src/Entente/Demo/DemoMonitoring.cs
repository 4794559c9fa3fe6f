using Entente.Infrastructure.Labels;
using Entente.Modules.Monitoring.Contracts;
using Entente.Modules.Monitoring.Domain;
using NetTopologySuite.Geometries;

namespace Entente.Demo;

/// <summary>
/// A demo ceasefire: thirty days from a week ago, with an illustrative line of contact drawn through places named in
/// 2025 reporting (Kupiansk, Lyman, Chasiv Yar, Toretsk, Pokrovsk, Velyka Novosilka, Huliaipole, Robotyne, then the
/// Dnipro to its mouth). It is a sketch for demonstration, not an accurate line. Zones are buffers around it. The
/// observations are invented, spread over the last days near the line.
/// </summary>
public static class DemoMonitoring
{
    public const string AgreementCode = "CF-DEMO-30";

    /// <summary>Longitude, latitude from north to south: the eastern side lies to the line's left.</summary>
    private static readonly double[][] Line =
    [
        [37.61, 49.71], [37.80, 48.98], [37.86, 48.59], [37.85, 48.40], [37.27, 48.28], [37.28, 47.98],
        [36.80, 47.85], [36.26, 47.66], [35.84, 47.45], [35.40, 47.50], [34.60, 47.20], [33.60, 46.85],
        [32.62, 46.63], [32.20, 46.50],
    ];

    public static CeasefireAgreement Agreement(DateTime now)
    {
        var factory = new GeometryFactory();
        var line = factory.CreateLineString([.. Line.Select(p => new Coordinate(p[0], p[1]))]);
        var security = line.Buffer(0.12);
        var withdrawal = line.Buffer(0.35);
        ZoneDraft[] zones =
        [
            new(ZoneKind.LineOfContact, "Line of contact (illustrative)", null, [], Json(line), "Russian-held", "Ukrainian-held"),
            new(ZoneKind.SecurityZone, "Security zone, about 10 km either side", ZoneRule.NoFire, [], Json(security), null, null),
            new(ZoneKind.WithdrawalZone, "Heavy weapons withdrawal zone, about 30 km either side", ZoneRule.NoWeaponsOfClass,
                [WeaponClass.Artillery, WeaponClass.Mlrs, WeaponClass.Tank, WeaponClass.Mortar], Json(withdrawal), null, null),
        ];
        var start = now.Date.AddDays(-7);
        var agreement = CeasefireAgreement.Conclude(AgreementCode, "Thirty-day ceasefire (demo)", "Ukraine; Russian Federation",
            "Demo data. A full ceasefire on land, at sea and in the air for thirty days; heavy weapons withdrawn from the withdrawal zone; no fire in the security zone; the coalition monitors compliance.",
            start, start.AddDays(30), Label.Public, zones, now);
        return agreement.IsSuccess ? agreement.Value! : throw new InvalidOperationException(agreement.Error!.Detail);
    }

    /// <summary>Invented observations near the line over the last five days, some of them violations.</summary>
    /// <summary>
    /// The Secretariat's standing alert rules over the demo ceasefire: a burst of violations anywhere in the agreement area
    /// and any heavy weapon inside a withdrawal zone (the second raises alerts from the demo observations at once).
    /// </summary>
    public static IEnumerable<AlertRule> AlertRules(DateTime now)
    {
        var restricted = Label.Create(ClassificationLevels.Restricted);
        yield return AlertRule.Create("Ten violations in six hours", AlertRuleKind.ViolationCount, null, null, 360, 10, 3, restricted, now, "demo").Value!;
        yield return AlertRule.Create("Heavy weapon in a withdrawal zone", AlertRuleKind.HeavyWeaponInWithdrawalZone, null, null, 60, 0, 3, restricted, now, "demo").Value!;
    }

    public static IReadOnlyList<IngestRow> Observations(DateTime now)
    {
        var random = new Random(20260302);
        var rows = new List<IngestRow>();
        ObservationType[] types = [ObservationType.ExplosionImpact, ObservationType.ExplosionOutgoing, ObservationType.ExplosionUndetermined, ObservationType.Bursts,
            ObservationType.Shots, ObservationType.IlluminationFlares, ObservationType.Movement];
        for (var i = 0; i < 60; i++)
        {
            var segment = random.Next(Line.Length - 1);
            var t = random.NextDouble();
            var lon = Line[segment][0] + ((Line[segment + 1][0] - Line[segment][0]) * t) + ((random.NextDouble() - 0.5) * 0.3);
            var lat = Line[segment][1] + ((Line[segment + 1][1] - Line[segment][1]) * t) + ((random.NextDouble() - 0.5) * 0.3);
            var at = now.AddHours(-random.Next(2, 120)).AddMinutes(-random.Next(60));
            var type = types[random.Next(types.Length)];
            rows.Add(Row(i + 1, $"demo-{i + 1:000}", i % 3 == 0 ? "monitorTeam" : "machineFeed", i % 3 == 0 ? "demo-team-1" : "demo-acoustic-net",
                at, lat, lon, type, random.Next(1, 12), type is ObservationType.ExplosionImpact or ObservationType.ExplosionOutgoing ? "artillery" : "smallArms",
                i % 5 == 0 ? "CONFIDENTIAL" : "RESTRICTED"));

            // Every fourth event is heard by a second source a few hundred metres and minutes away.
            if (i % 4 == 0)
            {
                rows.Add(Row(1000 + i, $"demo-{i + 1:000}-b", "monitorTeam", "demo-team-2", at.AddMinutes(3), lat + 0.003, lon + 0.004, type,
                    random.Next(1, 12), null, "RESTRICTED"));
            }
        }

        rows.Add(Row(2000, "demo-heavy-1", "monitorTeam", "demo-team-1", now.AddHours(-20), 48.31, 37.95, ObservationType.WeaponInWithdrawalZone, 3, "mlrs", "RESTRICTED"));
        return rows;
    }

    private static IngestRow Row(int row, string sourceRef, string kind, string source, DateTime at, double lat, double lon, ObservationType type, int count,
        string? weapon, string classification) => new(row, new ObservationInput
        {
            SourceKind = kind,
            Source = source,
            SourceRef = sourceRef,
            ObservedFrom = at,
            TimePrecision = "minute",
            Latitude = Math.Round(lat, 5),
            Longitude = Math.Round(lon, 5),
            GeoPrecision = kind == "machineFeed" ? "exact" : "estimated",
            Means = kind == "machineFeed" ? "sensor" : "heard",
            Type = type.ToString(),
            Count = count,
            Weapon = weapon,
            Confidence = "medium",
            Notes = "Demo data: an invented observation.",
            Classification = classification,
        });

    private static string Json(Geometry geometry) => System.Text.Json.JsonSerializer.Serialize(geometry, ZoneGeometry.Options);
}
