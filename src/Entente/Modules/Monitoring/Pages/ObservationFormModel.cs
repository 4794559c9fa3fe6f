using System.ComponentModel.DataAnnotations;
using Entente.Modules.Monitoring.Domain;

namespace Entente.Modules.Monitoring.Pages;

/// <summary>How the form gives the position: the place itself, or where the observer stood with a bearing and a distance band.</summary>
public enum PositionMode
{
    Point,
    Bearing,
}

/// <summary>
/// The observation forms' fields (the monitor's and the analyst's), as strings and numbers a browser posts; turned
/// into an <see cref="ObservationInput"/> so that the forms go through the same checks and pipeline as the API.
/// </summary>
public sealed class ObservationFormModel
{
    [Required(ErrorMessage = "Name the team or the outlet.")]
    [StringLength(Observation.MaxSourceLength)]
    public string? Source { get; set; }

    /// <summary>The team's own report number, or the article's address; pre-filled so a resent form is stored once.</summary>
    [Required(ErrorMessage = "Give the report's reference.")]
    [StringLength(Observation.MaxSourceRefLength)]
    public string? SourceRef { get; set; }

    /// <summary>UTC, as the datetime-local input posts it.</summary>
    [Required(ErrorMessage = "Give the time observed (UTC).")]
    public DateTime? ObservedAt { get; set; }

    public TimePrecision TimePrecision { get; set; } = TimePrecision.Minute;

    public PositionMode Mode { get; set; } = PositionMode.Point;

    [Range(-90, 90)]
    public double? Latitude { get; set; }

    [Range(-180, 180)]
    public double? Longitude { get; set; }

    public GeoPrecision GeoPrecision { get; set; } = GeoPrecision.Exact;

    [Range(-90, 90)]
    public double? ObserverLatitude { get; set; }

    [Range(-180, 180)]
    public double? ObserverLongitude { get; set; }

    [Range(0, 360)]
    public double? BearingDegrees { get; set; }

    public DistanceBand DistanceBand { get; set; } = DistanceBand.OneToThreeKm;

    public ObservationMeans Means { get; set; } = ObservationMeans.Heard;

    public ObservationType Type { get; set; } = ObservationType.ExplosionUndetermined;

    [Range(1, ObservationRules.MaxCount)]
    public int Count { get; set; } = 1;

    public WeaponClass Weapon { get; set; } = WeaponClass.Unknown;

    [Range(1, 1000)]
    public int? CalibreMm { get; set; }

    [StringLength(Observation.MaxPartyLength)]
    public string? AttributedParty { get; set; }

    public Confidence Confidence { get; set; } = Confidence.Medium;

    [StringLength(Observation.MaxNotesLength)]
    public string? Notes { get; set; }

    [StringLength(2000)]
    public string? CitationUrl { get; set; }

    [Required]
    public string Classification { get; set; } = "RESTRICTED";

    public ObservationInput ToInput(SourceKind kind) => new()
    {
        SourceKind = kind.ToString(),
        Source = Source,
        SourceRef = SourceRef,
        ObservedFrom = ObservedAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null,
        TimePrecision = TimePrecision.ToString(),
        Latitude = Mode == PositionMode.Point ? Latitude : null,
        Longitude = Mode == PositionMode.Point ? Longitude : null,
        GeoPrecision = Mode == PositionMode.Point ? GeoPrecision.ToString() : null,
        ObserverLatitude = Mode == PositionMode.Bearing ? ObserverLatitude : null,
        ObserverLongitude = Mode == PositionMode.Bearing ? ObserverLongitude : null,
        BearingDegrees = Mode == PositionMode.Bearing ? BearingDegrees : null,
        DistanceBand = Mode == PositionMode.Bearing ? DistanceBand.ToString() : null,
        Means = Means.ToString(),
        Type = Type.ToString(),
        Count = Count,
        Weapon = Weapon.ToString(),
        CalibreMm = CalibreMm,
        AttributedParty = string.IsNullOrWhiteSpace(AttributedParty) ? null : AttributedParty.Trim(),
        Confidence = Confidence.ToString(),
        Notes = string.IsNullOrWhiteSpace(Notes) ? null : Notes.Trim(),
        CitationUrl = string.IsNullOrWhiteSpace(CitationUrl) ? null : CitationUrl.Trim(),
        Classification = Classification,
    };
}
