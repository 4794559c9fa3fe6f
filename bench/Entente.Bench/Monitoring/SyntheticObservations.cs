using System.Globalization;
using System.Text;

namespace Entente.Bench.Monitoring;

/// <summary>One synthetic report: where, when, what, and from which feed.</summary>
public readonly record struct SyntheticObservation(DateTime At, double Latitude, double Longitude, string Type, string? Weapon, int Source);

/// <summary>
/// Reports as sensor networks send them: events (an explosion, a burst of fire) at random places in an area, each
/// reported by one to several feeds within a few hundred metres and a few minutes of each other, in time order.
/// Deterministic for a given seed and size.
/// </summary>
public static class SyntheticObservations
{
    private static readonly string[] Types = ["explosionImpact", "explosionOutgoing", "explosionUndetermined", "bursts", "shots", "illuminationFlares"];

    private static readonly string?[] Weapons = [null, null, "artillery", "mortar", "mlrs", "smallArms"];

    /// <summary>
    /// <paramref name="count"/> reports between <paramref name="from"/> and <paramref name="to"/>, in the box given,
    /// grouped into events of <paramref name="meanPerEvent"/> reports on average (geometric), sorted by time.
    /// </summary>
    public static List<SyntheticObservation> Generate(int count, DateTime from, DateTime to, double minLat, double maxLat, double minLon, double maxLon,
        double meanPerEvent, int seed)
    {
        var random = new Random(seed);
        var result = new List<SyntheticObservation>(count);
        var span = (to - from).Ticks;
        while (result.Count < count)
        {
            var at = from.AddTicks((long)(random.NextDouble() * span));
            var lat = minLat + (random.NextDouble() * (maxLat - minLat));
            var lon = minLon + (random.NextDouble() * (maxLon - minLon));
            var type = Types[random.Next(Types.Length)];
            var weapon = Weapons[random.Next(Weapons.Length)];
            var size = 1;
            while (random.NextDouble() < 1 - (1 / meanPerEvent))
            {
                size++;
            }

            for (var k = 0; k < size && result.Count < count; k++)
            {
                // Within about 300 m and 3 minutes of the event, as different feeds place and time it.
                var dLat = (random.NextDouble() - 0.5) * 0.0054;
                var dLon = (random.NextDouble() - 0.5) * 0.0054 / Math.Cos(lat * Math.PI / 180);
                var reported = at.AddSeconds(random.Next(0, 180));
                result.Add(new SyntheticObservation(reported < to ? reported : to, Math.Clamp(lat + dLat, minLat, maxLat),
                    Math.Clamp(lon + dLon, minLon, maxLon), type, weapon, random.Next(4)));
            }
        }

        result.Sort((a, b) => a.At.CompareTo(b.At));
        return result;
    }

    /// <summary>One JSON line of the batch API.</summary>
    public static void AppendJsonLine(StringBuilder sb, SyntheticObservation o, string sourceRef)
    {
        ArgumentNullException.ThrowIfNull(sb);
        sb.Append(CultureInfo.InvariantCulture,
            $$"""{"sourceKind":"machineFeed","source":"sensor-net-{{o.Source + 1}}","sourceRef":"{{sourceRef}}","observedFrom":"{{o.At:yyyy-MM-ddTHH:mm:ss}}Z","timePrecision":"exact","latitude":{{o.Latitude:0.######}},"longitude":{{o.Longitude:0.######}},"means":"sensor","type":"{{o.Type}}","count":1""");
        if (o.Weapon is not null)
        {
            sb.Append(",\"weapon\":\"").Append(o.Weapon).Append('"');
        }

        sb.Append(",\"confidence\":\"medium\"}\n");
    }
}
