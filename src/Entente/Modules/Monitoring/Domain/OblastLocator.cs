using System.Text.Json;
using Entente.Modules.Monitoring.Contracts;
using NetTopologySuite.Geometries;

namespace Entente.Modules.Monitoring.Domain;

/// <summary>
/// Names the oblast (ADM1 region of Ukraine, in its internationally recognised borders) that holds a point, for alert
/// areas and daily reports. The outlines and the lookup are <see cref="OblastIndex"/>'s, which the map uses too.
/// </summary>
public sealed class OblastLocator(OblastIndex oblasts)
{
    /// <summary>The region of a point in no oblast.</summary>
    public const string Elsewhere = "Outside the oblasts";

    /// <summary>Every oblast's name, in order.</summary>
    public IReadOnlyList<string> Names { get; } = [.. oblasts.All.Select(o => o.Name).Order(StringComparer.Ordinal)];

    public string Locate(double latitude, double longitude) => oblasts.Find(latitude, longitude)?.Name ?? Elsewhere;

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
