using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;

namespace Entente.Modules.Monitoring.Domain;

/// <summary>An observation as a client sends it: every field optional here so that each can be named when wrong.</summary>
public sealed record ObservationInput
{
    public string? SourceKind { get; init; }

    public string? Source { get; init; }

    public string? SourceRef { get; init; }

    public DateTime? ObservedFrom { get; init; }

    public DateTime? ObservedTo { get; init; }

    public string? TimePrecision { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public string? GeoPrecision { get; init; }

    public double? ObserverLatitude { get; init; }

    public double? ObserverLongitude { get; init; }

    public double? BearingDegrees { get; init; }

    public string? DistanceBand { get; init; }

    public string? Means { get; init; }

    public string? Type { get; init; }

    public int? Count { get; init; }

    public string? Weapon { get; init; }

    public int? CalibreMm { get; init; }

    public string? AttributedParty { get; init; }

    public string? Confidence { get; init; }

    public string? Notes { get; init; }

    public string? CitationUrl { get; init; }

    /// <summary>Classification code; the batch's default when absent.</summary>
    public string? Classification { get; init; }

    /// <summary>Member codes, comma- or space-separated; every member when absent.</summary>
    public string? ReleasableTo { get; init; }
}

/// <summary>The rules an observation must meet before it is stored, each broken one named by its field.</summary>
public static class ObservationRules
{
    /// <summary>Clocks of field devices drift: a report may be this far in the future.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(7);

    public const int MaxCount = 100_000;

    public static Result<ObservationDraft> Validate(ObservationInput input, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!EnumText.TryParseRequired<SourceKind>(input.SourceKind, out var sourceKind))
        {
            return DomainError.Invalid("sourceKind", EnumText.Refusal<SourceKind>(input.SourceKind, "a source kind"));
        }

        var source = PlainText.Check("source", input.Source, Observation.MaxSourceLength, required: true);
        if (!source.IsSuccess)
        {
            return source.Error!;
        }

        var sourceRef = PlainText.Check("sourceRef", input.SourceRef, Observation.MaxSourceRefLength, required: true);
        if (!sourceRef.IsSuccess)
        {
            return sourceRef.Error!;
        }

        var precision = OrDefault(input.TimePrecision, Domain.TimePrecision.Minute, out var timePrecisionOk);
        if (!timePrecisionOk)
        {
            return DomainError.Invalid("timePrecision", "Unknown time precision: exact, minute, hour or day.");
        }

        if (input.ObservedFrom is not { } fromInput)
        {
            return DomainError.Invalid("observedFrom", "Give the time observed (ISO 8601 with its offset, e.g. 2026-05-02T21:14:00Z).");
        }

        var from = fromInput.ToUniversalTime();
        var to = (input.ObservedTo ?? from + Vocabulary.Width(precision)).ToUniversalTime();
        if (to < from)
        {
            return DomainError.Invalid("observedTo", "The end of the observation is before its start.");
        }

        if (to - from > MaxWindow)
        {
            return DomainError.Invalid("observedTo", "An observation spans at most seven days; split longer reports.");
        }

        if (from > now + ClockSkew)
        {
            return new DomainError("monitoring.time-in-future", $"The observation is dated in the future ({from:yyyy-MM-dd HH:mm} UTC).",
                ErrorKind.Validation, "observedFrom");
        }

        var position = Position(input);
        if (!position.IsSuccess)
        {
            return position.Error!;
        }

        var (lat, lon, geo, uncertainty) = position.Value;
        if (!EnumText.TryParseRequired<ObservationMeans>(input.Means, out var means))
        {
            return DomainError.Invalid("means", EnumText.Refusal<ObservationMeans>(input.Means, "a means of observation"));
        }

        if (!EnumText.TryParseRequired<ObservationType>(input.Type, out var type))
        {
            return new DomainError("monitoring.type-unknown",
                EnumText.Refusal<ObservationType>(input.Type, "a type of the SMM vocabulary"),
                ErrorKind.Validation, "type");
        }

        var count = input.Count ?? 1;
        if (count is < 1 or > MaxCount)
        {
            return DomainError.Invalid("count", $"The count is a whole number from 1 to {MaxCount:N0}.");
        }

        var weapon = OrDefault(input.Weapon, WeaponClass.Unknown, out var weaponOk);
        if (!weaponOk)
        {
            return DomainError.Invalid("weapon", EnumText.Refusal<WeaponClass>(input.Weapon, "a weapon class"));
        }

        if (input.CalibreMm is { } calibre && calibre is < 1 or > 1000)
        {
            return DomainError.Invalid("calibreMm", "The calibre is in millimetres, from 1 to 1000.");
        }

        var party = PlainText.Check("attributedParty", input.AttributedParty, Observation.MaxPartyLength);
        if (!party.IsSuccess)
        {
            return party.Error!;
        }

        var confidence = OrDefault(input.Confidence, Domain.Confidence.Medium, out var confidenceOk);
        if (!confidenceOk)
        {
            return DomainError.Invalid("confidence", "Confidence is low, medium or high.");
        }

        var notes = PlainText.Check("notes", input.Notes, Observation.MaxNotesLength, multiline: true);
        if (!notes.IsSuccess)
        {
            return notes.Error!;
        }

        string? citation = null;
        if (!string.IsNullOrWhiteSpace(input.CitationUrl))
        {
            if (!Uri.TryCreate(input.CitationUrl.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                || uri.AbsoluteUri.Length > 2000)
            {
                return DomainError.Invalid("citationUrl", "The citation must be an http or https address of at most 2000 characters.");
            }

            citation = uri.AbsoluteUri;
        }
        else if (sourceKind == SourceKind.OpenSource)
        {
            return DomainError.Invalid("citationUrl", "An open-source observation cites where it was published (citationUrl).");
        }

        return new ObservationDraft
        {
            SourceKind = sourceKind,
            Source = source.Value!,
            SourceRef = sourceRef.Value!,
            ObservedFrom = from,
            ObservedTo = to,
            TimePrecision = precision,
            Latitude = lat,
            Longitude = lon,
            GeoPrecision = geo,
            UncertaintyMetres = uncertainty,
            ObserverLatitude = input.ObserverLatitude,
            ObserverLongitude = input.ObserverLongitude,
            BearingDegrees = input.BearingDegrees,
            DistanceBand = EnumText.TryParseRequired<DistanceBand>(input.DistanceBand, out var band) ? band : null,
            Means = means,
            Type = type,
            Count = count,
            Weapon = weapon,
            CalibreMm = input.CalibreMm,
            AttributedParty = party.Value,
            Confidence = confidence,
            Notes = notes.Value,
            CitationUrl = citation,
        };
    }

    /// <summary>
    /// The position: given directly with its precision, or estimated from the observer's position, a bearing and a
    /// distance band (the middle of the band, uncertain by half its width plus the bearing's spread).
    /// </summary>
    private static Result<(double Lat, double Lon, GeoPrecision Precision, double Uncertainty)> Position(ObservationInput input)
    {
        if (input.Latitude is { } lat && input.Longitude is { } lon)
        {
            if (!GeoMath.IsValid(lat, lon))
            {
                return new DomainError("monitoring.position-invalid",
                    "The position is outside the world: latitude −90 to 90, longitude −180 to 180 (WGS 84 degrees).", ErrorKind.Validation, "latitude");
            }

            var precision = OrDefault(input.GeoPrecision, Domain.GeoPrecision.Exact, out var ok);
            if (!ok)
            {
                return DomainError.Invalid("geoPrecision", "Unknown precision: exact, estimated, settlement, district or region.");
            }

            var uncertainty = precision switch
            {
                Domain.GeoPrecision.Exact => 50,
                Domain.GeoPrecision.Estimated => 1_000,
                Domain.GeoPrecision.Settlement => 3_000,
                Domain.GeoPrecision.District => 15_000,
                Domain.GeoPrecision.Region => 100_000,
            };
            return (lat, lon, precision, uncertainty);
        }

        if (input.ObserverLatitude is { } oLat && input.ObserverLongitude is { } oLon && input.BearingDegrees is { } bearing)
        {
            if (!GeoMath.IsValid(oLat, oLon))
            {
                return new DomainError("monitoring.position-invalid", "The observer's position is outside the world.", ErrorKind.Validation, "observerLatitude");
            }

            if (!double.IsFinite(bearing) || bearing < 0 || bearing >= 360)
            {
                return DomainError.Invalid("bearingDegrees", "The bearing is in degrees from true north, 0 to under 360.");
            }

            if (!EnumText.TryParseRequired<DistanceBand>(input.DistanceBand, out var band))
            {
                return DomainError.Invalid("distanceBand", "Give the distance band: underOneKm, oneToThreeKm, threeToFiveKm, fiveToTenKm, tenToFifteenKm or overFifteenKm.");
            }

            var (near, far) = Vocabulary.Metres(band);
            var middle = (near + far) / 2;
            var (eLat, eLon) = GeoMath.Destination(oLat, oLon, bearing, middle);

            // Half the band's depth, and the arc a ±10° bearing error sweeps at that distance.
            var uncertainty = Math.Max((far - near) / 2, middle * Math.Sin(GeoMath.Radians(10)));
            return (eLat, eLon, Domain.GeoPrecision.Estimated, Math.Round(uncertainty));
        }

        return new DomainError("monitoring.position-missing",
            "Give the position (latitude and longitude), or the observer's position with a bearing and a distance band.",
            ErrorKind.Validation, "latitude");
    }

    private static T OrDefault<T>(string? text, T fallback, out bool ok)
        where T : struct, Enum
    {
        ok = true;
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        ok = EnumText.TryParseRequired<T>(text, out var value);
        return ok ? value : fallback;
    }
}
