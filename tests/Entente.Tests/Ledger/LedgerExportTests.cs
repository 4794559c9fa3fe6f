using System.Net;
using System.Text;
using System.Text.Json;
using Entente.Infrastructure.Labels;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Ledger.Domain;
using Entente.Testing;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static Entente.Tests.Ledger.LedgerFiles;
using static Entente.Tests.Registry.RegistryTestClient;

namespace Entente.Tests.Ledger;

public abstract class LedgerExportTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static async Task<string> CsvAsync(HttpClient client, string query)
    {
        var response = await client.GetPathAsync("/api/v1/ledger/export?format=csv&" + query);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(bytes));
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
    }

    private static async Task<List<IDictionary<string, object?>>> XlsxAsync(HttpClient client, string query)
    {
        var response = await client.GetPathAsync("/api/v1/ledger/export?format=xlsx&" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        return [.. MiniExcel.Query(stream, useHeaderRow: false).Cast<IDictionary<string, object?>>()];
    }

    private static async Task<JsonElement> JsonAsync(HttpClient client, string query) =>
        await (await client.GetPathAsync("/api/v1/ledger/export?format=json&" + query)).JsonAsync(HttpStatusCode.OK);

    /// <summary>A CONFIDENTIAL pledge released to GBR only, recorded by the United Kingdom's delegate; returns its measure.</summary>
    private async Task<string> RecordConfidentialGbrPledgeAsync(string marker)
    {
        using var gbr = await app.GbrDelegateAsync();
        var measure = $"Classified missiles {marker}";
        await (await gbr.ImportAsync(Csv(
            Row(measure: measure, classification: "CONFIDENTIAL", releasableTo: "GBR"),
            Row(measure: $"Public drones {marker}", specific: "drones")))).JsonAsync(HttpStatusCode.Created);
        return measure;
    }

    [Fact]
    public async Task A_member_without_release_cannot_see_count_or_export_a_confidential_pledge_released_to_another()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var classified = await RecordConfidentialGbrPledgeAsync(marker);
        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Secret);
        using var gbr = await app.GbrDelegateAsync();
        var query = $"q={marker}";

        var list = await (await fra.GetPathAsync($"/api/v1/pledges?{query}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        var csv = await CsvAsync(fra, query);
        Assert.DoesNotContain(classified, csv, StringComparison.Ordinal);
        Assert.DoesNotContain("CONFIDENTIAL", csv, StringComparison.Ordinal);
        Assert.StartsWith("PUBLIC · TLP:CLEAR", csv, StringComparison.Ordinal);
        var xlsx = await XlsxAsync(fra, query);
        Assert.Equal(3, xlsx.Count);
        Assert.DoesNotContain(xlsx, r => r.Values.Any(v => v is string s && s.Contains(classified, StringComparison.Ordinal)));
        var json = await JsonAsync(fra, query);
        Assert.Equal(1, json.GetProperty("count").GetInt32());
        Assert.Equal("PUBLIC · TLP:CLEAR", json.Str("marking"));
        Assert.DoesNotContain(json.GetProperty("pledges").EnumerateArray(), p => p.Str("measure") == classified);

        var gbrCsv = await CsvAsync(gbr, query);
        Assert.StartsWith("CONFIDENTIAL · REL TO GBR · TLP:AMBER", gbrCsv, StringComparison.Ordinal);
        Assert.Contains(classified, gbrCsv, StringComparison.Ordinal);
        var gbrJson = await JsonAsync(gbr, query);
        Assert.Equal(2, gbrJson.GetProperty("count").GetInt32());
        var row = gbrJson.GetProperty("pledges").EnumerateArray().Single(p => p.Str("measure") == classified);
        Assert.Equal("CONFIDENTIAL · REL TO GBR · TLP:AMBER", row.GetProperty("label").Str("marking"));
        var gbrXlsx = await XlsxAsync(gbr, query);
        Assert.Equal("CONFIDENTIAL · REL TO GBR · TLP:AMBER", gbrXlsx[0].Values.First());
        Assert.Equal(4, gbrXlsx.Count);

        using var anonymous = app.Anonymous();
        var publicJson = await JsonAsync(anonymous, query);
        Assert.Equal(1, publicJson.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task An_export_is_audited_with_its_filter_and_count_under_the_label_of_what_it_holds()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        await RecordConfidentialGbrPledgeAsync(marker);
        using var gbr = await app.GbrDelegateAsync();

        await CsvAsync(gbr, $"q={marker}&donor=GBR");

        var entry = await app.DbAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.Export).OrderByDescending(e => e.Sequence).FirstAsync());
        Assert.Equal("GBR", entry.ActorMember);
        Assert.Equal(ClassificationLevels.Confidential, entry.Label.Classification);
        Assert.Equal(["GBR"], entry.Label.ReleasableToCodes);
        using var details = JsonDocument.Parse(entry.Details!);
        Assert.Equal(2, details.RootElement.GetProperty("count").GetInt32());
        Assert.Equal("csv", details.RootElement.Str("format"));
        Assert.Equal(marker, details.RootElement.GetProperty("filter").Str("q"));
        var read = await app.DbAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.Read && e.ActorMember == "GBR")
            .OrderByDescending(e => e.Sequence).FirstAsync());
        Assert.Equal(ClassificationLevels.Confidential, read.Label.Classification);
        var verify = await app.RunCliAsync("audit", "verify");
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
    }

    [Fact]
    public async Task A_csv_export_imports_again_into_identical_pledges()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        using var gbr = await app.GbrDelegateAsync();
        await (await gbr.ImportAsync(Csv(
            Row(measure: $"Missiles {marker}", item: "Missiles, \"lightweight\"", quantity: "5000", explanation: "Line one\nline two",
                quote: "=HYPERLINK(\"x\")", classification: "CONFIDENTIAL", releasableTo: "GBR, FRA"),
            Row(measure: $"Drones {marker}", specific: "Drones", currency: "EUR", value: "", valuation: "undisclosed", quantity: "10,000",
                channel: "joint fund", publisher: "Ministry of Defence", sourceDate: "2025-07-01"),
            Row(measure: $"Loan {marker}", general: "financial", specific: "loan", currency: "JPY", value: "471900000000",
                channel: "immobilised assets loan", classification: "RESTRICTED")))).JsonAsync(HttpStatusCode.Created);

        var csv = await CsvAsync(gbr, $"q={marker}");
        await (await gbr.ImportAsync(Encoding.UTF8.GetBytes(csv), "export.csv")).JsonAsync(HttpStatusCode.Created);

        var pledges = await app.DbAsync(db => db.Pledges.Include(p => p.Sources).Where(p => p.Measure.Contains(marker)).ToListAsync());
        Assert.Equal(6, pledges.Count);
        var pairs = pledges.GroupBy(Fingerprint).ToList();
        Assert.Equal(3, pairs.Count);
        Assert.All(pairs, pair => Assert.Equal(2, pair.Count()));
    }

    private static string Fingerprint(Pledge p) => JsonSerializer.Serialize(new
    {
        p.DonorCode, p.Kind, p.AnnouncedOn, p.Measure, p.Category, p.Type, p.Item, p.Quantity, p.Amount, p.Currency, p.Valuation,
        p.ValueEur, p.Channel, p.Explanation, p.Label, Sources = p.Sources.Select(s => s.Citation),
    });

    [Fact]
    public async Task An_unknown_format_or_filter_gets_a_problem()
    {
        using var anonymous = app.Anonymous();

        await (await anonymous.GetPathAsync("/api/v1/ledger/export?format=pdf")).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        await (await anonymous.GetPathAsync("/api/v1/ledger/export?type=spaceships")).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
    }
}

public sealed class LedgerExportTestsOnSqlite(SqliteApp app) : LedgerExportTests<SqliteApp>(app);

public sealed class LedgerExportTestsOnPostgres(PostgresApp app) : LedgerExportTests<PostgresApp>(app);
