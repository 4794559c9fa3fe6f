using System.Collections.Frozen;
using System.Globalization;

namespace Entente.Modules.Ledger.Contracts;

/// <summary>
/// GDP in current US dollars by country and year (World Bank WDI, shipped with the product), for support as a
/// share of a donor's economy. Members are matched by their ISO 3166-1 alpha-3 code; the European Union by the
/// World Bank's aggregate code EUU.
/// </summary>
public sealed class GdpTable
{
    private static readonly FrozenDictionary<string, string> WorldBankCodes =
        new Dictionary<string, string>(StringComparer.Ordinal) { ["EU"] = "EUU" }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenDictionary<(string Code, int Year), decimal> _usd;

    public GdpTable()
    {
        using var stream = typeof(GdpTable).Assembly.GetManifestResourceStream("Entente.Ledger.gdp-current-usd.csv")
            ?? throw new InvalidOperationException("The GDP data file is missing from the assembly.");
        using var reader = new StreamReader(stream);
        reader.ReadLine(); // Country Name,Country Code,Year,Value
        var values = new Dictionary<(string, int), decimal>();
        while (reader.ReadLine() is { } line)
        {
            // Names may contain commas inside quotes; the last three fields never do.
            var parts = line.Split(',');
            if (parts.Length < 4
                || !int.TryParse(parts[^2], CultureInfo.InvariantCulture, out var year)
                || !decimal.TryParse(parts[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            values[(parts[^3], year)] = value;
        }

        _usd = values.ToFrozenDictionary();
        LatestYear = values.Keys.Max(k => k.Item2);
        FirstYear = values.Keys.Min(k => k.Item2);
    }

    /// <summary>The newest year with data (2023 in the shipped file).</summary>
    public int LatestYear { get; }

    public int FirstYear { get; }

    /// <summary>GDP in US dollars of a member in a year, or null when the World Bank has no figure.</summary>
    public decimal? UsdOf(string memberCode, int year)
    {
        ArgumentNullException.ThrowIfNull(memberCode);
        var code = WorldBankCodes.GetValueOrDefault(memberCode, memberCode);
        return _usd.TryGetValue((code, year), out var value) ? value : null;
    }

    /// <summary>GDP in euros at the year's average ECB rate, or null.</summary>
    public decimal? EurOf(string memberCode, int year, IFxRates rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        var usd = UsdOf(memberCode, year);
        var usdPerEur = rates.AnnualAverage("USD", year);
        return usd is { } u && usdPerEur is { } r ? u / r : null;
    }
}
