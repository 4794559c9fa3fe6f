using System.Text.Json;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Operation.Distance;
using NetTopologySuite.Operation.Valid;

namespace Entente.Modules.Monitoring.Domain;

/// <summary>Reads an agreement's lines and zones from GeoJSON (RFC 7946) and checks each geometry.</summary>
public static class ZoneGeometry
{
    public const int MaxFeatures = 200;
    public const int MaxVertices = 200_000;

    private static readonly JsonSerializerOptions GeoJson = CreateOptions();

    public static JsonSerializerOptions Options => GeoJson;

    /// <summary>
    /// Parses a FeatureCollection whose features carry <c>kind</c> (lineOfContact, withdrawalZone, disengagementArea,
    /// securityZone), <c>name</c>, and for zones <c>rule</c> and <c>weaponClasses</c>; the line may name its
    /// <c>leftSide</c> and <c>rightSide</c>. Errors name the feature.
    /// </summary>
    public static Result<IReadOnlyList<ZoneDraft>> Parse(string featureCollection) => ParseText(featureCollection);

    /// <summary>
    /// Parses the zones as a request body holds them. The JSON reader does not check the UTF-8 inside strings, so
    /// invalid bytes surface only when the text is read out: they are a bad request, not a server error.
    /// </summary>
    public static Result<IReadOnlyList<ZoneDraft>> Parse(JsonElement featureCollection)
    {
        string text;
        try
        {
            text = featureCollection.GetRawText();
        }
        catch (InvalidOperationException)
        {
            return Broken("zones", "The zones hold text that is not valid UTF-8.");
        }

        return ParseText(text);
    }

    private static Result<IReadOnlyList<ZoneDraft>> ParseText(string featureCollection)
    {
        FeatureCollection? features;
        try
        {
            features = JsonSerializer.Deserialize<FeatureCollection>(featureCollection ?? "", GeoJson);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            return Broken("zones", $"The zones are not a GeoJSON FeatureCollection: {ex.Message}");
        }

        if (features is null || features.Count == 0)
        {
            return Broken("zones", "The zones are empty: give at least the line of contact as a GeoJSON feature.");
        }

        if (features.Count > MaxFeatures)
        {
            return Broken("zones", $"An agreement may have at most {MaxFeatures} lines and zones.");
        }

        var drafts = new List<ZoneDraft>();
        var vertices = 0;
        for (var i = 0; i < features.Count; i++)
        {
            var field = $"zones.features[{i}]";
            var feature = features[i];
            var geometry = feature.Geometry;
            if (geometry is null)
            {
                return Broken(field, "The feature has no geometry.");
            }

            vertices += geometry.NumPoints;
            if (vertices > MaxVertices)
            {
                return Broken("zones", $"The geometry has more than {MaxVertices:N0} vertices; simplify it.");
            }

            if (geometry.Coordinates.Any(c => !GeoMath.IsValid(c.Y, c.X)))
            {
                return Broken(field, "A coordinate is outside the world: GeoJSON gives longitude (−180 to 180) first, then latitude (−90 to 90).");
            }

            var attributes = feature.Attributes;
            string? Text(string name) => attributes?.Exists(name) == true ? attributes[name]?.ToString()?.Trim() : null;
            if (!EnumText.TryParseRequired<ZoneKind>(Text("kind"), out var kind))
            {
                return Broken(field, "Give the feature's kind: lineOfContact, withdrawalZone, disengagementArea or securityZone.");
            }

            var name = Text("name");
            if (string.IsNullOrEmpty(name) || name.Length > 200)
            {
                return Broken(field, "Give the feature a name of 1 to 200 characters.");
            }

            if (kind == ZoneKind.LineOfContact)
            {
                if (geometry is not (LineString or MultiLineString))
                {
                    return Broken(field, "The line of contact must be a LineString or MultiLineString.");
                }
            }
            else if (geometry is not (Polygon or MultiPolygon))
            {
                return Broken(field, "A zone must be a Polygon or MultiPolygon.");
            }

            var validity = new IsValidOp(geometry).ValidationError;
            if (validity is not null)
            {
                return Broken(field, $"The geometry is not valid: {validity.Message} at {validity.Coordinate?.X:0.#####}, {validity.Coordinate?.Y:0.#####}.");
            }

            ZoneRule? rule = kind switch
            {
                ZoneKind.WithdrawalZone => ZoneRule.NoWeaponsOfClass,
                ZoneKind.DisengagementArea => ZoneRule.NoPresence,
                ZoneKind.SecurityZone => ZoneRule.NoFire,
                ZoneKind.LineOfContact => null,
            };
            if (Text("rule") is { Length: > 0 } ruleText)
            {
                if (!EnumText.TryParseRequired<ZoneRule>(ruleText, out var parsedRule) || kind == ZoneKind.LineOfContact)
                {
                    return Broken(field, "Unknown rule: noWeaponsOfClass, noFire or noPresence (the line of contact has none).");
                }

                rule = parsedRule;
            }

            var weapons = new List<WeaponClass>();
            if (attributes?.Exists("weaponClasses") == true && attributes["weaponClasses"] is IEnumerable<object> list)
            {
                foreach (var item in list)
                {
                    if (!EnumText.TryParseRequired<WeaponClass>(item?.ToString(), out var weapon))
                    {
                        return Broken(field, EnumText.Refusal<WeaponClass>(item?.ToString(), "a weapon class"));
                    }

                    weapons.Add(weapon);
                }
            }

            if (rule == ZoneRule.NoWeaponsOfClass && weapons.Count == 0)
            {
                return Broken(field, "A withdrawal zone names the weapon classes withdrawn from it (weaponClasses).");
            }

            drafts.Add(new ZoneDraft(kind, name, rule, weapons, JsonSerializer.Serialize(geometry, GeoJson), Text("leftSide"), Text("rightSide")));
        }

        if (!drafts.Any(d => d.Kind == ZoneKind.LineOfContact))
        {
            return Broken("zones", "Give the line of contact: a feature of kind lineOfContact.");
        }

        return drafts;
    }

    public static Geometry ReadGeometry(string geoJson) =>
        JsonSerializer.Deserialize<Geometry>(geoJson, GeoJson) ?? throw new InvalidOperationException("Stored geometry is empty.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new GeoJsonConverterFactory());
        return options;
    }

    private static DomainError Broken(string field, string detail) => new("monitoring.geometry-invalid", detail, ErrorKind.Validation, field);
}

/// <summary>Where a point lies relative to an agreement version: zones containing it, distance to the line, side.</summary>
public sealed record ZoneCheck(
    IReadOnlyList<string> Zones, double? DistanceToLineMetres, string? Side, IReadOnlyList<string> Violations)
{
    public static ZoneCheck Outside { get; } = new([], null, null, []);

    public bool IsViolation => Violations.Count > 0;
}

/// <summary>
/// One geometry version of an agreement, projected once to a local plane in metres (equirectangular around its
/// centre, exact enough over a few hundred kilometres) with prepared zones, so each check is a few index lookups.
/// </summary>
public sealed class ZoneChecker
{
    private readonly double _lat0;
    private readonly double _lon0;
    private readonly double _cosLat0;
    private readonly GeometryFactory _factory = new();
    private readonly List<(AgreementGeometry Zone, IPreparedGeometry Area)> _zones = [];
    private readonly List<(AgreementGeometry Line, Geometry Projected)> _lines = [];

    public ZoneChecker(IReadOnlyList<AgreementGeometry> geometries)
    {
        ArgumentNullException.ThrowIfNull(geometries);
        var parsed = geometries.Select(g => (Zone: g, Geometry: ZoneGeometry.ReadGeometry(g.GeoJson))).ToList();
        var envelope = new Envelope();
        foreach (var (_, geometry) in parsed)
        {
            envelope.ExpandToInclude(geometry.EnvelopeInternal);
        }

        _lat0 = envelope.IsNull ? 0 : envelope.Centre.Y;
        _lon0 = envelope.IsNull ? 0 : envelope.Centre.X;
        _cosLat0 = Math.Cos(GeoMath.Radians(_lat0));
        foreach (var (zone, geometry) in parsed)
        {
            var projected = Project(geometry);
            if (zone.Kind == ZoneKind.LineOfContact)
            {
                _lines.Add((zone, projected));
            }
            else
            {
                _zones.Add((zone, PreparedGeometryFactory.Prepare(projected)));
            }
        }
    }

    public ZoneCheck Check(double latitude, double longitude, ObservationType type, WeaponClass weapon)
    {
        var point = _factory.CreatePoint(ToPlane(longitude, latitude));
        var inside = new List<string>();
        var violations = new List<string>();
        foreach (var (zone, area) in _zones)
        {
            if (!area.Contains(point))
            {
                continue;
            }

            inside.Add(zone.Name);
            if (Violates(zone, type, weapon))
            {
                violations.Add($"{zone.Name}: {Describe(zone)}");
            }
        }

        double? distance = null;
        string? side = null;
        foreach (var (line, projected) in _lines)
        {
            var nearest = DistanceOp.NearestPoints(projected, point);
            var d = nearest[0].Distance(nearest[1]);
            if (distance is null || d < distance)
            {
                distance = d;
                side = SideOf(line, projected, nearest[0], point.Coordinate);
            }
        }

        return new ZoneCheck(inside, distance is { } m ? Math.Round(m, 1) : null, side, violations);
    }

    private static bool Violates(AgreementGeometry zone, ObservationType type, WeaponClass weapon) => zone.Rule switch
    {
        ZoneRule.NoFire => Vocabulary.IsFire(type),
        ZoneRule.NoPresence => Vocabulary.IsFire(type) || type is ObservationType.Movement or ObservationType.WeaponInWithdrawalZone,
        ZoneRule.NoWeaponsOfClass => (type == ObservationType.WeaponInWithdrawalZone || Vocabulary.IsFire(type))
            && zone.WeaponClassList.Contains(weapon),
        null => false,
    };

    private static string Describe(AgreementGeometry zone) => zone.Rule switch
    {
        ZoneRule.NoFire => "no fire permitted",
        ZoneRule.NoPresence => "no forces, movement or fire permitted",
        ZoneRule.NoWeaponsOfClass => "withdrawn weapon class present",
        null => "",
    };

    /// <summary>Left or right of the nearest segment, in the line's drawing direction.</summary>
    private static string? SideOf(AgreementGeometry line, Geometry projected, Coordinate onLine, Coordinate p)
    {
        LineSegment? best = null;
        var bestDistance = double.MaxValue;
        for (var g = 0; g < projected.NumGeometries; g++)
        {
            var coordinates = projected.GetGeometryN(g).Coordinates;
            for (var i = 1; i < coordinates.Length; i++)
            {
                var segment = new LineSegment(coordinates[i - 1], coordinates[i]);
                var d = segment.Distance(onLine);
                if (d < bestDistance)
                {
                    bestDistance = d;
                    best = segment;
                }
            }
        }

        if (best is null)
        {
            return null;
        }

        var orientation = best.OrientationIndex(p);
        return orientation switch
        {
            > 0 => line.LeftSide ?? "left",
            < 0 => line.RightSide ?? "right",
            _ => "on the line",
        };
    }

    private Coordinate ToPlane(double longitude, double latitude) => new(
        GeoMath.Radians(longitude - _lon0) * _cosLat0 * GeoMath.EarthRadiusMetres,
        GeoMath.Radians(latitude - _lat0) * GeoMath.EarthRadiusMetres);

    private Geometry Project(Geometry geometry)
    {
        var copy = geometry.Copy();
        copy.Apply(new ProjectFilter(this));
        copy.GeometryChanged();
        return copy;
    }

    private sealed class ProjectFilter(ZoneChecker checker) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var c = checker.ToPlane(seq.GetX(i), seq.GetY(i));
                seq.SetX(i, c.X);
                seq.SetY(i, c.Y);
            }
        }
    }
}
