using System.Text.Json;
using Entente.Modules.Monitoring.Domain;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Union;
using NetTopologySuite.Precision;

namespace Entente.Modules.Monitoring.Contracts;

/// <summary>A country drawn around Ukraine on the base map, by its Natural Earth ADM0_A3 code.</summary>
public sealed record NeighbouringCountry(string Iso, string Name);

/// <summary>
/// The offline base map the pages draw: the neighbouring countries (Natural Earth admin-0, 1:50m; see
/// ReferenceData/SOURCES.md) as a muted background, then Ukraine's oblasts from <see cref="OblastIndex"/> on top.
/// Invariant: no country covers any part of Ukraine within its internationally recognised borders. Natural Earth's
/// default view draws Crimea inside Russia, so the union of the oblasts (grown by <see cref="Margin"/> to close the
/// slivers between separately simplified outlines) is subtracted from every country here, whatever the shipped file holds.
/// </summary>
public sealed class BaseMap
{
    /// <summary>The area the countries are clipped to, in degrees: Ukraine with the Black Sea and its neighbours around it.</summary>
    public static readonly Envelope Extent = new(16.0, 46.0, 40.0, 57.0);

    /// <summary>How far (degrees, about 500 m) Ukraine's outline is grown before it is cut out of the countries.</summary>
    public const double Margin = 0.005;

    private const string ResourceName = "Entente.Monitoring.neighbouring-countries.geojson";

    /// <summary>Pieces smaller than this (square degrees, about 4 km²) left over after the cut are slivers, not land.</summary>
    private const double SliverArea = 0.0005;

    public BaseMap(OblastIndex oblasts)
    {
        ArgumentNullException.ThrowIfNull(oblasts);
        using var stream = typeof(BaseMap).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        var source = JsonSerializer.Deserialize<FeatureCollection>(stream, ZoneGeometry.Options)
            ?? throw new InvalidOperationException("The countries file holds no features.");

        var factory = new GeometryFactory();
        // Each outline is grown before the union: buffering also mends the self-touching rings that simplification left.
        var ukraine = UnaryUnionOp.Union([.. oblasts.Outlines.Select(o => o.Outline.Buffer(Margin))]);
        var frame = factory.ToGeometry(Extent);
        var thousandths = new PrecisionModel(1000);
        var collection = new FeatureCollection();
        var countries = new List<NeighbouringCountry>();
        foreach (var feature in source)
        {
            var cut = GeometryFixer.Fix(feature.Geometry).Intersection(frame).Difference(ukraine);
            var land = Polygons(cut).Where(p => p.Area >= SliverArea).ToArray();
            if (land.Length == 0)
            {
                continue;
            }

            var geometry = GeometryPrecisionReducer.Reduce(land.Length == 1 ? land[0] : factory.CreateMultiPolygon(land), thousandths);
            var country = new NeighbouringCountry((string)feature.Attributes["iso"], (string)feature.Attributes["name"]);
            countries.Add(country);
            collection.Add(new Feature(geometry, new AttributesTable { { "layer", "country" }, { "iso", country.Iso }, { "name", country.Name } }));
        }

        // Oblasts after the countries: drawn in order, they lie on top.
        foreach (var (oblast, outline) in oblasts.Outlines)
        {
            collection.Add(new Feature(outline, new AttributesTable { { "layer", "oblast" }, { "iso", oblast.Iso }, { "name", oblast.Name } }));
        }

        Countries = countries;
        GeoJson = JsonSerializer.Serialize(collection, ZoneGeometry.Options);
    }

    /// <summary>
    /// The base map as one GeoJSON FeatureCollection (CRS84): first the countries, then the oblasts; each feature has
    /// properties <c>layer</c> (<c>country</c> or <c>oblast</c>), <c>iso</c> and <c>name</c>.
    /// </summary>
    public string GeoJson { get; }

    /// <summary>The countries drawn, in the order of the file.</summary>
    public IReadOnlyList<NeighbouringCountry> Countries { get; }

    private static IEnumerable<Polygon> Polygons(Geometry geometry) => geometry switch
    {
        Polygon p => [p],
        GeometryCollection c => c.Geometries.SelectMany(Polygons),
        _ => [],
    };
}
