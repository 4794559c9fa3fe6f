using Entente.Modules.Monitoring.Domain;

namespace Entente.Modules.Monitoring.Contracts;

/// <summary>Distance and time within which two observations of one family describe the same event.</summary>
public sealed class CorrelationOptions
{
    public const string Section = "Entente:Monitoring:Correlation";

    /// <summary>Positions at most this far apart (metres) may be one event.</summary>
    public double DistanceMetres { get; set; } = 1_500;

    /// <summary>Time windows at most this far apart may be one event.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Observations whose time window is wider than this are left for analysts to link by hand.</summary>
    public TimeSpan LongestWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Observations less precise than this are left for analysts to link by hand.</summary>
    public GeoPrecision CoarsestPrecision { get; set; } = GeoPrecision.Settlement;

    /// <summary>The rule in words, for the event page.</summary>
    public string Explain() =>
        $"Observations are linked automatically when they are of the same family of type (fire; illumination; weapons present; movement; casualties; restrictions of movement), " +
        $"their positions are at most {DistanceMetres:N0} m apart, their time windows at most {Window.TotalMinutes:N0} minutes apart, and both positions are known " +
        $"to settlement precision or better and in time to within {LongestWindow.TotalMinutes:N0} minutes. Links are transitive: an event holds every observation reachable through such links, whatever order they arrived in. " +
        "Analysts can split and merge events by hand; such decisions are never undone automatically. " +
        "When correlation links a new observation to an event that has been decided, or merges another event into it, the event goes back under review, recorded in its history.";
}

/// <summary>The fields of an observation that correlation reads.</summary>
public readonly record struct CorrelationPoint(
    Guid Id, TypeFamily Family, DateTime From, DateTime To, double Latitude, double Longitude, GeoPrecision Precision, Guid? EventId, bool Locked);

/// <summary>
/// Links observations into events: single-linkage clustering (the connected components of "same family, close in
/// space and time"), the same as DBSCAN with one point per cluster. Connected components do not depend on the order
/// in which observations arrive, so neither do the events. Incremental: a batch is linked against itself and the
/// stored observations near it, and events that a batch connects are merged.
/// </summary>
public sealed class Correlator(CorrelationOptions options)
{
    public CorrelationOptions Options => options;

    /// <summary>
    /// Groups the new points with each other and with the stored ones: each result holds the new points of one
    /// component and the stored events it touches (to be merged into one).
    /// </summary>
    public IReadOnlyList<CorrelationGroup> Link(IReadOnlyList<CorrelationPoint> fresh, IReadOnlyList<CorrelationPoint> stored)
    {
        ArgumentNullException.ThrowIfNull(fresh);
        ArgumentNullException.ThrowIfNull(stored);
        var all = new List<CorrelationPoint>(fresh.Count + stored.Count);
        all.AddRange(fresh);
        all.AddRange(stored);
        var parent = new int[all.Count];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }

        // Stored points of one event are already one component.
        var firstOfEvent = new Dictionary<Guid, int>();
        for (var i = fresh.Count; i < all.Count; i++)
        {
            if (all[i].EventId is { } e)
            {
                if (firstOfEvent.TryGetValue(e, out var first))
                {
                    Union(parent, i, first);
                }
                else
                {
                    firstOfEvent[e] = i;
                }
            }
        }

        // Cells as wide as the linking distance (longitude cells sized at the highest latitude present) and as long
        // as the window plus the longest eligible observation, so linked points always share or neighbour a cell.
        var latCell = GeoMath.LatitudeDegrees(options.DistanceMetres);
        var maxLatitude = all.Count == 0 ? 0 : all.Max(p => Math.Abs(p.Latitude));
        var lonCell = latCell / Math.Max(0.01, Math.Cos(GeoMath.Radians(Math.Min(89, maxLatitude + latCell))));
        var timeCell = options.Window.Ticks + options.LongestWindow.Ticks + TimeSpan.TicksPerSecond;

        // Eligible points sorted by cell, each cell a run of that order (no list per cell).
        var cellOf = new Dictionary<(TypeFamily, long, long, long), int>();
        var cellKeys = new List<(TypeFamily F, long Y, long X, long T)>();
        var pointCell = new int[all.Count];
        var eligibleCount = 0;
        for (var i = 0; i < all.Count; i++)
        {
            var p = all[i];
            pointCell[i] = -1;
            if (p.Locked || p.Precision > options.CoarsestPrecision || p.To - p.From > options.LongestWindow)
            {
                continue;
            }

            var key = Cell(p, latCell, lonCell, timeCell);
            if (!cellOf.TryGetValue(key, out var cell))
            {
                cellOf[key] = cell = cellKeys.Count;
                cellKeys.Add(key);
            }

            pointCell[i] = cell;
            eligibleCount++;
        }

        var start = new int[cellKeys.Count + 1];
        for (var i = 0; i < all.Count; i++)
        {
            if (pointCell[i] >= 0)
            {
                start[pointCell[i] + 1]++;
            }
        }

        for (var c = 0; c < cellKeys.Count; c++)
        {
            start[c + 1] += start[c];
        }

        var members = new int[eligibleCount];
        var fill = (int[])start.Clone();
        for (var i = 0; i < all.Count; i++)
        {
            if (pointCell[i] >= 0)
            {
                members[fill[pointCell[i]]++] = i;
            }
        }

        // Positions as unit vectors: the squared chord between two is 4·hav(θ), so comparing it with the chord of the
        // linking distance is the haversine test without a trigonometric call per pair.
        var xs = new double[all.Count];
        var ys = new double[all.Count];
        var zs = new double[all.Count];
        for (var i = 0; i < all.Count; i++)
        {
            var lat = GeoMath.Radians(all[i].Latitude);
            var lon = GeoMath.Radians(all[i].Longitude);
            xs[i] = Math.Cos(lat) * Math.Cos(lon);
            ys[i] = Math.Cos(lat) * Math.Sin(lon);
            zs[i] = Math.Sin(lat);
        }

        var halfAngle = Math.Sin(Math.Min(Math.PI / 2, options.DistanceMetres / (2 * GeoMath.EarthRadiusMetres)));
        var maxChordSquared = 4 * halfAngle * halfAngle;
        var window = options.Window.Ticks;
        var near = new List<int>(27);
        for (var c = 0; c < cellKeys.Count; c++)
        {
            var (f, y, x, t) = cellKeys[c];
            near.Clear();
            for (var dy = -1; dy <= 1; dy++)
            {
                for (var dx = -1; dx <= 1; dx++)
                {
                    for (var dt = -1; dt <= 1; dt++)
                    {
                        if (cellOf.TryGetValue((f, y + dy, x + dx, t + dt), out var n))
                        {
                            near.Add(n);
                        }
                    }
                }
            }

            for (var a = start[c]; a < start[c + 1]; a++)
            {
                // Only new points start links (stored ones are already in their events); each pair is tried once,
                // from its lower index, which is always the new point when the other is stored.
                var i = members[a];
                if (i >= fresh.Count)
                {
                    continue;
                }

                var p = all[i];
                foreach (var n in near)
                {
                    for (var b = start[n]; b < start[n + 1]; b++)
                    {
                        var j = members[b];
                        if (j <= i)
                        {
                            continue;
                        }

                        var ddx = xs[i] - xs[j];
                        var ddy = ys[i] - ys[j];
                        var ddz = zs[i] - zs[j];
                        if ((ddx * ddx) + (ddy * ddy) + (ddz * ddz) > maxChordSquared)
                        {
                            continue;
                        }

                        var q = all[j];
                        var gap = p.From.Ticks > q.To.Ticks ? p.From.Ticks - q.To.Ticks : q.From.Ticks > p.To.Ticks ? q.From.Ticks - p.To.Ticks : 0;
                        if (gap <= window)
                        {
                            Union(parent, i, j);
                        }
                    }
                }
            }
        }

        var groups = new Dictionary<int, (List<CorrelationPoint> Fresh, SortedSet<Guid> Events)>();
        for (var i = 0; i < all.Count; i++)
        {
            var root = Find(parent, i);
            if (!groups.TryGetValue(root, out var g))
            {
                groups[root] = g = ([], []);
            }

            if (i < fresh.Count)
            {
                g.Fresh.Add(all[i]);
            }
            else if (all[i].EventId is { } e)
            {
                g.Events.Add(e);
            }
        }

        return [.. groups.Values.Where(g => g.Fresh.Count > 0).Select(g => new CorrelationGroup(g.Fresh, [.. g.Events]))];
    }

    /// <summary>Whether two observations describe the same event under the rule.</summary>
    public bool Linked(CorrelationPoint a, CorrelationPoint b)
    {
        if (a.Family != b.Family)
        {
            return false;
        }

        var gap = a.From > b.To ? a.From - b.To : b.From > a.To ? b.From - a.To : TimeSpan.Zero;
        return gap <= options.Window && GeoMath.Distance(a.Latitude, a.Longitude, b.Latitude, b.Longitude) <= options.DistanceMetres;
    }

    /// <summary>
    /// Grid cell of a point.
    /// </summary>
    private static (TypeFamily, long, long, long) Cell(CorrelationPoint p, double latCell, double lonCell, long timeCell)
    {
        var y = (long)Math.Floor(p.Latitude / latCell);
        var x = (long)Math.Floor(p.Longitude / lonCell);
        var middle = p.From.Ticks + ((p.To.Ticks - p.From.Ticks) / 2);
        return (p.Family, y, x, middle / timeCell);
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    private static void Union(int[] parent, int a, int b)
    {
        var ra = Find(parent, a);
        var rb = Find(parent, b);
        if (ra != rb)
        {
            parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }
}

/// <summary>New observations that belong together, and the stored events they join (merged into the earliest).</summary>
public sealed record CorrelationGroup(IReadOnlyList<CorrelationPoint> Fresh, IReadOnlyList<Guid> Events);
