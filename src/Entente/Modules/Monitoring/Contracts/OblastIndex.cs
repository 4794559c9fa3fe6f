using System.Text.Json;
using Entente.Modules.Monitoring.Domain;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace Entente.Modules.Monitoring.Contracts;

/// <summary>One oblast (or Crimea, Kyiv city, Sevastopol) by its ISO 3166-2 code.</summary>
public sealed record Oblast(string Iso, string Name);

/// <summary>
/// Ukraine's first-level divisions within its internationally recognised borders (geoBoundaries ADM1, simplified; see
/// ReferenceData/SOURCES.md): the offline base map the pages draw, and the lookup that counts events per oblast. A
/// point on a shared border belongs to the first oblast in ISO order, so every point is counted once.
/// </summary>
public sealed class OblastIndex
{
    private const string ResourceName = "Entente.Monitoring.ukraine-oblasts.geojson";

    private readonly List<(Oblast Oblast, Envelope Envelope, IPreparedGeometry Geometry)> _areas;

    private readonly Dictionary<string, Oblast> _byIso;

    public OblastIndex()
    {
        using var stream = typeof(OblastIndex).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        GeoJson = reader.ReadToEnd();
        var features = JsonSerializer.Deserialize<FeatureCollection>(GeoJson, ZoneGeometry.Options)
            ?? throw new InvalidOperationException("The oblast file holds no features.");
        _areas = [.. features
            .Select(f => (Oblast: new Oblast((string)f.Attributes["iso"], (string)f.Attributes["name"]), f.Geometry))
            .OrderBy(a => a.Oblast.Iso, StringComparer.Ordinal)
            .Select(a => (a.Oblast, a.Geometry.EnvelopeInternal, PreparedGeometryFactory.Prepare(a.Geometry)))];
        All = [.. _areas.Select(a => a.Oblast)];
        _byIso = All.ToDictionary(o => o.Iso, StringComparer.Ordinal);
    }

    /// <summary>Every oblast with its outline (CRS84), in ISO code order.</summary>
    public IEnumerable<(Oblast Oblast, Geometry Outline)> Outlines => _areas.Select(a => (a.Oblast, a.Geometry.Geometry));

    /// <summary>The oblasts as a GeoJSON FeatureCollection (properties <c>iso</c> and <c>name</c>), CRS84.</summary>
    public string GeoJson { get; }

    /// <summary>Every oblast, in ISO code order.</summary>
    public IReadOnlyList<Oblast> All { get; }

    /// <summary>The ISO 3166-2 code of the oblast holding the point, or null outside Ukraine.</summary>
    public string? IsoAt(double latitude, double longitude) => Find(latitude, longitude)?.Iso;

    /// <summary>The oblast with this ISO 3166-2 code, or null.</summary>
    public Oblast? ByIso(string? iso) => iso is not null && _byIso.TryGetValue(iso, out var oblast) ? oblast : null;

    /// <summary>The oblast holding the point, or null outside Ukraine.</summary>
    public Oblast? Find(double latitude, double longitude)
    {
        var point = new Point(longitude, latitude);
        foreach (var (oblast, envelope, geometry) in _areas)
        {
            if (envelope.Contains(longitude, latitude) && geometry.Covers(point))
            {
                return oblast;
            }
        }

        return null;
    }
}
