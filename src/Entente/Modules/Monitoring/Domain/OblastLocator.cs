using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace Entente.Modules.Monitoring.Domain;

/// <summary>
/// Finds the oblast (ADM1 region of Ukraine, in its internationally recognised borders) that holds a point, from the
/// oblast outlines embedded with the module (simplified from the geoBoundaries ADM1 file).
/// </summary>
public sealed class OblastLocator
{
    /// <summary>The region of a point in no oblast.</summary>
    public const string Elsewhere = "Outside the oblasts";

    private readonly STRtree<(string Name, IPreparedGeometry Area)> _index = new();
    private readonly GeometryFactory _factory = new(new PrecisionModel(), 4326);

    public OblastLocator()
    {
        using var stream = typeof(OblastLocator).Assembly.GetManifestResourceStream("Entente.Monitoring.ukraine-oblasts.geojson")
            ?? throw new InvalidOperationException("The oblast outlines are not embedded in the assembly.");
        var features = JsonSerializer.Deserialize<FeatureCollection>(stream, ZoneGeometry.Options)
            ?? throw new InvalidOperationException("The oblast outlines are empty.");
        var names = new List<string>();
        foreach (var feature in features)
        {
            var name = feature.Attributes["name"]?.ToString() ?? "";
            names.Add(name);
            _index.Insert(feature.Geometry.EnvelopeInternal, (name, PreparedGeometryFactory.Prepare(feature.Geometry)));
        }

        _index.Build();
        Names = [.. names.Order(StringComparer.Ordinal)];
    }

    /// <summary>Every oblast's name, in order.</summary>
    public IReadOnlyList<string> Names { get; }

    public string Locate(double latitude, double longitude)
    {
        var point = _factory.CreatePoint(new Coordinate(longitude, latitude));
        foreach (var (name, area) in _index.Query(point.EnvelopeInternal))
        {
            if (area.Covers(point))
            {
                return name;
            }
        }

        return Elsewhere;
    }

    /// <summary>The oblast named, matched without regard to case and with or without the word "Oblast".</summary>
    public string? Find(string name)
    {
        var wanted = name.Trim();
        return Names.FirstOrDefault(n => string.Equals(n, wanted, StringComparison.OrdinalIgnoreCase)
            || string.Equals(n, wanted + " Oblast", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Reads a GeoJSON Polygon or MultiPolygon (a bare geometry or a Feature), or null when it is not one.</summary>
    public static Geometry? ReadArea(string geoJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(geoJson);
            var json = doc.RootElement.TryGetProperty("geometry", out var g) ? g.GetRawText() : geoJson;
            var geometry = JsonSerializer.Deserialize<Geometry>(json, ZoneGeometry.Options);
            return geometry is Polygon or MultiPolygon && geometry.IsValid ? geometry : null;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
