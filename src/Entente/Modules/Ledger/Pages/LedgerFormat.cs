using System.Globalization;
using Entente.Infrastructure.Text;
using Entente.Modules.Ledger.Domain;

namespace Entente.Modules.Ledger.Pages;

/// <summary>How the ledger's pages write money, dates and names: English, the invariant culture, never the server's.</summary>
public static class LedgerFormat
{
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    /// <summary>Euro cents as whole euros: €1,234,567.</summary>
    public static string Eur(long cents) => "€" + Math.Round(cents / 100m, MidpointRounding.AwayFromZero).ToString("N0", En);

    public static string Eur(long? cents) => cents is { } c ? Eur(c) : "—";

    /// <summary>Euro cents in millions or billions for cards and charts: €1.93 bn, €35.2 m, €950,000.</summary>
    public static string EurShort(long cents)
    {
        var euros = cents / 100m;
        return Math.Abs(euros) switch
        {
            >= 1_000_000_000m => "€" + (euros / 1_000_000_000m).ToString("0.##", En) + " bn",
            >= 1_000_000m => "€" + (euros / 1_000_000m).ToString("0.#", En) + " m",
            _ => Eur(cents),
        };
    }

    /// <summary>Euro cents as a plain number of euros with two decimals, for charts and machine-readable cells.</summary>
    public static string EurValue(long cents) => (cents / 100m).ToString("0.00", En);

    /// <summary>An amount in minor units, written in major units with the currency's decimals: 1,600,000,000.00 GBP.</summary>
    public static string Money(long? minor, string currency)
    {
        if (minor is not { } m)
        {
            return "undisclosed";
        }

        var digits = Iso4217.IsKnown(currency) ? Iso4217.MinorDigits(currency) : 2;
        var major = Iso4217.IsKnown(currency) ? Iso4217.ToMajor(m, currency) : m / 100m;
        return major.ToString("N" + digits.ToString(En), En) + " " + currency;
    }

    /// <summary>Minor units as a form shows them for editing: 1600000000.00.</summary>
    public static string? MajorForInput(long? minor, string currency)
    {
        if (minor is not { } m || !Iso4217.IsKnown(currency))
        {
            return null;
        }

        var digits = Iso4217.MinorDigits(currency);
        return Iso4217.ToMajor(m, currency).ToString("F" + digits.ToString(En), En);
    }

    public static string Quantity(long? quantity) => quantity is { } q ? q.ToString("N0", En) : "—";

    public static string Day(DateOnly day) => DisplayTime.Day(day);

    public static string Day(DateOnly? day) => day is { } d ? Day(d) : "—";

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", En);

    public static string Instant(DateTime utc) => utc.ToString("d MMM yyyy, HH:mm 'UTC'", En);

    public static string Percent(double? ratio) => ratio is { } r ? (r * 100).ToString("0.#", En) + " %" : "—";

    /// <summary>A share already in percent (0.0123 means 0.0123 % of GDP).</summary>
    public static string Share(double? percent) => percent is { } p ? p.ToString(p < 0.01 ? "0.####" : "0.###", En) + " %" : "—";

    public static string Days(double? days) => days is { } d ? d.ToString("0.#", En) + (d == 1 ? " day" : " days") : "—";

    public static string Display(AidCategory category) => category switch
    {
        AidCategory.Military => "Military",
        AidCategory.Financial => "Financial",
        AidCategory.Humanitarian => "Humanitarian",
    };

    public static string Display(MeasureKind kind) => kind switch
    {
        MeasureKind.Aid => "Aid",
        MeasureKind.DefenceIndustrial => "Defence-industrial measure",
    };

    public static string Display(PledgeStage stage) => stage switch
    {
        PledgeStage.Announced => "Announced",
        PledgeStage.Committed => "Committed",
        PledgeStage.Allocated => "Allocated",
        PledgeStage.Delivered => "Delivered",
        PledgeStage.Cancelled => "Cancelled",
    };

    /// <summary>The pill class of a status: the same colours for a status and the step that leads to it.</summary>
    public static string PillClass(PledgeStatus status) => status switch
    {
        PledgeStatus.Announced => "pill-announced",
        PledgeStatus.Committed => "pill-committed",
        PledgeStatus.Allocated => "pill-allocated",
        PledgeStatus.PartlyDelivered => "pill-partly",
        PledgeStatus.Delivered => "pill-delivered",
        PledgeStatus.Cancelled => "pill-cancelled",
    };

    public static string PillClass(PledgeStage stage) => stage switch
    {
        PledgeStage.Announced => "pill-announced",
        PledgeStage.Committed => "pill-committed",
        PledgeStage.Allocated => "pill-allocated",
        PledgeStage.Delivered => "pill-delivered",
        PledgeStage.Cancelled => "pill-cancelled",
    };

    public static string Text<T>(T value)
        where T : struct, Enum => EnumText.ToText(value);

    /// <summary>Specific types grouped under their category, for select lists.</summary>
    public static IEnumerable<IGrouping<AidCategory, AidType>> TypesByCategory() =>
        Enum.GetValues<AidType>().GroupBy(AidTypes.CategoryOf);
}

/// <summary>Reads amounts as people type them, in major units: "1,600,000,000.00", "1 600 000 000", "29.5".</summary>
public static class MajorAmount
{
    /// <summary>
    /// Minor units of <paramref name="currency"/>, or an error to show next to the field. Empty text is a null amount.
    /// Commas, spaces and underscores are taken as thousands separators; the decimal separator is a full stop.
    /// </summary>
    public static bool TryParse(string? text, string? currency, out long? minor, out string? error)
    {
        minor = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var cleaned = text.Trim().Replace(",", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal)
            .Replace("_", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal).Replace("\u202f", "", StringComparison.Ordinal);
        if (!decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var major))
        {
            error = "Write the amount as a number in the currency's main unit, for example 1,600,000,000.00.";
            return false;
        }

        var code = (currency ?? "").Trim().ToUpperInvariant();
        if (!Iso4217.IsKnown(code))
        {
            // The currency field reports the unknown code; the amount is read as if it had cents meanwhile.
            code = "EUR";
        }

        try
        {
            minor = Iso4217.ToMinor(major, code);
        }
        catch (OverflowException)
        {
            minor = null;
        }

        if (minor is null)
        {
            var digits = Iso4217.MinorDigits(code);
            error = digits == 0
                ? $"{code} has no minor unit: give a whole number."
                : $"{code} has {digits} decimal places at most.";
            return false;
        }

        return true;
    }
}
