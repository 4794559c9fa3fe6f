namespace Entente.Modules.Monitoring.Domain;

/// <summary>Where an observation comes from.</summary>
public enum SourceKind
{
    /// <summary>A monitoring team in the field, filing from a form.</summary>
    MonitorTeam,

    /// <summary>A machine feed: an acoustic sensor, a camera, a radar, through the bulk API.</summary>
    MachineFeed,

    /// <summary>Open sources (media, social media, official statements) entered by an analyst with a citation.</summary>
    OpenSource,
}

/// <summary>How precisely the time of an observation is known; its window is as wide as this says.</summary>
public enum TimePrecision
{
    Exact,
    Minute,
    Hour,
    Day,
}

/// <summary>How precisely the position is known (after ACLED's geo-precision codes, finer at the top).</summary>
public enum GeoPrecision
{
    /// <summary>The position itself (a sensor's fix, a GPS reading).</summary>
    Exact,

    /// <summary>Estimated from the observer's position, a bearing and a distance band, as the OSCE SMM reported sounds.</summary>
    Estimated,

    /// <summary>A town or village: ACLED precision 1.</summary>
    Settlement,

    /// <summary>A district or area near a town: ACLED precision 2.</summary>
    District,

    /// <summary>A province (oblast) only: ACLED precision 3.</summary>
    Region,
}

/// <summary>Distance bands in which monitors heard or saw an event, after the SMM's reports.</summary>
public enum DistanceBand
{
    UnderOneKm,
    OneToThreeKm,
    ThreeToFiveKm,
    FiveToTenKm,
    TenToFifteenKm,
    OverFifteenKm,
}

/// <summary>How the event was observed.</summary>
public enum ObservationMeans
{
    Heard,
    Seen,
    Camera,
    Uav,
    Imagery,
    Sensor,
    Reported,
}

/// <summary>What was observed, in the vocabulary of the OSCE SMM's daily reports.</summary>
public enum ObservationType
{
    ExplosionImpact,
    ExplosionOutgoing,
    ExplosionAirburst,
    ExplosionUndetermined,
    Bursts,
    Shots,
    Projectiles,
    IlluminationFlares,
    WeaponInWithdrawalZone,
    Movement,
    Casualties,
    FreedomOfMovementRestriction,
}

/// <summary>Weapon classes, as the withdrawal zones of ceasefire agreements name them.</summary>
public enum WeaponClass
{
    Unknown,
    SmallArms,
    HeavyMachineGun,
    Mortar,
    Artillery,
    AntiTank,
    Mlrs,
    Tank,
    AirDefence,
    Drone,
}

public enum Confidence
{
    Low,
    Medium,
    High,
}

/// <summary>Kinds of geometry an agreement defines.</summary>
public enum ZoneKind
{
    /// <summary>The line of contact: a (multi)line; observations are measured against it and placed on a side.</summary>
    LineOfContact,

    /// <summary>An area from which the named weapon classes are withdrawn.</summary>
    WithdrawalZone,

    /// <summary>An area both sides have left: no forces, no fire.</summary>
    DisengagementArea,

    /// <summary>A security zone along the line: no fire.</summary>
    SecurityZone,
}

/// <summary>What a zone forbids; an observation that does it inside the zone is a violation.</summary>
public enum ZoneRule
{
    /// <summary>No weapons of the zone's weapon classes present (withdrawal zones).</summary>
    NoWeaponsOfClass,

    /// <summary>No firing of any kind.</summary>
    NoFire,

    /// <summary>No forces, no movement, no fire.</summary>
    NoPresence,
}

/// <summary>Where an event stands in verification.</summary>
public enum EventStatus
{
    Reported,
    UnderReview,

    /// <summary>Confirmed once; an event of high severity needs a second analyst's confirmation (four eyes).</summary>
    AwaitingSecondConfirmation,
    Confirmed,
    NotConfirmed,
    Rejected,
}

/// <summary>Families of types that can describe one event; only observations of one family are correlated.</summary>
public enum TypeFamily
{
    Fire,
    Illumination,
    WeaponPresence,
    Movement,
    Casualties,
    FreedomOfMovement,
}

public static class Vocabulary
{
    public static TypeFamily FamilyOf(ObservationType type) => type switch
    {
        ObservationType.ExplosionImpact or ObservationType.ExplosionOutgoing or ObservationType.ExplosionAirburst
            or ObservationType.ExplosionUndetermined or ObservationType.Bursts or ObservationType.Shots
            or ObservationType.Projectiles => TypeFamily.Fire,
        ObservationType.IlluminationFlares => TypeFamily.Illumination,
        ObservationType.WeaponInWithdrawalZone => TypeFamily.WeaponPresence,
        ObservationType.Movement => TypeFamily.Movement,
        ObservationType.Casualties => TypeFamily.Casualties,
        ObservationType.FreedomOfMovementRestriction => TypeFamily.FreedomOfMovement,
    };

    /// <summary>Whether the observation reports fire (an explosion, bursts, shots, projectiles).</summary>
    public static bool IsFire(ObservationType type) => FamilyOf(type) == TypeFamily.Fire;

    /// <summary>Heavy weapons in the sense of the Minsk-era withdrawal lines: mortars and above.</summary>
    public static bool IsHeavy(WeaponClass weapon) => weapon is WeaponClass.Mortar or WeaponClass.Artillery or WeaponClass.Mlrs
        or WeaponClass.Tank or WeaponClass.AntiTank or WeaponClass.AirDefence;

    /// <summary>The nearest and farthest distance of a band, in metres.</summary>
    public static (double Near, double Far) Metres(DistanceBand band) => band switch
    {
        DistanceBand.UnderOneKm => (0, 1_000),
        DistanceBand.OneToThreeKm => (1_000, 3_000),
        DistanceBand.ThreeToFiveKm => (3_000, 5_000),
        DistanceBand.FiveToTenKm => (5_000, 10_000),
        DistanceBand.TenToFifteenKm => (10_000, 15_000),
        DistanceBand.OverFifteenKm => (15_000, 25_000),
    };

    /// <summary>How wide a time window the precision implies.</summary>
    public static TimeSpan Width(TimePrecision precision) => precision switch
    {
        TimePrecision.Exact => TimeSpan.Zero,
        TimePrecision.Minute => TimeSpan.FromMinutes(1),
        TimePrecision.Hour => TimeSpan.FromHours(1),
        TimePrecision.Day => TimeSpan.FromDays(1),
    };
}
