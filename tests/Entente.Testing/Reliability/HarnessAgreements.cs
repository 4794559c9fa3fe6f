namespace Entente.Testing.Reliability;

/// <summary>The ceasefire agreement the reliability harnesses record before their observations: a public one whose
/// line of contact runs along longitude 37.5° E from 47° to 49° N, optionally with a security zone 10 km either side.</summary>
internal static class HarnessAgreements
{
    private static readonly double[][] Line = [[37.5, 47.0], [37.5, 49.0]];
    private static readonly double[][][] Zone = [[[37.36, 47.0], [37.64, 47.0], [37.64, 49.0], [37.36, 49.0], [37.36, 47.0]]];

    public static object LineOfContact(string code, string name, DateTimeOffset starts, bool securityZone)
    {
        var features = new List<object>
        {
            new
            {
                type = "Feature",
                properties = new { kind = "lineOfContact", name = "Line of contact", leftSide = "West", rightSide = "East" },
                geometry = new { type = "LineString", coordinates = Line },
            },
        };
        if (securityZone)
        {
            features.Add(new
            {
                type = "Feature",
                properties = new { kind = "securityZone", name = "Security zone" },
                geometry = new { type = "Polygon", coordinates = Zone },
            });
        }

        return new
        {
            code,
            name,
            parties = "West; East",
            terms = "A thirty-day ceasefire along the line of contact.",
            startsAt = starts,
            endsAt = starts.AddDays(30),
            label = new { classification = "PUBLIC" },
            zones = new { type = "FeatureCollection", features },
        };
    }
}
