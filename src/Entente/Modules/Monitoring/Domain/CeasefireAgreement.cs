using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;

namespace Entente.Modules.Monitoring.Domain;

/// <summary>
/// A ceasefire the coalition monitors: its parties, terms and period, and its geometry — the line of contact and
/// zones with their rules — in numbered versions, because lines are redrawn. Observations are checked against the
/// version in force at their time.
/// </summary>
public sealed class CeasefireAgreement : ILabelled
{
    public const int MaxCodeLength = 32;
    public const int MaxNameLength = 200;
    public const int MaxPartiesLength = 500;
    public const int MaxTermsLength = 20_000;

    private readonly List<AgreementGeometry> _geometries = [];

    private CeasefireAgreement()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>A short reference such as <c>CF-2026-01</c>, upper case.</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>The parties as written in the agreement.</summary>
    public string Parties { get; private set; } = "";

    public string Terms { get; private set; } = "";

    /// <summary>UTC.</summary>
    public DateTime StartsAt { get; private set; }

    /// <summary>UTC; null while open-ended.</summary>
    public DateTime? EndsAt { get; private set; }

    public Label Label { get; private set; } = Label.Public;

    /// <summary>The newest geometry version.</summary>
    public int GeometryVersion { get; private set; }

    /// <summary>Optimistic concurrency token, raised by every change.</summary>
    public int Version { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyList<AgreementGeometry> Geometries => _geometries;

    public static Result<CeasefireAgreement> Conclude(
        string code, string name, string parties, string terms, DateTime startsAt, DateTime? endsAt, Label label,
        IReadOnlyList<ZoneDraft> zones, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(label);
        var agreement = new CeasefireAgreement { Id = Guid.CreateVersion7(), CreatedAt = now };
        var codeText = (code ?? "").Trim().ToUpperInvariant();
        if (codeText.Length is 0 or > MaxCodeLength || !codeText.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return DomainError.Invalid("code", $"The code must have 1 to {MaxCodeLength} letters, digits, dashes, dots or underscores.");
        }

        agreement.Code = codeText;
        var updated = agreement.Update(name, parties, terms, startsAt, endsAt, label, now);
        if (!updated.IsSuccess)
        {
            return updated.Error!;
        }

        var drawn = agreement.Redraw(zones, startsAt, now);
        return drawn.IsSuccess ? agreement : drawn.Error!;
    }

    public Result Update(string name, string parties, string terms, DateTime startsAt, DateTime? endsAt, Label label, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(label);
        var checkedName = PlainText.Check("name", name, MaxNameLength, required: true);
        if (!checkedName.IsSuccess)
        {
            return checkedName.Error!;
        }

        var checkedParties = PlainText.Check("parties", parties, MaxPartiesLength, required: true);
        if (!checkedParties.IsSuccess)
        {
            return checkedParties.Error!;
        }

        var checkedTerms = PlainText.Check("terms", terms, MaxTermsLength, required: true, multiline: true);
        if (!checkedTerms.IsSuccess)
        {
            return checkedTerms.Error!;
        }

        if (endsAt is { } end && end <= startsAt)
        {
            return DomainError.Invalid("endsAt", "The ceasefire must end after it starts.");
        }

        if (_geometries.Count > 0 && _geometries.Min(g => g.EffectiveFrom) < startsAt)
        {
            return DomainError.Invalid("startsAt", "The start cannot move after the first version of the lines takes effect.");
        }

        Name = checkedName.Value!;
        Parties = checkedParties.Value!;
        Terms = checkedTerms.Value!;
        StartsAt = startsAt;
        EndsAt = endsAt;
        Label = label;
        UpdatedAt = now;
        Version++;
        return Result.Success;
    }

    /// <summary>
    /// Adds a geometry version taking effect at <paramref name="effectiveFrom"/>: the whole set of lines and zones, as
    /// redrawn. It must take effect within the agreement's period and after the previous version.
    /// </summary>
    public Result Redraw(IReadOnlyList<ZoneDraft> zones, DateTime effectiveFrom, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(zones);
        if (zones.Count == 0 || !zones.Any(z => z.Kind == ZoneKind.LineOfContact))
        {
            return DomainError.Invalid("zones", "An agreement's geometry needs at least the line of contact.");
        }

        if (effectiveFrom < StartsAt || (EndsAt is { } end && effectiveFrom >= end))
        {
            return DomainError.Invalid("effectiveFrom", "A redrawn line takes effect within the ceasefire's period.");
        }

        var latest = _geometries.Where(g => g.Version == GeometryVersion).Select(g => (DateTime?)g.EffectiveFrom).FirstOrDefault();
        if (latest is { } previous && effectiveFrom <= previous)
        {
            return DomainError.Invalid("effectiveFrom", $"A new version must take effect after the current one ({previous:yyyy-MM-dd HH:mm} UTC).");
        }

        GeometryVersion++;
        foreach (var zone in zones)
        {
            _geometries.Add(new AgreementGeometry(Id, GeometryVersion, effectiveFrom, zone));
        }

        UpdatedAt = now;
        Version++;
        return Result.Success;
    }

    /// <summary>The geometry version in force at an instant, or 0 before the first.</summary>
    public int VersionAt(DateTime instant) => _geometries
        .Where(g => g.EffectiveFrom <= instant)
        .Select(g => g.Version)
        .DefaultIfEmpty(0)
        .Max();

    public bool IsInForce(DateTime instant) => instant >= StartsAt && (EndsAt is null || instant < EndsAt);
}

/// <summary>A line or zone as drawn, checked (<see cref="ZoneGeometry.Parse(string)"/>) before it reaches an agreement.</summary>
public sealed record ZoneDraft(
    ZoneKind Kind, string Name, ZoneRule? Rule, IReadOnlyList<WeaponClass> WeaponClasses, string GeoJson,
    string? LeftSide, string? RightSide);

/// <summary>One line or zone of one geometry version of an agreement.</summary>
public sealed class AgreementGeometry
{
    private AgreementGeometry()
    {
    }

    internal AgreementGeometry(Guid agreementId, int version, DateTime effectiveFrom, ZoneDraft draft)
    {
        Id = Guid.CreateVersion7();
        AgreementId = agreementId;
        Version = version;
        EffectiveFrom = effectiveFrom;
        Kind = draft.Kind;
        Name = draft.Name;
        Rule = draft.Rule;
        WeaponClasses = string.Join(',', draft.WeaponClasses.Select(w => w.ToString()));
        GeoJson = draft.GeoJson;
        LeftSide = draft.LeftSide;
        RightSide = draft.RightSide;
    }

    public Guid Id { get; private set; }

    public Guid AgreementId { get; private set; }

    public int Version { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime EffectiveFrom { get; private set; }

    public ZoneKind Kind { get; private set; }

    public string Name { get; private set; } = "";

    public ZoneRule? Rule { get; private set; }

    /// <summary>Weapon classes a withdrawal zone excludes, comma-separated names.</summary>
    public string WeaponClasses { get; private set; } = "";

    /// <summary>The geometry as GeoJSON (RFC 7946, longitude first).</summary>
    public string GeoJson { get; private set; } = "";

    /// <summary>For the line of contact: who holds the side to the left of its drawing direction.</summary>
    public string? LeftSide { get; private set; }

    public string? RightSide { get; private set; }

    public IReadOnlyList<WeaponClass> WeaponClassList => WeaponClasses.Length == 0
        ? []
        : [.. WeaponClasses.Split(',').Select(Enum.Parse<WeaponClass>)];
}
