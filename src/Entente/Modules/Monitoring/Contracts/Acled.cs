using System.Globalization;
using System.Text;
using CsvHelper;
using Entente.Modules.Monitoring.Domain;

namespace Entente.Modules.Monitoring.Contracts;

/// <summary>An ACLED event type and sub-event type with its disorder type.</summary>
public sealed record AcledType(string DisorderType, string EventType, string SubEventType);

/// <summary>
/// The ACLED-style CSV: ACLED's columns, geo-precision codes 1–3 and event types mapped from the SMM vocabulary
/// (docs/monitoring-acled.md). ACLED has no type for most of what ceasefire monitors count, so the export keeps the
/// exact type, weapon and count in the <c>tags</c> column, which the import reads first; rows from ACLED itself are
/// typed from their sub-event type.
/// </summary>
public static class Acled
{
    /// <summary>The source under which imported ACLED rows are keyed, with ACLED's <c>event_id_cnty</c> as the source id.</summary>
    public const string Source = "ACLED";

    /// <summary>
    /// The citation of an imported row: ACLED publishes no address per event, so rows cite its dataset and are found
    /// there by their <c>event_id_cnty</c>, kept as the source id; the outlets ACLED names stay in the notes.
    /// </summary>
    public const string Citation = "https://acleddata.com/";

    public static readonly IReadOnlyList<string> Columns =
    [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1",
        "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
        "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
        "notes", "fatalities", "tags", "timestamp",
    ];

    private const string Political = "Political violence";
    private const string Strategic = "Strategic developments";

    public static AcledType TypeOf(ObservationType type, WeaponClass weapon) => type switch
    {
        ObservationType.ExplosionImpact or ObservationType.ExplosionOutgoing or ObservationType.ExplosionAirburst
            or ObservationType.ExplosionUndetermined or ObservationType.Projectiles => weapon == WeaponClass.Drone
            ? new AcledType(Political, "Explosions/Remote violence", "Air/drone strike")
            : new AcledType(Political, "Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ObservationType.Bursts or ObservationType.Shots => new AcledType(Political, "Battles", "Armed clash"),
        ObservationType.WeaponInWithdrawalZone or ObservationType.Movement => new AcledType(Strategic, Strategic, "Change to group/activity"),
        ObservationType.IlluminationFlares or ObservationType.Casualties or ObservationType.FreedomOfMovementRestriction =>
            new AcledType(Strategic, Strategic, "Other"),
    };

    /// <summary>ACLED's geo-precision: 1 the place itself or a town, 2 near a town or a district, 3 a region only.</summary>
    public static int PrecisionCode(GeoPrecision precision) => precision switch
    {
        GeoPrecision.Exact or GeoPrecision.Estimated or GeoPrecision.Settlement => 1,
        GeoPrecision.District => 2,
        GeoPrecision.Region => 3,
    };

    public static GeoPrecision PrecisionFrom(int code) => code switch
    {
        1 => GeoPrecision.Settlement,
        2 => GeoPrecision.District,
        _ => GeoPrecision.Region,
    };

    /// <summary>Our type for an ACLED sub-event type, when it names something monitors observe.</summary>
    public static (ObservationType Type, WeaponClass Weapon)? TypeFrom(string subEventType) => subEventType.Trim().ToUpperInvariant() switch
    {
        "SHELLING/ARTILLERY/MISSILE ATTACK" => (ObservationType.ExplosionUndetermined, WeaponClass.Artillery),
        "AIR/DRONE STRIKE" => (ObservationType.ExplosionImpact, WeaponClass.Drone),
        "REMOTE EXPLOSIVE/LANDMINE/IED" or "GRENADE" => (ObservationType.ExplosionUndetermined, WeaponClass.Unknown),
        "ARMED CLASH" => (ObservationType.Shots, WeaponClass.Unknown),
        "CHANGE TO GROUP/ACTIVITY" => (ObservationType.Movement, WeaponClass.Unknown),
        _ => null,
    };

    /// <summary>Writes the rows as ACLED-style CSV (UTF-8, RFC 4180, comma-separated, a header row).</summary>
    public static async Task WriteAsync(Stream body, IReadOnlyList<MapItem> items, OblastIndex oblasts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(oblasts);
        using var buffer = new MemoryStream();
        await using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions
        {
            Injection = CsvInjection.Escape,
            InjectionEscape = '\'',
            InjectionCharacters = "=+@\t\r",
            NewLine = "\r\n",
        }, leaveOpen: true))
        {
            foreach (var column in Columns)
            {
                csv.WriteField(column);
            }

            csv.EndRecord();
            foreach (var item in items)
            {
                foreach (var cell in Cells(item, oblasts))
                {
                    csv.WriteField(cell);
                }

                csv.EndRecord();
            }
        }

        await body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
    }

    private static IEnumerable<string> Cells(MapItem i, OblastIndex oblasts)
    {
        var type = TypeOf(i.Type, i.Weapon);
        var oblast = oblasts.Find(i.Latitude, i.Longitude);
        var inv = CultureInfo.InvariantCulture;
        return
        [
            (i.Layer == MapLayer.Events ? "ENTE-" : "ENTO-") + i.Id.ToString("N"),
            i.StartsAt.ToString("yyyy-MM-dd", inv),
            i.StartsAt.Year.ToString(inv),
            "1",
            type.DisorderType,
            type.EventType,
            type.SubEventType,
            i.AttributedParty ?? "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "804",
            "Europe",
            "Ukraine",
            oblast?.Name ?? "",
            "",
            "",
            i.Zones ?? "",
            i.Latitude.ToString("0.######", inv),
            i.Longitude.ToString("0.######", inv),
            PrecisionCode(i.GeoPrecision).ToString(inv),
            i.Source ?? "Entente",
            i.Layer == MapLayer.Events ? "Other" : i.SourceKind switch
            {
                SourceKind.OpenSource => "New media",
                _ => "Other",
            },
            i.Notes ?? "",
            "0",
            Tags(i),
            new DateTimeOffset(i.StartsAt, TimeSpan.Zero).ToUnixTimeSeconds().ToString(inv),
        ];
    }

    private static string Tags(MapItem i)
    {
        var tags = new StringBuilder();
        tags.Append(CultureInfo.InvariantCulture, $"entente:type={Camel(i.Type.ToString())}; entente:weapon={Camel(i.Weapon.ToString())}; entente:count={i.Count}");
        if (i.IsViolation)
        {
            tags.Append("; entente:violation");
        }

        return tags.ToString();
    }

    /// <summary>Reads the <c>entente:</c> tags the export wrote: name to value.</summary>
    public static Dictionary<string, string> ReadTags(string? tags)
    {
        var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in (tags ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("entente:", StringComparison.OrdinalIgnoreCase))
            {
                var pair = part["entente:".Length..].Split('=', 2);
                found[pair[0].Trim()] = pair.Length > 1 ? pair[1].Trim() : "";
            }
        }

        return found;
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>One ACLED-style row as an open-source observation, or why it cannot be one.</summary>
    public static ObservationInput? ToInput(IReadOnlyDictionary<string, string> row, string? classification, out string? error)
    {
        ArgumentNullException.ThrowIfNull(row);
        error = null;
        string Cell(string name) => row.TryGetValue(name, out var v) ? v.Trim() : "";
        var id = Cell("event_id_cnty");
        if (id.Length == 0)
        {
            error = "Give event_id_cnty: imported rows are keyed by it.";
            return null;
        }

        if (!DateOnly.TryParseExact(Cell("event_date"), ["yyyy-MM-dd", "d MMMM yyyy", "dd MMMM yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            error = "event_date is not a date (yyyy-mm-dd).";
            return null;
        }

        if (!double.TryParse(Cell("latitude"), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(Cell("longitude"), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
        {
            error = "latitude and longitude must be numbers with a decimal point.";
            return null;
        }

        var tags = ReadTags(Cell("tags"));
        string type;
        string weapon;
        if (tags.TryGetValue("type", out var t))
        {
            type = t;
            weapon = tags.GetValueOrDefault("weapon") ?? "unknown";
        }
        else if (TypeFrom(Cell("sub_event_type")) is { } mapped)
        {
            type = Camel(mapped.Type.ToString());
            weapon = Camel(mapped.Weapon.ToString());
        }
        else
        {
            error = $"The sub-event type '{Cell("sub_event_type")}' has no counterpart among the observation types (docs/monitoring-acled.md).";
            return null;
        }

        var count = tags.TryGetValue("count", out var c) && int.TryParse(c, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 1;
        var precision = int.TryParse(Cell("geo_precision"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : 3;
        var source = Cell("source");
        var notes = Cell("notes");
        var text = source.Length == 0 ? notes : $"{notes} (Source: {source})".Trim();
        return new ObservationInput
        {
            SourceKind = nameof(SourceKind.OpenSource),
            Source = Source,
            SourceRef = id,
            ObservedFrom = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            TimePrecision = nameof(TimePrecision.Day),
            Latitude = lat,
            Longitude = lon,
            GeoPrecision = PrecisionFrom(precision).ToString(),
            Means = nameof(ObservationMeans.Reported),
            Type = type,
            Count = count,
            Weapon = weapon,
            AttributedParty = Cell("actor1") is { Length: > 0 } actor ? actor : null,
            Confidence = nameof(Confidence.Medium),
            CitationUrl = Citation,
            Notes = text.Length == 0 ? null : text[..Math.Min(text.Length, Observation.MaxNotesLength)],
            Classification = classification,
        };
    }

    /// <summary>Parses ACLED-style CSV into rows named by their (lower-case) header; the first data row is row 1.</summary>
    public static IReadOnlyList<(int Row, Dictionary<string, string> Cells)> Read(string text)
    {
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            Mode = CsvMode.Rfc4180,
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        };
        var rows = new List<(int, Dictionary<string, string>)>();
        using var csv = CsvReader.FromText(text.TrimStart('\uFEFF'), options);
        if (!csv.Read())
        {
            return rows;
        }

        var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i).Trim().ToLowerInvariant()).ToArray();
        var number = 0;
        while (csv.Read())
        {
            number++;
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < Math.Min(header.Length, csv.FieldCount); i++)
            {
                var value = csv.GetString(i);

                // The export escapes text a spreadsheet would run as a formula with an apostrophe; take it off.
                cells[header[i]] = value.Length > 1 && value[0] == '\'' && "=+@\t\r".Contains(value[1], StringComparison.Ordinal) ? value[1..] : value;
            }

            rows.Add((number, cells));
        }

        return rows;
    }
}
