using System.Collections.Frozen;
using System.Globalization;
using Entente.Infrastructure.Problems;
using Entente.Modules.Ledger.Domain;

namespace Entente.Modules.Ledger.Contracts;

/// <summary>An ECB reference rate as applied to one date.</summary>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="RateDate">The ECB business day whose rate applies: the date itself or the last one before it.</param>
/// <param name="UnitsPerEur">Units of <paramref name="Currency"/> per euro, as the ECB publishes it.</param>
/// <param name="IsProvisional">
/// True when the date is later than the newest rate known: the newest rate stands in until a newer ECB file is loaded.
/// </param>
public sealed record FxQuote(string Currency, DateOnly RateDate, decimal UnitsPerEur, bool IsProvisional)
{
    /// <summary>An amount in the currency's minor units, in euro cents, rounded half to even.</summary>
    public long ToEurCents(long minor)
    {
        var major = Iso4217.ToMajor(minor, Currency);
        return (long)Math.Round(major / UnitsPerEur * 100m, MidpointRounding.ToEven);
    }
}

/// <summary>ECB euro reference rates: the shipped history plus any newer file loaded with <c>entente fx load</c>.</summary>
public interface IFxRates
{
    /// <summary>The rate that applies on <paramref name="date"/>: that day's, or the last published within a week before it.</summary>
    Result<FxQuote> QuoteOn(string currency, DateOnly date);

    /// <summary>The newest ECB business day with rates.</summary>
    DateOnly LatestDate { get; }

    /// <summary>Average units per euro over a calendar year, or null when the year has no rates.</summary>
    decimal? AnnualAverage(string currency, int year);
}

/// <summary>One day of an ECB file: the rate of each currency quoted that day.</summary>
public sealed record FxDay(DateOnly Date, IReadOnlyDictionary<string, decimal> Rates);

/// <summary>Reads the ECB's <c>eurofxref-hist.csv</c> layout: <c>Date,USD,JPY,...,</c>, newest first, <c>N/A</c> where no rate.</summary>
public static class EcbFile
{
    public static Result<IReadOnlyList<FxDay>> Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine();
        if (header is null || !header.StartsWith("Date,", StringComparison.Ordinal))
        {
            return DomainError.Invalid("file", "This is not an ECB reference-rate file: the first line must start with \"Date,\".");
        }

        var currencies = header.Split(',').Skip(1).Select(c => c.Trim()).ToArray();
        var days = new List<FxDay>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            if (!DateOnly.TryParseExact(cells[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return DomainError.Invalid("file", $"Line {lineNumber}: '{cells[0]}' is not a date (yyyy-mm-dd).");
            }

            var rates = new Dictionary<string, decimal>(StringComparer.Ordinal);
            for (var i = 1; i < cells.Length && i - 1 < currencies.Length; i++)
            {
                var currency = currencies[i - 1];
                var cell = cells[i].Trim();
                if (currency.Length == 0 || cell.Length == 0 || cell == "N/A")
                {
                    continue;
                }

                if (!decimal.TryParse(cell, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate) || rate <= 0)
                {
                    return DomainError.Invalid("file", $"Line {lineNumber}: the {currency} rate '{cell}' is not a positive number.");
                }

                rates[currency] = rate;
            }

            days.Add(new FxDay(date, rates));
        }

        return days;
    }
}

/// <summary>
/// The rates in memory: per currency, dates and rates sorted by date. Built from the shipped file at start and
/// extended with the newer days kept in the database (<see cref="FxRateRefresher"/>).
/// </summary>
public sealed class FxRateTable : IFxRates
{
    /// <summary>How far back the rate of an earlier business day stands in for a weekend or holiday.</summary>
    public const int LookbackDays = 7;

    private volatile Snapshot _current;

    public FxRateTable()
    {
        using var stream = typeof(FxRateTable).Assembly.GetManifestResourceStream("Entente.Ledger.eurofxref-hist.csv")
            ?? throw new InvalidOperationException("The ECB reference-rate file is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var parsed = EcbFile.Parse(reader);
        Shipped = parsed.IsSuccess ? parsed.Value! : throw new InvalidOperationException(parsed.Error!.Detail);
        ShippedLatest = Shipped.Max(d => d.Date);
        _current = Snapshot.Build(Shipped);
    }

    /// <summary>The days of the shipped file.</summary>
    public IReadOnlyList<FxDay> Shipped { get; }

    public DateOnly ShippedLatest { get; }

    public DateOnly LatestDate => _current.Latest;

    /// <summary>Replaces the extra days (from the database) on top of the shipped ones; a day in both takes the extra one.</summary>
    public void Extend(IReadOnlyList<FxDay> extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        if (extra.Count == 0)
        {
            return;
        }

        var byDate = Shipped.ToDictionary(d => d.Date);
        foreach (var day in extra)
        {
            byDate[day.Date] = day;
        }

        _current = Snapshot.Build(byDate.Values);
    }

    public Result<FxQuote> QuoteOn(string currency, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(currency);
        if (currency == "EUR")
        {
            return new FxQuote("EUR", date, 1m, false);
        }

        var snapshot = _current;
        if (!snapshot.Series.TryGetValue(currency, out var series))
        {
            return new DomainError("ledger.no-reference-rate",
                $"The ECB publishes no euro reference rate for {currency}. Record the value in euros or in a currency the ECB quotes, and explain the conversion.",
                ErrorKind.Validation, "currency");
        }

        var index = Array.BinarySearch(series.Dates, date);
        if (index < 0)
        {
            index = ~index - 1;
        }

        if (index < 0)
        {
            return new DomainError("ledger.no-reference-rate",
                $"The ECB has no {currency} rate on or before {date:yyyy-MM-dd}.", ErrorKind.Validation, "currency");
        }

        var rateDate = series.Dates[index];
        var provisional = date > snapshot.Latest;
        if (!provisional && date.DayNumber - rateDate.DayNumber > LookbackDays)
        {
            return new DomainError("ledger.no-reference-rate",
                $"The ECB published no {currency} rate in the week before {date:yyyy-MM-dd} (the last was on {rateDate:yyyy-MM-dd}).",
                ErrorKind.Validation, "currency");
        }

        return new FxQuote(currency, rateDate, series.Rates[index], provisional);
    }

    public decimal? AnnualAverage(string currency, int year)
    {
        if (currency == "EUR")
        {
            return 1m;
        }

        return _current.Annual.TryGetValue((currency, year), out var average) ? average : null;
    }

    private sealed record Series(DateOnly[] Dates, decimal[] Rates);

    private sealed record Snapshot(FrozenDictionary<string, Series> Series, FrozenDictionary<(string, int), decimal> Annual, DateOnly Latest)
    {
        public static Snapshot Build(IEnumerable<FxDay> days)
        {
            var ordered = days.OrderBy(d => d.Date).ToList();
            var series = ordered
                .SelectMany(d => d.Rates.Select(r => (Currency: r.Key, d.Date, Rate: r.Value)))
                .GroupBy(r => r.Currency, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, g => new Series([.. g.Select(r => r.Date)], [.. g.Select(r => r.Rate)]), StringComparer.Ordinal);
            var annual = ordered
                .SelectMany(d => d.Rates.Select(r => (Currency: r.Key, d.Date.Year, Rate: r.Value)))
                .GroupBy(r => (r.Currency, r.Year))
                .ToFrozenDictionary(g => g.Key, g => Math.Round(g.Average(r => r.Rate), 6));
            return new Snapshot(series, annual, ordered.Count == 0 ? DateOnly.MinValue : ordered[^1].Date);
        }
    }
}
