using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Entente.Infrastructure.Text;
using Entente.Modules.Ledger.Domain;

namespace Entente.Modules.Ledger.Files;

/// <summary>A column of the ledger's file layout, row per activity as the Kiel Ukraine Support Tracker lays it out.</summary>
public enum PledgeColumn
{
    Donor,
    AnnouncedOn,
    Measure,
    Kind,
    Category,
    Type,
    Explanation,
    Item,
    Quantity,
    Currency,
    ReportedValue,
    Valuation,
    Channel,
    Source,
    SourcePublisher,
    SourceDate,
    SourceQuote,
    Classification,
    ReleasableTo,
    Tlp,
    Originator,
}

/// <summary>
/// The header names of the ledger's files. Every column has one canonical name, which exports write, and synonyms that
/// imports accept; headers are compared without case, spaces or punctuation (<c>Announcement Date</c>,
/// <c>announcement_date</c> and <c>ANNOUNCEMENT-DATE</c> are one column). docs/ledger-import.md lists them.
/// </summary>
public static class PledgeColumns
{
    /// <summary>The canonical header of each column, in the order exports write them.</summary>
    public static IReadOnlyList<(PledgeColumn Column, string Header)> Canonical { get; } =
    [
        (PledgeColumn.Donor, "donor"),
        (PledgeColumn.AnnouncedOn, "announcement date"),
        (PledgeColumn.Measure, "measure"),
        (PledgeColumn.Kind, "kind"),
        (PledgeColumn.Category, "aid type general"),
        (PledgeColumn.Type, "aid type specific"),
        (PledgeColumn.Explanation, "explanation"),
        (PledgeColumn.Item, "item"),
        (PledgeColumn.Quantity, "quantity"),
        (PledgeColumn.Currency, "currency"),
        (PledgeColumn.ReportedValue, "reported value"),
        (PledgeColumn.Valuation, "valuation basis"),
        (PledgeColumn.Channel, "funding channel"),
        (PledgeColumn.Source, "source"),
        (PledgeColumn.SourcePublisher, "source publisher"),
        (PledgeColumn.SourceDate, "source date"),
        (PledgeColumn.SourceQuote, "source quote"),
        (PledgeColumn.Classification, "classification"),
        (PledgeColumn.ReleasableTo, "releasable to"),
        (PledgeColumn.Tlp, "tlp"),
        (PledgeColumn.Originator, "originator"),
    ];

    /// <summary>Columns a file must have; a row may still leave some optional cells empty.</summary>
    public static IReadOnlyList<PledgeColumn> Required { get; } =
    [
        PledgeColumn.Donor, PledgeColumn.AnnouncedOn, PledgeColumn.Measure, PledgeColumn.Type, PledgeColumn.Currency,
        PledgeColumn.Source, PledgeColumn.Classification,
    ];

    /// <summary>Headers that exports add for readers; imports recognise them and leave them unread.</summary>
    public static IReadOnlyList<string> ExportOnly { get; } =
    [
        "id", "status", "value eur", "committed eur", "allocated eur", "delivered eur", "delivered quantity", "rate date",
        "package id", "further sources", "marking",
    ];

    private static readonly FrozenDictionary<string, PledgeColumn> Synonyms = new Dictionary<string, PledgeColumn>
    {
        ["donor"] = PledgeColumn.Donor,
        ["donorcode"] = PledgeColumn.Donor,
        ["donorcountry"] = PledgeColumn.Donor,
        ["country"] = PledgeColumn.Donor,
        ["countries"] = PledgeColumn.Donor,
        ["member"] = PledgeColumn.Donor,
        ["announcementdate"] = PledgeColumn.AnnouncedOn,
        ["announcedon"] = PledgeColumn.AnnouncedOn,
        ["announced"] = PledgeColumn.AnnouncedOn,
        ["dateofannouncement"] = PledgeColumn.AnnouncedOn,
        ["date"] = PledgeColumn.AnnouncedOn,
        ["measure"] = PledgeColumn.Measure,
        ["measurename"] = PledgeColumn.Measure,
        ["kind"] = PledgeColumn.Kind,
        ["measurekind"] = PledgeColumn.Kind,
        ["aidtypegeneral"] = PledgeColumn.Category,
        ["typeofaidgeneral"] = PledgeColumn.Category,
        ["generaltype"] = PledgeColumn.Category,
        ["category"] = PledgeColumn.Category,
        ["aidtypespecific"] = PledgeColumn.Type,
        ["typeofaidspecific"] = PledgeColumn.Type,
        ["specifictype"] = PledgeColumn.Type,
        ["aidtype"] = PledgeColumn.Type,
        ["type"] = PledgeColumn.Type,
        ["explanation"] = PledgeColumn.Explanation,
        ["description"] = PledgeColumn.Explanation,
        ["item"] = PledgeColumn.Item,
        ["items"] = PledgeColumn.Item,
        ["quantity"] = PledgeColumn.Quantity,
        ["qty"] = PledgeColumn.Quantity,
        ["currency"] = PledgeColumn.Currency,
        ["reportedcurrency"] = PledgeColumn.Currency,
        ["reportedvalue"] = PledgeColumn.ReportedValue,
        ["value"] = PledgeColumn.ReportedValue,
        ["amount"] = PledgeColumn.ReportedValue,
        ["reportedamount"] = PledgeColumn.ReportedValue,
        ["valueinoriginalcurrency"] = PledgeColumn.ReportedValue,
        ["valuationbasis"] = PledgeColumn.Valuation,
        ["valuation"] = PledgeColumn.Valuation,
        ["fundingchannel"] = PledgeColumn.Channel,
        ["channel"] = PledgeColumn.Channel,
        ["source"] = PledgeColumn.Source,
        ["sourceurl"] = PledgeColumn.Source,
        ["sourcelink"] = PledgeColumn.Source,
        ["url"] = PledgeColumn.Source,
        ["link"] = PledgeColumn.Source,
        ["sourcepublisher"] = PledgeColumn.SourcePublisher,
        ["publisher"] = PledgeColumn.SourcePublisher,
        ["sourcename"] = PledgeColumn.SourcePublisher,
        ["sourcedate"] = PledgeColumn.SourceDate,
        ["sourcepublishedon"] = PledgeColumn.SourceDate,
        ["publishedon"] = PledgeColumn.SourceDate,
        ["publicationdate"] = PledgeColumn.SourceDate,
        ["sourcequote"] = PledgeColumn.SourceQuote,
        ["quote"] = PledgeColumn.SourceQuote,
        ["classification"] = PledgeColumn.Classification,
        ["securityclassification"] = PledgeColumn.Classification,
        ["releasableto"] = PledgeColumn.ReleasableTo,
        ["relto"] = PledgeColumn.ReleasableTo,
        ["releasability"] = PledgeColumn.ReleasableTo,
        ["tlp"] = PledgeColumn.Tlp,
        ["tlpmarking"] = PledgeColumn.Tlp,
        ["originator"] = PledgeColumn.Originator,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> ExportOnlyKeys = ExportOnly.Select(Key).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The header a user reads for a column: its canonical name.</summary>
    public static string HeaderOf(PledgeColumn column) => Canonical.First(c => c.Column == column).Header;

    /// <summary>The column a header names, or null for a header the layout does not know.</summary>
    public static PledgeColumn? Recognise(string? header) =>
        Synonyms.TryGetValue(Key(header), out var column) ? column : null;

    public static bool IsExportOnly(string? header) => ExportOnlyKeys.Contains(Key(header));

    /// <summary>Letters and digits only, lower case: how headers and enumeration values are compared.</summary>
    public static string Key(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }
}

/// <summary>
/// Reads the values of a file's cells, strictly: what a person might mean two ways is refused with a message saying how
/// to write it, never guessed.
/// </summary>
public static class PledgeValues
{
    private static readonly FrozenDictionary<string, AidType> Types = Lookup<AidType>(AidTypes.Display, new()
    {
        ["airdefense"] = AidType.AirDefence,
        ["drone"] = AidType.Drones,
        ["uav"] = AidType.Drones,
        ["uavs"] = AidType.Drones,
        ["artillery"] = AidType.ArtilleryAmmunition,
        ["ammunition"] = AidType.ArtilleryAmmunition,
        ["armoredvehicles"] = AidType.ArmouredVehicles,
        ["smallarms"] = AidType.SmallArmsAndEquipment,
        ["loans"] = AidType.Loan,
        ["grants"] = AidType.Grant,
        ["guarantees"] = AidType.Guarantee,
        ["humanitarianaid"] = AidType.HumanitarianRelief,
        ["humanitarian"] = AidType.HumanitarianRelief,
    });

    private static readonly FrozenDictionary<string, AidCategory> Categories = Lookup<AidCategory>(c => c.ToString(), new()
    {
        ["militaryaid"] = AidCategory.Military,
        ["financialaid"] = AidCategory.Financial,
        ["humanitarianaid"] = AidCategory.Humanitarian,
    });

    private static readonly FrozenDictionary<string, FundingChannel> Channels = Lookup<FundingChannel>(AidTypes.Display, new()
    {
        ["eu"] = FundingChannel.EuInstrument,
        ["fund"] = FundingChannel.JointFund,
        ["immobilisedassets"] = FundingChannel.ImmobilisedAssetsLoan,
        ["immobilizedassets"] = FundingChannel.ImmobilisedAssetsLoan,
        ["immobilizedassetsloan"] = FundingChannel.ImmobilisedAssetsLoan,
    });

    private static readonly FrozenDictionary<string, ValuationBasis> Valuations = Lookup<ValuationBasis>(AidTypes.Display, new()
    {
        ["stated"] = ValuationBasis.DonorStated,
        ["estimated"] = ValuationBasis.EstimatedFromUnitPrice,
        ["notdisclosed"] = ValuationBasis.Undisclosed,
    });

    private static readonly FrozenDictionary<string, MeasureKind> Kinds = Lookup<MeasureKind>(k => k.ToString(), new()
    {
        ["defenseindustrial"] = MeasureKind.DefenceIndustrial,
    });

    /// <summary>The longest text a number cell may hold; beyond it the cell is refused unread.</summary>
    private const int MaxNumberLength = 40;

    public static bool TryType(string text, out AidType type) => Types.TryGetValue(PledgeColumns.Key(text), out type);

    public static bool TryCategory(string text, out AidCategory category) => Categories.TryGetValue(PledgeColumns.Key(text), out category);

    public static bool TryChannel(string text, out FundingChannel channel) => Channels.TryGetValue(PledgeColumns.Key(text), out channel);

    public static bool TryValuation(string text, out ValuationBasis basis) => Valuations.TryGetValue(PledgeColumns.Key(text), out basis);

    public static bool TryKind(string text, out MeasureKind kind) => Kinds.TryGetValue(PledgeColumns.Key(text), out kind);

    /// <summary>
    /// A value in major units, as people write it: digits, optionally grouped in thousands by commas
    /// (<c>1,600,000,000</c>), optionally a point and decimals (<c>29,500,000.50</c>), optionally a leading minus.
    /// Refused: a decimal comma, spaces or other separators inside the number, currency signs, words such as
    /// <c>bn</c>, exponents, and more decimals than the currency has minor digits (checked by the caller).
    /// </summary>
    public static bool TryMajorAmount(string text, out decimal value, out string problem)
    {
        value = 0;
        problem = "";
        var t = text.Trim();
        if (t.Length > MaxNumberLength)
        {
            problem = "The value is too long to be a number.";
            return false;
        }

        var negative = t.StartsWith('-');
        if (negative)
        {
            t = t[1..];
        }

        var point = t.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? t : t[..point];
        var fraction = point < 0 ? "" : t[(point + 1)..];
        if (whole.Length == 0 || (point >= 0 && fraction.Length == 0) || !fraction.All(char.IsAsciiDigit))
        {
            problem = Unreadable(text);
            return false;
        }

        if (whole.Contains(',', StringComparison.Ordinal))
        {
            var groups = whole.Split(',');
            if (groups[0].Length is < 1 or > 3 || groups.Skip(1).Any(g => g.Length != 3) || !groups.All(g => g.All(char.IsAsciiDigit)))
            {
                problem = $"'{Shorten(text)}' groups its digits wrongly: write thousands separated by commas (1,600,000) and decimals after a point (1,600,000.50).";
                return false;
            }

            whole = string.Concat(groups);
        }
        else if (!whole.All(char.IsAsciiDigit))
        {
            problem = Unreadable(text);
            return false;
        }

        if (!decimal.TryParse(point < 0 ? whole : whole + "." + fraction, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            problem = "The value is too large to be a number.";
            return false;
        }

        if (negative)
        {
            value = -value;
        }

        return true;
    }

    /// <summary>A whole number: digits, optionally grouped in thousands by commas.</summary>
    public static bool TryQuantity(string text, out long quantity)
    {
        quantity = 0;
        if (!TryMajorAmount(text, out var value, out _) || value != decimal.Truncate(value) || text.Contains('.', StringComparison.Ordinal))
        {
            return false;
        }

        if (value is > long.MaxValue or < long.MinValue)
        {
            return false;
        }

        quantity = (long)value;
        return true;
    }

    /// <summary>A date written <c>yyyy-mm-dd</c>; other orders are ambiguous between countries and refused.</summary>
    public static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Member codes separated by commas, semicolons or spaces, optionally after <c>REL TO</c>.</summary>
    public static IReadOnlyList<string> MemberCodes(string text)
    {
        var t = text.Trim();
        if (t.StartsWith("REL TO", StringComparison.OrdinalIgnoreCase))
        {
            t = t[6..];
        }

        return t.Split([',', ';', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.ToUpperInvariant())
            .ToList();
    }

    /// <summary>A major-unit amount as exports write it: invariant, a point before the currency's minor digits, no grouping.</summary>
    public static string FormatMajor(long minor, string currency)
    {
        var digits = Iso4217.IsKnown(currency) ? Iso4217.MinorDigits(currency) : 2;
        return Iso4217.ToMajor(minor, Iso4217.IsKnown(currency) ? currency : "EUR").ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    public static string Shorten(string? text) => PlainText.Shorten(text, 24);

    private static string Unreadable(string text) =>
        $"'{Shorten(text)}' is not a number as the layout writes them: digits, commas between thousands, a point before decimals (1,600,000,000.00), in the currency's major unit.";

    private static FrozenDictionary<string, T> Lookup<T>(Func<T, string> display, Dictionary<string, T> extra)
        where T : struct, Enum
    {
        var map = new Dictionary<string, T>(extra, StringComparer.Ordinal);
        foreach (var value in Enum.GetValues<T>())
        {
            map[PledgeColumns.Key(value.ToString())] = value;
            map[PledgeColumns.Key(EnumText.ToText(value))] = value;
            map[PledgeColumns.Key(display(value))] = value;
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
