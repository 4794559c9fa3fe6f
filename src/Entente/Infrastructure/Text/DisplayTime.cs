using System.Globalization;

namespace Entente.Infrastructure.Text;

/// <summary>How pages write instants and days for people: one form across the modules ("3 Dec 2026 14:05 UTC").</summary>
public static class DisplayTime
{
    /// <summary>A UTC instant, to the minute, marked UTC.</summary>
    public static string Utc(DateTime utc) => utc.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>A calendar day.</summary>
    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
