using Entente.Infrastructure.Labels;
using Entente.Modules.Monitoring.Domain;
using Entente.Modules.Registry.Contracts;

namespace Entente.Modules.Monitoring.Features;

public sealed record AgreementSummary(
    Guid Id, string Code, string Name, string Parties, DateTime StartsAt, DateTime? EndsAt, int GeometryVersion, int Version, LabelView Label);

public sealed record AgreementGeometryView(
    Guid Id, int Version, DateTime EffectiveFrom, ZoneKind Kind, string Name, ZoneRule? Rule, IReadOnlyList<WeaponClass> WeaponClasses,
    string? LeftSide, string? RightSide, System.Text.Json.JsonElement Geometry);

public sealed record AgreementDetail(AgreementSummary Agreement, string Terms, IReadOnlyList<AgreementGeometryView> Geometries);

public sealed record ObservationView(
    Guid Id, SourceKind SourceKind, string Source, string SourceRef, DateTime ObservedFrom, DateTime ObservedTo, TimePrecision TimePrecision,
    double Latitude, double Longitude, GeoPrecision GeoPrecision, double UncertaintyMetres, double? ObserverLatitude, double? ObserverLongitude,
    double? BearingDegrees, DistanceBand? DistanceBand, ObservationMeans Means, ObservationType Type, int Count, WeaponClass Weapon,
    int? CalibreMm, string? AttributedParty, Confidence Confidence, string? Notes, string? CitationUrl, Guid? AgreementId, string? Zones,
    double? DistanceToLineMetres, string? SideOfLine, bool IsViolation, string? Violations, Guid? EventId, string ContentHash,
    DateTime RecordedAt, LabelView Label);

public sealed record EventSummary(
    Guid Id, TypeFamily Family, ObservationType Type, DateTime StartsAt, DateTime EndsAt, double Latitude, double Longitude,
    int ObservationCount, int Count, WeaponClass Weapon, bool IsViolation, string? Zones, EventStatus Status, Guid? MergedInto,
    int Version, LabelView Label);

public sealed record EventDetail(EventSummary Event, string CorrelationRule, IReadOnlyList<ObservationView> Observations);

public static class MonitoringViews
{
    public static AgreementSummary Summary(CeasefireAgreement a, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new AgreementSummary(a.Id, a.Code, a.Name, a.Parties, a.StartsAt, a.EndsAt, a.GeometryVersion, a.Version, LabelView.From(a.Label, policy));
    }

    public static AgreementDetail Detail(CeasefireAgreement a, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new AgreementDetail(Summary(a, policy), a.Terms, [.. a.Geometries.OrderByDescending(g => g.Version).ThenBy(g => g.Kind).ThenBy(g => g.Name)
            .Select(g => new AgreementGeometryView(g.Id, g.Version, g.EffectiveFrom, g.Kind, g.Name, g.Rule, g.WeaponClassList, g.LeftSide, g.RightSide,
                System.Text.Json.JsonDocument.Parse(g.GeoJson).RootElement.Clone()))]);
    }

    public static ObservationView View(Observation o, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new ObservationView(o.Id, o.SourceKind, o.Source, o.SourceRef, o.ObservedFrom, o.ObservedTo, o.TimePrecision, o.Latitude, o.Longitude,
            o.GeoPrecision, o.UncertaintyMetres, o.ObserverLatitude, o.ObserverLongitude, o.BearingDegrees, o.DistanceBand, o.Means, o.Type, o.Count,
            o.Weapon, o.CalibreMm, o.AttributedParty, o.Confidence, o.Notes, o.CitationUrl, o.AgreementId, o.Zones, o.DistanceToLineMetres,
            o.SideOfLine, o.IsViolation, o.Violations, o.EventId, o.ContentHash, o.RecordedAt, LabelView.From(o.Label, policy));
    }

    public static EventSummary Summary(MonitoringEvent e, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new EventSummary(e.Id, e.Family, e.Type, e.StartsAt, e.EndsAt, e.Latitude, e.Longitude, e.ObservationCount, e.Count, e.Weapon,
            e.IsViolation, e.Zones, e.Status, e.MergedInto, e.Version, LabelView.From(e.Label, policy));
    }
}
