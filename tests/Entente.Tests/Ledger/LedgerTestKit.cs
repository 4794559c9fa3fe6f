using System.Globalization;
using System.Net;
using System.Text.Json;
using Entente.Tests.Registry;

namespace Entente.Tests.Ledger;

/// <summary>Pledges as API clients send them, and the ECB rates read straight from the file the product ships.</summary>
internal static class LedgerTestKit
{
    public static readonly DateOnly Founded = new(2025, 3, 2);

    public static object Source(string publisher = "Test Gazette", string date = "2025-03-03") =>
        new { url = "https://example.org/news/pledge", publisher, publishedOn = date, quote = "A pledge was announced." };

    /// <summary>A pledge body; override fields with <paramref name="with"/> (a null value removes the field).</summary>
    public static Dictionary<string, object?> Pledge(string donor, object? label = null, IReadOnlyDictionary<string, object?>? with = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["donor"] = donor,
            ["announcedOn"] = "2025-03-03",
            ["measure"] = "Air defence missiles",
            ["type"] = "airDefence",
            ["item"] = "Lightweight multirole missiles",
            ["quantity"] = 5000,
            ["amount"] = 160_000_000_000L,
            ["currency"] = "GBP",
            ["valuation"] = "donorStated",
            ["channel"] = "bilateral",
            ["sources"] = new[] { Source() },
            ["label"] = label ?? RegistryTestClient.PublicLabel,
        };
        foreach (var (key, value) in with ?? new Dictionary<string, object?>())
        {
            if (value is null)
            {
                body.Remove(key);
            }
            else
            {
                body[key] = value;
            }
        }

        return body;
    }

    public static async Task<JsonElement> RecordAsync(this HttpClient client, object pledge) =>
        await (await client.PostJsonAsync("/api/v1/pledges", pledge)).JsonAsync(HttpStatusCode.Created);

    public static Task<HttpResponseMessage> StepAsync(this HttpClient client, string id, string stage, string on, long? amount = null,
        long? quantity = null, string? note = null) =>
        client.PostJsonAsync($"/api/v1/pledges/{id}/transitions",
            new { stage, on, amount, quantity, note, source = Source(date: on) });

    public static string Id(this JsonElement detail) => detail.GetProperty("pledge").Str("id");

    /// <summary>
    /// Euro cents for an amount in minor units, at the ECB rate of the last business day on or before
    /// <paramref name="date"/>, read from the shipped ECB file (not through the product's own conversion code).
    /// </summary>
    public static long EurCents(long minor, string currency, DateOnly date)
    {
        var rate = EcbRate(currency, date);
        return (long)Math.Round(minor / 100m / rate * 100m, MidpointRounding.ToEven);
    }

    public static decimal EcbRate(string currency, DateOnly date)
    {
        var lines = File.ReadAllLines(EcbFile());
        var columns = lines[0].Split(',');
        var column = Array.IndexOf(columns, currency);
        Assert.True(column > 0, $"{currency} is not in the ECB file");
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            var day = DateOnly.ParseExact(cells[0], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (day <= date && cells[column] != "N/A")
            {
                return decimal.Parse(cells[column], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"No {currency} rate before {date}.");
    }

    private static string EcbFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Entente", "Modules", "Ledger", "ReferenceData", "eurofxref-hist.csv");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("The shipped ECB file was not found above the test directory.");
    }
}
