using Entente.Infrastructure.Labels;

namespace Entente.Modules.Monitoring.Domain;

/// <summary>
/// One report of something seen, heard or sensed: when (a window as wide as its precision), where (a point with its
/// precision, estimated from bearing and distance when that is how it was observed), what (type, count, weapon) in
/// the OSCE SMM's vocabulary, and from which source. Keyed by (source, the source's own id), so a resent report is
/// recognised and never stored twice. Observations are never deleted; duplicates are linked to the same event.
/// </summary>
public sealed class Observation : ILabelled
{
    public const int MaxSourceLength = 100;
    public const int MaxSourceRefLength = 200;
    public const int MaxNotesLength = 4000;
    public const int MaxPartyLength = 100;

    private Observation()
    {
    }

    internal Observation(ObservationDraft d, Label label, DateTime now, string recordedBy)
    {
        Id = Guid.CreateVersion7();
        SourceKind = d.SourceKind;
        Source = d.Source;
        SourceRef = d.SourceRef;
        ObservedFrom = d.ObservedFrom;
        ObservedTo = d.ObservedTo;
        TimePrecision = d.TimePrecision;
        Latitude = d.Latitude;
        Longitude = d.Longitude;
        GeoPrecision = d.GeoPrecision;
        UncertaintyMetres = d.UncertaintyMetres;
        ObserverLatitude = d.ObserverLatitude;
        ObserverLongitude = d.ObserverLongitude;
        BearingDegrees = d.BearingDegrees;
        DistanceBand = d.DistanceBand;
        Means = d.Means;
        Type = d.Type;
        Family = Vocabulary.FamilyOf(d.Type);
        Count = d.Count;
        Weapon = d.Weapon;
        CalibreMm = d.CalibreMm;
        AttributedParty = d.AttributedParty;
        Confidence = d.Confidence;
        Notes = d.Notes;
        CitationUrl = d.CitationUrl;
        Label = label;
        RecordedAt = now;
        RecordedBy = recordedBy;
    }

    public Guid Id { get; private set; }

    public SourceKind SourceKind { get; private set; }

    /// <summary>The feed, team or outlet, e.g. <c>sensor-net-east</c> or <c>team-kramatorsk-2</c>.</summary>
    public string Source { get; private set; } = "";

    /// <summary>The source's own id of this report; unique per source.</summary>
    public string SourceRef { get; private set; } = "";

    /// <summary>UTC.</summary>
    public DateTime ObservedFrom { get; private set; }

    /// <summary>UTC; equal to <see cref="ObservedFrom"/> for an instant.</summary>
    public DateTime ObservedTo { get; private set; }

    public TimePrecision TimePrecision { get; private set; }

    /// <summary>WGS 84 degrees: the event's position, or its estimate.</summary>
    public double Latitude { get; private set; }

    public double Longitude { get; private set; }

    public GeoPrecision GeoPrecision { get; private set; }

    /// <summary>Radius within which the event lies, in metres.</summary>
    public double UncertaintyMetres { get; private set; }

    public double? ObserverLatitude { get; private set; }

    public double? ObserverLongitude { get; private set; }

    public double? BearingDegrees { get; private set; }

    public DistanceBand? DistanceBand { get; private set; }

    public ObservationMeans Means { get; private set; }

    public ObservationType Type { get; private set; }

    /// <summary>Derived from <see cref="Type"/>; only observations of one family are correlated.</summary>
    public TypeFamily Family { get; private set; }

    /// <summary>How many (explosions, bursts, flares, weapons, casualties...), at least 1.</summary>
    public int Count { get; private set; }

    public WeaponClass Weapon { get; private set; }

    public int? CalibreMm { get; private set; }

    public string? AttributedParty { get; private set; }

    public Confidence Confidence { get; private set; }

    public string? Notes { get; private set; }

    /// <summary>For open sources: where it was published.</summary>
    public string? CitationUrl { get; private set; }

    public Label Label { get; private set; } = Label.Public;

    /// <summary>The agreement in force at the time and place, if any.</summary>
    public Guid? AgreementId { get; private set; }

    /// <summary>Names of the agreement's zones containing the position, comma-separated.</summary>
    public string? Zones { get; private set; }

    /// <summary>
    /// ISO 3166-2 code of the oblast of Ukraine (within its internationally recognised borders) holding the position,
    /// null outside Ukraine; set when the observation is placed, so that counts per oblast are a GROUP BY.
    /// </summary>
    public string? Oblast { get; private set; }

    public double? DistanceToLineMetres { get; private set; }

    /// <summary>Who holds the side of the line the position is on.</summary>
    public string? SideOfLine { get; private set; }

    public bool IsViolation { get; private set; }

    /// <summary>The zone rules broken, for people.</summary>
    public string? Violations { get; private set; }

    /// <summary>The event this observation is linked to.</summary>
    public Guid? EventId { get; private set; }

    /// <summary>SHA-256 (hex) of the observation's canonical content; the batch's audit entry binds these.</summary>
    public string ContentHash { get; private set; } = "";

    public Guid BatchId { get; private set; }

    /// <summary>Set when an analyst placed the observation by hand: automatic correlation then leaves it where it is.</summary>
    public bool CorrelationLocked { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime RecordedAt { get; private set; }

    public string RecordedBy { get; private set; } = "";

    internal void Place(Guid? agreementId, ZoneCheck check, string? oblast)
    {
        AgreementId = agreementId;
        Oblast = oblast;
        Zones = check.Zones.Count == 0 ? null : string.Join(", ", check.Zones);
        DistanceToLineMetres = check.DistanceToLineMetres;
        SideOfLine = check.Side;
        IsViolation = check.IsViolation;
        Violations = check.Violations.Count == 0 ? null : string.Join("; ", check.Violations);
    }

    internal void Seal(Guid batchId, string contentHash)
    {
        BatchId = batchId;
        ContentHash = contentHash;
    }

    public void LinkTo(Guid eventId) => EventId = eventId;

    /// <summary>An analyst's placement: linked to <paramref name="eventId"/> and never moved by correlation again.</summary>
    public void PlaceByHand(Guid eventId)
    {
        EventId = eventId;
        CorrelationLocked = true;
    }
}

/// <summary>An observation's fields, checked by <see cref="ObservationRules"/>.</summary>
public sealed record ObservationDraft
{
    public SourceKind SourceKind { get; init; }

    public string Source { get; init; } = "";

    public string SourceRef { get; init; } = "";

    public DateTime ObservedFrom { get; init; }

    public DateTime ObservedTo { get; init; }

    public TimePrecision TimePrecision { get; init; }

    public double Latitude { get; init; }

    public double Longitude { get; init; }

    public GeoPrecision GeoPrecision { get; init; }

    public double UncertaintyMetres { get; init; }

    public double? ObserverLatitude { get; init; }

    public double? ObserverLongitude { get; init; }

    public double? BearingDegrees { get; init; }

    public DistanceBand? DistanceBand { get; init; }

    public ObservationMeans Means { get; init; }

    public ObservationType Type { get; init; }

    public int Count { get; init; } = 1;

    public WeaponClass Weapon { get; init; }

    public int? CalibreMm { get; init; }

    public string? AttributedParty { get; init; }

    public Confidence Confidence { get; init; }

    public string? Notes { get; init; }

    public string? CitationUrl { get; init; }
}
