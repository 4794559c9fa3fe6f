using System.Globalization;
using System.Text;
using Entente.Infrastructure.Text;
using Entente.Modules.Monitoring.Domain;

namespace Entente.Modules.Monitoring.Pages;

/// <summary>How the monitoring pages write the vocabulary and times for people.</summary>
public static class MonitoringText
{
    public static string Display(ObservationType type) => type switch
    {
        ObservationType.ExplosionImpact => "Explosion (impact)",
        ObservationType.ExplosionOutgoing => "Explosion (outgoing)",
        ObservationType.ExplosionAirburst => "Explosion (airburst)",
        ObservationType.ExplosionUndetermined => "Explosion (undetermined)",
        ObservationType.Bursts => "Bursts",
        ObservationType.Shots => "Shots",
        ObservationType.Projectiles => "Projectiles",
        ObservationType.IlluminationFlares => "Illumination flares",
        ObservationType.WeaponInWithdrawalZone => "Weapon in a withdrawal zone",
        ObservationType.Movement => "Movement",
        ObservationType.Casualties => "Casualties",
        ObservationType.FreedomOfMovementRestriction => "Restriction of freedom of movement",
    };

    public static string Display(AlertRuleKind kind) => kind switch
    {
        AlertRuleKind.ViolationCount => "Violations above a threshold",
        AlertRuleKind.HeavyWeaponInWithdrawalZone => "A heavy weapon in a withdrawal zone",
        AlertRuleKind.Spike => "A spike against the trailing week",
    };

    /// <summary>What an alert rule fires on, in a line.</summary>
    public static string Describe(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Kind switch
        {
            AlertRuleKind.ViolationCount => string.Create(CultureInfo.InvariantCulture, $"More than {rule.Threshold} violations in {rule.WindowMinutes} min"),
            AlertRuleKind.HeavyWeaponInWithdrawalZone => "A heavy weapon in a withdrawal zone",
            AlertRuleKind.Spike => string.Create(CultureInfo.InvariantCulture,
                $"{rule.SpikeFactor:0.##}\u00d7 the trailing week's average in {rule.WindowMinutes} min (at least {rule.Threshold})"),
        };
    }

    public static string Display(DistanceBand band) => band switch
    {
        DistanceBand.UnderOneKm => "under 1 km",
        DistanceBand.OneToThreeKm => "1–3 km",
        DistanceBand.ThreeToFiveKm => "3–5 km",
        DistanceBand.FiveToTenKm => "5–10 km",
        DistanceBand.TenToFifteenKm => "10–15 km",
        DistanceBand.OverFifteenKm => "over 15 km",
    };

    public static string Display(WeaponClass weapon) => weapon switch
    {
        WeaponClass.Unknown => "Unknown",
        WeaponClass.Mlrs => "MLRS",
        _ => Words(weapon.ToString()),
    };

    public static string Display(ObservationMeans means) => means == ObservationMeans.Uav ? "UAV" : Words(means.ToString());

    public static string Display<T>(T value)
        where T : struct, Enum => Words(value.ToString());

    /// <summary>The value as the API and the query string spell it (camelCase).</summary>
    public static string Code<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static string Time(DateTime utc) => DisplayTime.Utc(utc);

    public static string Day(DateOnly day) => DisplayTime.Day(day);

    public static string Number(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"NotConfirmed" → "Not confirmed".</summary>
    private static string Words(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            text.Append(i > 0 && char.IsUpper(name[i]) ? " " + char.ToLowerInvariant(name[i]) : name[i]);
        }

        return text.ToString();
    }
}
