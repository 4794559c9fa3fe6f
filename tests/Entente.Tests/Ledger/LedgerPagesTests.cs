using System.Net;
using System.Text.RegularExpressions;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Registry;

namespace Entente.Tests.Ledger;

public abstract class LedgerPagesTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static readonly object ConfidentialRelGbr = new { classification = "CONFIDENTIAL", releasableTo = new[] { "GBR", "CSEC" } };

    private static async Task<string> HtmlAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var html = await response.Content.ReadAsStringAsync(RegistryTestClient.Ct);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}");

        // Text as a reader sees it: the renderer writes € and · as character references.
        return WebUtility.HtmlDecode(html);
    }

    /// <summary>A word no other test uses, to find this test's pledges with the text filter.</summary>
    private static string Marker() => "Zx" + Guid.NewGuid().ToString("N")[..10];

    private static async Task<Guid> RecordAsync(
        HttpClient client, string donor, string measure, long amount, string currency = "EUR", object? label = null, string type = "drones", string announcedOn = "2025-06-02")
    {
        var response = await client.PostJsonAsync("/api/v1/pledges", new
        {
            donor,
            announcedOn,
            measure,
            type,
            amount,
            currency,
            valuation = "donorStated",
            channel = "bilateral",
            sources = new[] { new { publisher = "Ministry of Defence", publishedOn = announcedOn, url = "https://example.org/release" } },
            label = label ?? RegistryTestClient.PublicLabel,
        });
        var created = await response.JsonAsync(HttpStatusCode.Created);
        return created.GetProperty("pledge").GetProperty("id").GetGuid();
    }

    private static async Task StepAsync(HttpClient client, Guid id, string stage, string on, long? amount = null) =>
        await (await client.PostJsonAsync($"/api/v1/pledges/{id}/transitions", new
        {
            stage,
            on,
            amount,
            source = new { publisher = "Ministry of Defence", publishedOn = on },
        })).JsonAsync(HttpStatusCode.Created);

    [Fact]
    public async Task A_member_without_release_finds_no_trace_of_a_CONFIDENTIAL_REL_GBR_pledge_in_the_list_or_its_totals()
    {
        using var secretariat = await app.SecretariatAsync();
        var marker = Marker();
        await RecordAsync(secretariat, "GBR", $"{marker} drones for everyone", 1_000_000_00);
        await RecordAsync(secretariat, "GBR", $"{marker} strike support for GBR eyes", 5_000_000_00, "GBP", ConfidentialRelGbr);

        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Secret);
        var polView = await HtmlAsync(await pol.GetPathAsync($"/ledger?q={marker}"), HttpStatusCode.OK);
        Assert.Contains($"{marker} drones for everyone", polView, StringComparison.Ordinal);
        Assert.DoesNotContain("strike support for GBR eyes", polView, StringComparison.Ordinal);
        Assert.Contains("1 pledge match the filters", polView, StringComparison.Ordinal);
        Assert.Matches("<span class=\"stat\"[^>]*>€1 m</span>\\s*<span class=\"stat-label\"[^>]*>announced", polView);

        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var gbrView = await HtmlAsync(await gbr.GetPathAsync($"/ledger?q={marker}"), HttpStatusCode.OK);
        Assert.Contains("strike support for GBR eyes", gbrView, StringComparison.Ordinal);
        Assert.Contains("2 pledges match the filters", gbrView, StringComparison.Ordinal);
        Assert.Contains("REL TO CSEC, GBR", gbrView, StringComparison.Ordinal);
        Assert.DoesNotMatch("<span class=\"stat\"[^>]*>€1 m</span>\\s*<span class=\"stat-label\"[^>]*>announced", gbrView);
        Assert.Contains($"/api/v1/ledger/export?q={marker}&format=csv", gbrView, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ledger_filters_sorts_and_pages_from_the_query_string_and_names_what_it_ignored()
    {
        using var secretariat = await app.SecretariatAsync();
        var marker = Marker();
        for (var i = 1; i <= 27; i++)
        {
            await RecordAsync(secretariat, "FRA", $"{marker} tranche {i:00}", i * 1_000_000_00L);
        }

        await RecordAsync(secretariat, "FRA", $"{marker} field hospital", 9_000_000_00, type: "medical");

        var byValue = await HtmlAsync(await secretariat.GetPathAsync($"/ledger?q={marker}&type=drones&sort=value&desc=true"), HttpStatusCode.OK);
        Assert.Contains("27 pledges match the filters · page 1 of 2", byValue, StringComparison.Ordinal);
        Assert.DoesNotContain("field hospital", byValue, StringComparison.Ordinal);
        Assert.Contains("aria-sort=\"descending\"", byValue, StringComparison.Ordinal);
        Assert.True(byValue.IndexOf($"{marker} tranche 27", StringComparison.Ordinal) < byValue.IndexOf($"{marker} tranche 26", StringComparison.Ordinal));
        Assert.Contains("rel=\"next\"", byValue, StringComparison.Ordinal);

        var second = await HtmlAsync(await secretariat.GetPathAsync($"/ledger?q={marker}&type=drones&sort=value&desc=true&page=2"), HttpStatusCode.OK);
        Assert.Contains($"{marker} tranche 01", second, StringComparison.Ordinal);
        Assert.DoesNotContain($"{marker} tranche 27", second, StringComparison.Ordinal);

        var stale = await HtmlAsync(await secretariat.GetPathAsync($"/ledger?q={marker}&category=weapons"), HttpStatusCode.OK);
        Assert.Contains("Unknown category", stale, StringComparison.Ordinal);
        Assert.Contains("28 pledges match the filters", stale, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pledge_page_shows_the_timeline_sources_and_versions_and_is_not_found_for_a_member_without_release()
    {
        using var secretariat = await app.SecretariatAsync();
        var marker = Marker();
        var open = await RecordAsync(secretariat, "GBR", $"{marker} air defence missiles", 1_600_000_000_00, "GBP", type: "airDefence");
        await StepAsync(secretariat, open, "committed", "2025-06-10");
        await StepAsync(secretariat, open, "allocated", "2025-06-20", 800_000_000_00);
        await StepAsync(secretariat, open, "delivered", "2025-07-01", 300_000_000_00);

        var page = await HtmlAsync(await secretariat.GetPathAsync($"/ledger/pledges/{open}"), HttpStatusCode.OK);
        Assert.Contains("1,600,000,000.00 GBP", page, StringComparison.Ordinal);
        Assert.Contains("300,000,000.00 GBP", page, StringComparison.Ordinal);
        Assert.Matches("Delivered</span>\\s*<time datetime=\"2025-07-01\"", page);
        Assert.Contains("href=\"https://example.org/release\"", page, StringComparison.Ordinal);
        Assert.Contains("Version 4", page, StringComparison.Ordinal);
        Assert.Contains("Partly delivered", page, StringComparison.Ordinal);
        Assert.Contains("Record the next step", page, StringComparison.Ordinal);

        var hidden = await RecordAsync(secretariat, "GBR", $"{marker} classified support", 10_000_00, "GBP", ConfidentialRelGbr);
        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Secret);
        var notFound = await HtmlAsync(await pol.GetPathAsync($"/ledger/pledges/{hidden}"), HttpStatusCode.NotFound);
        Assert.DoesNotContain("classified support", notFound, StringComparison.Ordinal);
        var polOpen = await HtmlAsync(await pol.GetPathAsync($"/ledger/pledges/{open}"), HttpStatusCode.OK);
        Assert.DoesNotContain("Record the next step", polOpen, StringComparison.Ordinal);

        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var shown = await HtmlAsync(await gbr.GetPathAsync($"/ledger/pledges/{hidden}"), HttpStatusCode.OK);
        Assert.Contains("class=\"label-banner", shown, StringComparison.Ordinal);
        Assert.Contains("CONFIDENTIAL", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_donor_page_totals_only_what_the_reader_may_see_with_a_share_of_GDP_for_the_chosen_year()
    {
        using var secretariat = await app.SecretariatAsync();
        var marker = Marker();
        await RecordAsync(secretariat, "GBR", $"{marker} confidential tranche", 7_000_000_00, "GBP", ConfidentialRelGbr);
        var pub = await RecordAsync(secretariat, "GBR", $"{marker} public tranche", 2_000_000_00, "GBP");
        await StepAsync(secretariat, pub, "committed", "2025-06-05");

        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Secret);
        var polView = await HtmlAsync(await pol.GetPathAsync("/ledger/donors/GBR?gdpYear=2022"), HttpStatusCode.OK);
        Assert.Contains("United Kingdom: support", polView, StringComparison.Ordinal);
        Assert.Contains($"{marker} public tranche", polView, StringComparison.Ordinal);
        Assert.DoesNotContain("confidential tranche", polView, StringComparison.Ordinal);
        Assert.Contains("<option value=\"2022\" selected", polView, StringComparison.Ordinal);
        Assert.Contains("of its 2022 GDP committed", polView, StringComparison.Ordinal);
        Assert.Contains("GDP 2022", polView, StringComparison.Ordinal);

        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var gbrView = await HtmlAsync(await gbr.GetPathAsync("/ledger/donors/GBR"), HttpStatusCode.OK);
        Assert.Contains("confidential tranche", gbrView, StringComparison.Ordinal);

        await HtmlAsync(await pol.GetPathAsync("/ledger/donors/NOPE"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_public_page_shows_anyone_the_published_figures_and_nothing_restricted()
    {
        using var secretariat = await app.SecretariatAsync();
        var openDonor = await secretariat.RegisterOrganisationAsync("Openly Giving Fund");
        var quietDonor = await secretariat.RegisterOrganisationAsync("Quietly Giving Fund");
        await RecordAsync(secretariat, openDonor, "Published grant", 3_000_000_00, type: "grant");
        await RecordAsync(secretariat, quietDonor, "Restricted grant", 4_000_000_00, label: ConfidentialRelGbr, type: "grant");
        await RecordAsync(secretariat, quietDonor, "Amber grant", 4_000_000_00, label: new { classification = "PUBLIC", tlp = "Amber" }, type: "grant");

        using var anonymous = app.Anonymous();
        var html = await HtmlAsync(await anonymous.GetPathAsync("/ledger/public"), HttpStatusCode.OK);
        Assert.Contains("Openly Giving Fund", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Quietly Giving Fund", html, StringComparison.Ordinal);
        Assert.DoesNotContain(quietDonor, html, StringComparison.Ordinal);
        Assert.Contains("data-chart=\"hbar\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/public\"", html, StringComparison.Ordinal);

        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Secret);
        var signedIn = await HtmlAsync(await gbr.GetPathAsync("/ledger/public"), HttpStatusCode.OK);
        Assert.DoesNotContain(quietDonor, signedIn, StringComparison.Ordinal);

        var coalition = await HtmlAsync(await anonymous.GetPathAsync("/public"), HttpStatusCode.OK);
        Assert.Contains("href=\"/ledger/public\"", coalition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_charts_page_draws_from_tables_that_hold_the_figures_without_script()
    {
        using var secretariat = await app.SecretariatAsync();
        var marker = Marker();
        await RecordAsync(secretariat, "DEU", $"{marker} air defence", 1_900_000_000_00, type: "airDefence", announcedOn: "2025-06-11");

        var html = await HtmlAsync(await secretariat.GetPathAsync($"/ledger/charts?q={marker}&period=month"), HttpStatusCode.OK);
        Assert.Contains("Committed and delivered, by month of announcement", html, StringComparison.Ordinal);
        Assert.Matches("<th scope=\"row\"[^>]*>2025-06</th>", html);
        Assert.Contains("data-value=\"1900000000.00\"", html, StringComparison.Ordinal);
        Assert.Matches("data-library=\"/?lib/chart\\.js/chart\\.umd\\.min[^\"]*\\.js\"", html);
    }

    [Fact]
    public async Task A_pledge_recorded_through_the_form_reads_amounts_in_major_units_and_keeps_what_was_typed_when_refused()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var marker = Marker();
        (string, string)[] Fields(string amount) =>
        [
            ("Input.Donor", "GBR"), ("Input.Kind", "Aid"), ("Input.AnnouncedOn", "2025-06-03"), ("Input.Measure", $"{marker} missiles"),
            ("Input.Type", "AirDefence"), ("Input.Channel", "Bilateral"), ("Input.Valuation", "DonorStated"),
            ("Input.Amount", amount), ("Input.Currency", "GBP"),
            ("Input.Sources[0].Publisher", "Prime Minister's Office"), ("Input.Sources[0].PublishedOn", "2025-06-03"),
            ("Input.Label.Classification", "PUBLIC"),
        ];

        var refused = await HtmlAsync(await PageForms.PostFormAsync(gbr, "/ledger/pledges/new", "pledge", Fields("1,600,000,000.005")), HttpStatusCode.OK);
        Assert.Contains("GBP has 2 decimal places at most.", refused, StringComparison.Ordinal);
        Assert.Contains("value=\"1,600,000,000.005\"", refused, StringComparison.Ordinal);
        Assert.Contains($"value=\"{marker} missiles\"", refused, StringComparison.Ordinal);

        var noSource = await HtmlAsync(await PageForms.PostFormAsync(gbr, "/ledger/pledges/new", "pledge",
            [.. Fields("10").Where(f => !f.Item1.StartsWith("Input.Sources", StringComparison.Ordinal))]), HttpStatusCode.OK);
        Assert.Contains("Cite at least one source", noSource, StringComparison.Ordinal);

        var accepted = await PageForms.PostFormAsync(gbr, "/ledger/pledges/new", "pledge", Fields("1,600,000,000.00"));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var location = accepted.Headers.Location?.ToString() ?? "";
        Assert.EndsWith("?done=recorded", location, StringComparison.Ordinal);
        var id = Regex.Match(location, "/ledger/pledges/([0-9a-f-]{36})").Groups[1].Value;
        var pledge = await (await gbr.GetPathAsync($"/api/v1/pledges/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(160_000_000_000, pledge.GetProperty("pledge").GetProperty("amount").GetInt64());
        Assert.Equal("GBR", pledge.GetProperty("pledge").GetProperty("label").Str("originator"));

        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Secret);
        var polForm = await HtmlAsync(await pol.GetPathAsync("/ledger/pledges/new"), HttpStatusCode.OK);
        Assert.DoesNotContain("<option value=\"GBR\"", polForm, StringComparison.Ordinal);
        await HtmlAsync(await pol.GetPathAsync($"/ledger/pledges/{id}/revise"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Steps_recorded_through_the_form_name_the_field_at_fault_and_a_stale_revision_is_refused_readably()
    {
        using var secretariat = await app.SecretariatAsync();
        var marker = Marker();
        var id = await RecordAsync(secretariat, "FRA", $"{marker} shells", 100_000_000_00, type: "artilleryAmmunition");
        var path = $"/ledger/pledges/{id}";

        var committed = await PageForms.PostFormAsync(secretariat, path, "record-step",
            ("Step.Stage", "Committed"), ("Step.On", "2025-06-04"), ("Step.Source.Publisher", "Ministère des Armées"), ("Step.Source.PublishedOn", "2025-06-04"));
        Assert.Equal(HttpStatusCode.Redirect, committed.StatusCode);
        await StepAsync(secretariat, id, "allocated", "2025-06-05", 40_000_000_00);

        var tooMuch = await HtmlAsync(await PageForms.PostFormAsync(secretariat, path, "record-step",
            ("Step.Stage", "Delivered"), ("Step.On", "2025-06-06"), ("Step.Amount", "50,000,000.00"),
            ("Step.Source.Publisher", "Ministère des Armées"), ("Step.Source.PublishedOn", "2025-06-06")), HttpStatusCode.OK);
        Assert.Matches("The delivery is larger than what was allocated and not yet delivered \\(40,000,000.00 EUR\\)", tooMuch);
        Assert.Contains("value=\"50,000,000.00\"", tooMuch, StringComparison.Ordinal);

        var delivered = await PageForms.PostFormAsync(secretariat, path, "record-step",
            ("Step.Stage", "Delivered"), ("Step.On", "2025-06-06"), ("Step.Amount", "30,000,000"),
            ("Step.Source.Publisher", "Ministère des Armées"), ("Step.Source.PublishedOn", "2025-06-06"));
        Assert.Equal(HttpStatusCode.Redirect, delivered.StatusCode);
        var page = await HtmlAsync(await secretariat.GetPathAsync(path + "?done=step"), HttpStatusCode.OK);
        Assert.Contains("The step was recorded.", page, StringComparison.Ordinal);
        Assert.Contains("30,000,000.00 EUR", page, StringComparison.Ordinal);

        // The form was opened at version 4; another change lands before it is saved.
        var revisePath = $"{path}/revise";
        var form = await HtmlAsync(await secretariat.GetPathAsync(revisePath), HttpStatusCode.OK);
        Assert.Contains("name=\"Input.ExpectedVersion\" value=\"4\"", form, StringComparison.Ordinal);
        await StepAsync(secretariat, id, "delivered", "2025-06-07", 1_000_000_00);
        var stale = await HtmlAsync(await PageForms.PostFormAsync(secretariat, revisePath, "pledge",
            ("Input.ExpectedVersion", "4"), ("Input.Donor", "FRA"), ("Input.Kind", "Aid"), ("Input.AnnouncedOn", "2025-06-02"),
            ("Input.Measure", $"{marker} shells, corrected"), ("Input.Type", "ArtilleryAmmunition"), ("Input.Channel", "Bilateral"),
            ("Input.Valuation", "DonorStated"), ("Input.Amount", "100,000,000.00"), ("Input.Currency", "EUR"),
            ("Input.Sources[0].Publisher", "Ministère des Armées"), ("Input.Sources[0].PublishedOn", "2025-06-02"),
            ("Input.Label.Classification", "PUBLIC"), ("Input.Reason", "Corrected name")), HttpStatusCode.OK);
        Assert.Contains("The pledge was changed by someone else (it is now at version 5)", stale, StringComparison.Ordinal);
        Assert.Contains($"value=\"{marker} shells, corrected\"", stale, StringComparison.Ordinal);

        var revised = await PageForms.PostFormAsync(secretariat, revisePath, "pledge",
            ("Input.ExpectedVersion", "5"), ("Input.Donor", "FRA"), ("Input.Kind", "Aid"), ("Input.AnnouncedOn", "2025-06-02"),
            ("Input.Measure", $"{marker} shells, corrected"), ("Input.Type", "ArtilleryAmmunition"), ("Input.Channel", "Bilateral"),
            ("Input.Valuation", "DonorStated"), ("Input.Amount", "100,000,000.00"), ("Input.Currency", "EUR"),
            ("Input.Sources[0].Publisher", "Ministère des Armées"), ("Input.Sources[0].PublishedOn", "2025-06-02"),
            ("Input.Label.Classification", "PUBLIC"), ("Input.Reason", "Corrected name"));
        Assert.Equal(HttpStatusCode.Redirect, revised.StatusCode);
        var history = await HtmlAsync(await secretariat.GetPathAsync(path), HttpStatusCode.OK);
        Assert.Contains("Why: Corrected name", history, StringComparison.Ordinal);
        Assert.Contains("Version 6", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_the_ledger_but_not_from_its_public_page()
    {
        using var anonymous = app.Anonymous();
        foreach (var path in new[] { "/ledger", "/ledger/charts", "/ledger/donors/GBR", "/ledger/pledges/new" })
        {
            var response = await anonymous.GetPathAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/sign-in", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetPathAsync("/ledger/public")).StatusCode);
    }
}

public sealed class LedgerPagesTestsOnSqlite(SqliteApp app) : LedgerPagesTests<SqliteApp>(app);

public sealed class LedgerPagesTestsOnPostgres(PostgresApp app) : LedgerPagesTests<PostgresApp>(app);
