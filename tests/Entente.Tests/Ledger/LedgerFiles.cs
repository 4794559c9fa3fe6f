using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using MiniExcelLibs;
using static Entente.Tests.Registry.RegistryTestClient;

namespace Entente.Tests.Ledger;

/// <summary>Import files as people write them, and the requests that send them.</summary>
internal static class LedgerFiles
{
    public const string Header =
        "donor,announcement date,measure,aid type general,aid type specific,explanation,item,quantity,currency,reported value,source,source publisher,source date,source quote,valuation basis,funding channel,classification,releasable to";

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>A CSV row of the layout; quotes fields that need them.</summary>
    public static string Row(
        string donor = "GBR", string date = "2025-06-23", string measure = "Air defence missiles", string general = "military",
        string specific = "air defence", string explanation = "", string item = "", string quantity = "", string currency = "GBP",
        string value = "1,600,000,000.00", string source = "https://www.gov.uk/government/news/air-defence", string publisher = "",
        string sourceDate = "", string quote = "", string valuation = "", string channel = "bilateral", string classification = "PUBLIC",
        string releasableTo = "") =>
        string.Join(",", new[]
        {
            donor, date, measure, general, specific, explanation, item, quantity, currency, value, source, publisher, sourceDate, quote,
            valuation, channel, classification, releasableTo,
        }.Select(Quote));

    public static byte[] Csv(params string[] rows) => Encoding.UTF8.GetBytes(string.Join("\r\n", [Header, .. rows]) + "\r\n");

    public static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    /// <summary>An XLSX workbook with a header row and typed cells: dates as dates, values as numbers.</summary>
    public static byte[] Xlsx(IEnumerable<Dictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, rows.ToList(), printHeader: true, sheetName: "Pledges", excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    public static Task<HttpResponseMessage> ImportAsync(this HttpClient client, byte[] file, string fileName = "pledges.csv", bool dryRun = false)
    {
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.Ordinal)
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : "text/csv");
        content.Add(part, "file", fileName);
        return client.PostAsync(new Uri("/api/v1/ledger/imports" + (dryRun ? "?dryRun=true" : ""), UriKind.Relative), content, Ct);
    }

    public static Task<HttpClient> GbrDelegateAsync(this EntenteApp app) => app.DelegateAsync("GBR", ClassificationLevels.Confidential);
}
