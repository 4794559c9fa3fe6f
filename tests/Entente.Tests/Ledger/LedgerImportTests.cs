using System.Net;
using System.Text;
using System.Text.Json;
using Entente.Modules.Ledger.Contracts;
using Entente.Modules.Ledger.Domain;
using Entente.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Entente.Tests.Ledger.LedgerFiles;
using static Entente.Tests.Registry.RegistryTestClient;

namespace Entente.Tests.Ledger;

public abstract class LedgerImportTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private Task<int> PledgeCountAsync() => app.DbAsync(db => db.Pledges.CountAsync());

    private static List<(int Row, string Column, string Code)> Errors(JsonElement report) =>
        report.GetProperty("results").EnumerateArray()
            .SelectMany(r => r.GetProperty("errors").EnumerateArray().Select(e => (r.GetProperty("row").GetInt32(), e.Str("column"), e.Str("code"))))
            .ToList();

    [Fact]
    public async Task A_dry_run_names_every_row_it_would_reject_with_its_row_and_column_and_stores_nothing()
    {
        using var secretariat = await app.SecretariatAsync();
        var before = await PledgeCountAsync();
        var file = Csv(
            Row(),
            Row(currency: "XYZ", value: "1000"),
            Row(donor: "ZZZ"),
            Row(value: "-5,000.00"),
            Row(currency: "EUR", value: "5,000,000,000,000.00"),
            Row(date: "2025-01-15"),
            Row(date: Day(Today.AddDays(10))),
            Row(source: ""),
            Row(value: "1.600.000,00"));

        var report = await (await secretariat.ImportAsync(file, dryRun: true)).JsonAsync(HttpStatusCode.OK);

        Assert.True(report.GetProperty("dryRun").GetBoolean());
        Assert.False(report.GetProperty("stored").GetBoolean());
        Assert.Equal(9, report.GetProperty("rows").GetInt32());
        Assert.Equal(1, report.GetProperty("accepted").GetInt32());
        Assert.Equal(8, report.GetProperty("rejected").GetInt32());
        var first = report.GetProperty("results")[0];
        Assert.True(first.GetProperty("accepted").GetBoolean());
        Assert.Equal("GBR", first.GetProperty("pledge").Str("donor"));
        Assert.Equal(160_000_000_000, first.GetProperty("pledge").GetProperty("amount").GetInt64());
        Assert.Equal(
            [
                (3, "currency", "ledger.currency-unknown"),
                (4, "donor", "ledger.donor-unknown"),
                (5, "reported value", "validation"),
                (6, "reported value", "ledger.value-implausible"),
                (7, "announcement date", "ledger.date-before-coalition"),
                (8, "announcement date", "ledger.date-in-future"),
                (9, "source", "validation"),
                (10, "reported value", "validation"),
            ],
            Errors(report));
        Assert.Equal(before, await PledgeCountAsync());
    }

    [Fact]
    public async Task A_row_lists_every_cell_it_cannot_read_at_once()
    {
        using var secretariat = await app.SecretariatAsync();
        var file = Csv(Row(date: "23/06/2025", specific: "spaceships", quantity: "12.5", channel: "by carrier pigeon", value: "£1.6bn"));

        var report = await (await secretariat.ImportAsync(file, dryRun: true)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(
            ["announcement date", "aid type specific", "quantity", "reported value", "funding channel"],
            Errors(report).Select(e => e.Column));
        Assert.All(Errors(report), e => Assert.Equal(2, e.Row));
    }

    [Fact]
    public async Task A_file_with_one_bad_row_stores_nothing_and_the_audit_chain_still_verifies()
    {
        using var secretariat = await app.SecretariatAsync();
        var before = await PledgeCountAsync();
        var file = Csv(Row(measure: "Good row one"), Row(measure: "Good row two", currency: "EUR", value: "30000000"), Row(donor: "ZZZ"));

        var problem = await (await secretariat.ImportAsync(file)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/ledger.import-rejected");

        var rows = problem.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(4, Assert.Single(rows).GetProperty("row").GetInt32());
        Assert.Equal("donor", rows[0].GetProperty("errors")[0].Str("column"));
        Assert.Equal(before, await PledgeCountAsync());
        var verify = await app.RunCliAsync("audit", "verify");
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
    }

    [Fact]
    public async Task A_good_file_stores_every_row_with_its_value_in_euros_at_the_ecb_rate_of_its_date()
    {
        using var secretariat = await app.SecretariatAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];
        var file = Csv(
            Row(measure: $"Air defence missiles {marker}", date: "2025-06-23", currency: "GBP", value: "1,600,000,000.00", item: "Lightweight multirole missiles", quantity: "5,000"),
            Row(measure: $"Drone deal {marker}", specific: "Drones", date: "2025-07-10", currency: "EUR", value: "29500000.50", channel: "Joint fund",
                publisher: "Ministry of Defence", sourceDate: "2025-07-11", quote: "nearly £30 million"),
            Row(measure: $"Loan {marker}", general: "financial", specific: "loan", date: "2025-03-10", currency: "JPY", value: "471,900,000,000",
                channel: "Loan backed by immobilised sovereign assets"));
        var before = await PledgeCountAsync();

        var response = await secretariat.ImportAsync(file);
        var report = await response.JsonAsync(HttpStatusCode.Created);

        Assert.True(report.GetProperty("stored").GetBoolean());
        Assert.Equal(before + 3, await PledgeCountAsync());
        var rates = app.Services.GetRequiredService<IFxRates>();
        var stored = await app.DbAsync(db => db.Pledges.Include(p => p.Sources).Where(p => p.Measure.Contains(marker)).ToListAsync());
        var missiles = stored.Single(p => p.Measure.StartsWith("Air", StringComparison.Ordinal));
        Assert.Equal(160_000_000_000, missiles.Amount);
        Assert.Equal(rates.QuoteOn("GBP", new DateOnly(2025, 6, 23)).Value!.ToEurCents(160_000_000_000), missiles.ValueEur);
        Assert.Equal(5000, missiles.Quantity);
        Assert.Equal(ValuationBasis.DonorStated, missiles.Valuation);
        Assert.Equal("gov.uk", missiles.Sources.Single().Citation.Publisher);
        Assert.Equal(new DateOnly(2025, 6, 23), missiles.Sources.Single().Citation.PublishedOn);
        var drones = stored.Single(p => p.Type == AidType.Drones);
        Assert.Equal(2_950_000_050, drones.ValueEur);
        Assert.Equal(FundingChannel.JointFund, drones.Channel);
        Assert.Equal("Ministry of Defence", drones.Sources.Single().Citation.Publisher);
        var loan = stored.Single(p => p.Type == AidType.Loan);
        Assert.Equal(471_900_000_000, loan.Amount);
        Assert.Equal(rates.QuoteOn("JPY", new DateOnly(2025, 3, 10)).Value!.ToEurCents(471_900_000_000), loan.ValueEur);
        Assert.Equal(FundingChannel.ImmobilisedAssetsLoan, loan.Channel);
        var ids = report.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("pledge").GetProperty("id").GetGuid()).ToList();
        Assert.Equal(stored.Select(p => p.Id).Order(), ids.Order());
    }

    [Fact]
    public async Task An_xlsx_workbook_with_typed_cells_imports_like_a_csv_file()
    {
        using var secretariat = await app.SecretariatAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];
        var workbook = Xlsx(
        [
            new()
            {
                ["Donor"] = "GBR", ["Announcement Date"] = new DateTime(2025, 6, 23), ["Measure"] = $"Missiles {marker}",
                ["Type of Aid Specific"] = "Air defence", ["Currency"] = "GBP", ["Reported Value"] = 1_600_000_000m,
                ["Quantity"] = 5000, ["Source"] = "https://www.gov.uk/news", ["Classification"] = "PUBLIC",
            },
            new()
            {
                ["Donor"] = "FRA", ["Announcement Date"] = "2025-05-05", ["Measure"] = $"Training {marker}",
                ["Type of Aid Specific"] = "training", ["Currency"] = "EUR", ["Reported Value"] = "12,000,000.00",
                ["Quantity"] = null, ["Source"] = "https://www.defense.gouv.fr/", ["Classification"] = "restricted",
            },
        ]);

        var report = await (await secretariat.ImportAsync(workbook, "pledges.xlsx")).JsonAsync(HttpStatusCode.Created);

        Assert.Equal("xlsx", report.Str("format"));
        var stored = await app.DbAsync(db => db.Pledges.Where(p => p.Measure.Contains(marker)).OrderBy(p => p.DonorCode).ToListAsync());
        Assert.Equal(["FRA", "GBR"], stored.Select(p => p.DonorCode));
        Assert.Equal(1_200_000_000, stored[0].Amount);
        Assert.Equal(1, stored[0].Label.Classification);
        Assert.Equal(160_000_000_000, stored[1].Amount);
        Assert.Equal(new DateOnly(2025, 6, 23), stored[1].AnnouncedOn);
        Assert.Equal(5000, stored[1].Quantity);
    }

    [Fact]
    public async Task A_delegate_imports_its_own_members_pledges_and_a_row_of_another_donor_is_refused()
    {
        using var gbr = await app.GbrDelegateAsync();
        var before = await PledgeCountAsync();
        var file = Csv(Row(measure: "Own pledge"), Row(donor: "FRA", measure: "Someone else's pledge"));

        var problem = await (await gbr.ImportAsync(file)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/ledger.import-rejected");

        var row = Assert.Single(problem.GetProperty("rows").EnumerateArray());
        Assert.Equal(3, row.GetProperty("row").GetInt32());
        Assert.Equal("ledger.not-your-donor", row.GetProperty("errors")[0].Str("code"));
        Assert.Equal(before, await PledgeCountAsync());
    }

    [Fact]
    public async Task Importing_needs_a_role_that_records_pledges()
    {
        using var analyst = await app.ClientAsync("Analyst", "GBR", 2);
        using var anonymous = app.Anonymous();

        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.ImportAsync(Csv(Row()), dryRun: true)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.ImportAsync(Csv(Row()), dryRun: true)).StatusCode);
    }

    [Fact]
    public async Task A_row_like_one_already_stored_is_flagged_in_the_dry_run()
    {
        using var secretariat = await app.SecretariatAsync();
        var measure = "Repeated " + Guid.NewGuid().ToString("N")[..8];
        await (await secretariat.ImportAsync(Csv(Row(measure: measure)))).JsonAsync(HttpStatusCode.Created);

        var report = await (await secretariat.ImportAsync(Csv(Row(measure: measure), Row(measure: measure)), dryRun: true)).JsonAsync(HttpStatusCode.OK);

        var results = report.GetProperty("results").EnumerateArray().ToList();
        Assert.All(results, r => Assert.True(r.GetProperty("accepted").GetBoolean()));
        Assert.Contains("already holds", results[0].GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains(results[1].GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("as row 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_command_line_checks_a_file_then_stores_it_and_acts_as_a_named_user()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var path = Path.Combine(app.DataDirectory, $"pledges-{marker}.csv");
        await File.WriteAllBytesAsync(path, Csv(Row(measure: $"Missiles {marker}"), Row(donor: "FRA", measure: $"Training {marker}", specific: "training")), Ct);
        var before = await PledgeCountAsync();

        var dryRun = await app.RunCliAsync("import", "pledges", path, "--dry-run");
        Assert.True(dryRun.ExitCode == 0, dryRun.Output + dryRun.Error);
        Assert.Contains("OK (dry run): all 2 rows", dryRun.Output, StringComparison.Ordinal);
        Assert.Equal(before, await PledgeCountAsync());

        var gbr = await app.CreateUserAsync("Delegate", "GBR", 2);
        var asDelegate = await app.RunCliAsync("import", "pledges", path, "--as", gbr.UserName);
        Assert.Equal(2, asDelegate.ExitCode);
        Assert.Contains("row 3, donor: Delegates record", asDelegate.Output, StringComparison.Ordinal);
        Assert.Equal(before, await PledgeCountAsync());

        var stored = await app.RunCliAsync("import", "pledges", path);
        Assert.True(stored.ExitCode == 0, stored.Output + stored.Error);
        Assert.Contains("OK: 2 pledges stored.", stored.Output, StringComparison.Ordinal);
        Assert.Equal(before + 2, await PledgeCountAsync());
        Assert.Equal(1, (await app.RunCliAsync("import", "pledges", path + ".missing")).ExitCode);
    }

    public static TheoryData<string, byte[], HttpStatusCode, string, string> MalformedFiles => new()
    {
        { "a PDF", Encoding.ASCII.GetBytes("%PDF-1.7\n%âãÏÓ\n1 0 obj"), HttpStatusCode.UnsupportedMediaType, "ledger.import-unsupported-format", "PDF" },
        { "an old Excel workbook", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], HttpStatusCode.UnsupportedMediaType, "ledger.import-unsupported-format", ".xls" },
        { "binary data", [1, 2, 0, 0, 5, 6, 7], HttpStatusCode.UnsupportedMediaType, "ledger.import-unsupported-format", "binary" },
        { "a damaged workbook", [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], HttpStatusCode.BadRequest, "ledger.import-unreadable", "damaged" },
        { "Latin-1 text", Encoding.Latin1.GetBytes(Header + "\r\n" + Row(measure: "Aide à l'Ukraine") + "\r\n"), HttpStatusCode.BadRequest, "ledger.import-unreadable", "UTF-8" },
        { "a CSV without a currency column", Encoding.UTF8.GetBytes(Header.Replace(",currency,", ",", StringComparison.Ordinal) + "\r\nGBR,2025-06-23,x\r\n"), HttpStatusCode.BadRequest, "ledger.import-missing-columns", "'currency'" },
        { "text without a header row", Encoding.UTF8.GetBytes("hello,world\r\n1,2\r\n"), HttpStatusCode.BadRequest, "ledger.import-missing-columns", "header row" },
        { "an unclosed quote", Encoding.UTF8.GetBytes(Header + "\r\n" + "GBR,2025-06-23,\"Missiles,military\r\n"), HttpStatusCode.BadRequest, "ledger.import-unreadable", "quote" },
        { "a header and no rows", Encoding.UTF8.GetBytes(Header + "\r\n\r\n"), HttpStatusCode.BadRequest, "ledger.import-empty", "no pledges" },
        { "an empty file", [], HttpStatusCode.BadRequest, "ledger.import-empty", "empty" },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public async Task A_file_that_cannot_be_read_gets_a_problem_saying_why(string what, byte[] file, HttpStatusCode status, string type, string says)
    {
        using var secretariat = await app.SecretariatAsync();

        var problem = await (await secretariat.ImportAsync(file, dryRun: true)).ProblemAsync(status, "/problems/" + type);

        Assert.True(problem.Str("detail").Contains(says, StringComparison.Ordinal), $"{what}: {problem.Str("detail")}");
    }

    [Fact]
    public async Task A_file_with_more_rows_than_the_limit_is_refused_before_any_row_is_checked()
    {
        using var secretariat = await app.SecretariatAsync();
        var row = Row();
        var file = Csv([.. Enumerable.Repeat(row, 10_001)]);

        var problem = await (await secretariat.ImportAsync(file, dryRun: true)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "/problems/ledger.import-too-many-rows");

        Assert.Contains("10,000", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_a_file_is_told_how_to_send_one()
    {
        using var secretariat = await app.SecretariatAsync();

        var response = await secretariat.PostJsonAsync("/api/v1/ledger/imports", new { donor = "GBR" });

        var problem = await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType, "/problems/ledger.import-no-file");
        Assert.Contains("multipart/form-data", problem.Str("detail"), StringComparison.Ordinal);
    }
}

public sealed class LedgerImportTestsOnSqlite(SqliteApp app) : LedgerImportTests<SqliteApp>(app);

public sealed class LedgerImportTestsOnPostgres(PostgresApp app) : LedgerImportTests<PostgresApp>(app);
