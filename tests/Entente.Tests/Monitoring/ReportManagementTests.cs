using System.Net;
using System.Text.Json;
using Entente.Infrastructure.Labels;
using Entente.Modules.Monitoring.Contracts;
using Entente.Testing;
using Entente.Tests.Identity;
using Entente.Tests.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace Entente.Tests.Monitoring;

/// <summary>The list of daily reports and the Secretariat's edit page: what each reader sees, and editing before release.</summary>
public abstract class ReportManagementTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task AgreementSinceAsync()
    {
        using var secretariat = await app.SecretariatAsync();
        var code = "CF-" + MonitoringTestKit.Unique().ToUpperInvariant();
        await (await secretariat.PostJsonAsync("/api/v1/agreements", MonitoringTestKit.Agreement(code, DateTimeOffset.UtcNow.AddDays(-20))))
            .JsonAsync(HttpStatusCode.Created);
    }

    /// <summary>Writes the report of the day <paramref name="daysAgo"/> before the last closed one, with one observation in it.</summary>
    private async Task<string> ReportAsync(int daysAgo)
    {
        var (day, cutOff) = await app.AsSystemAsync(sp =>
        {
            var writer = sp.GetRequiredService<DailyReportWriter>();
            var d = writer.LastClosedDay().AddDays(-daysAgo);
            return Task.FromResult((d, writer.CutOff(d)));
        });
        using var monitor = await app.MonitorAsync();
        await monitor.BatchAsync([MonitoringTestKit.Observation("list-" + MonitoringTestKit.Unique(), "1", 48.0, 37.45, cutOff.AddHours(-1))]);
        await app.AsSystemAsync(sp => sp.GetRequiredService<DailyReportWriter>().WriteAsync(day, Ct));
        return day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<string> Days(JsonElement list) => [.. list.EnumerateArray().Select(r => r.Str("day"))];

    /// <summary>A client for the pages as well as the API (pages accept the same API tokens as the API).</summary>
    private Task<HttpClient> SignedInAsync(string role, string member, int clearance) => app.ClientAsync(role, member, clearance);

    [Fact]
    public async Task The_secretariat_edits_a_draft_on_its_page_then_releases_it_and_readers_see_the_edited_text()
    {
        await AgreementSinceAsync();
        var day = await ReportAsync(4);
        using var secretariat = await SignedInAsync("Secretariat", "CSEC", ClassificationLevels.Secret);

        var (list, listHtml) = await AccountForms.GetPageAsync(secretariat, "/monitoring/reports");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains($"/monitoring/reports/{day}/edit", listHtml, StringComparison.Ordinal);
        Assert.Contains("draft", listHtml, StringComparison.Ordinal);

        var editPath = $"/monitoring/reports/{day}/edit";
        var (page, html) = await AccountForms.GetPageAsync(secretariat, editPath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var entryField = System.Text.RegularExpressions.Regex.Match(html, "name=\"(Entry\\.[0-9a-f-]{36})\"").Groups[1].Value;
        var version = System.Text.RegularExpressions.Regex.Match(html, "name=\"ExpectedVersion\" value=\"(\\d+)\"").Groups[1].Value;
        Assert.NotEmpty(entryField);

        // An empty entry text is refused in the page, with the reason, and nothing is stored.
        var (refused, refusedHtml) = await AccountForms.PostAsync(secretariat, editPath, "edit-report",
            new Dictionary<string, string> { ["Summary"] = "Half-finished summary", [entryField] = " ", ["ExpectedVersion"] = version }, AccountForms.TokenOf(html));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("An entry's text is 1 to", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("Half-finished summary", refusedHtml, StringComparison.Ordinal);
        using var api = await app.SecretariatAsync();
        var stored = await (await api.GetPathAsync($"/api/v1/reports/{day}")).JsonAsync(HttpStatusCode.OK);
        Assert.NotEqual("Half-finished summary", stored.Str("summary"));

        var (saved, _) = await AccountForms.PostAsync(secretariat, editPath, "edit-report", new Dictionary<string, string>
        {
            ["Summary"] = "A quiet day: one impact south of the line.",
            [entryField] = "One impact recorded 2 km west of the contact line.",
            ["ExpectedVersion"] = version,
        }, AccountForms.TokenOf(html));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // The release form carries the version the page showed; an edit made meanwhile (here, by the API) stops it.
        var (edited, editedHtml) = await AccountForms.GetPageAsync(secretariat, editPath);
        Assert.Contains("A quiet day: one impact south of the line.", editedHtml, StringComparison.Ordinal);
        var shownVersion = System.Text.RegularExpressions.Regex.Match(editedHtml, "name=\"ExpectedVersion\" value=\"(\\d+)\"").Groups[1].Value;
        await (await api.PutJsonAsync($"/api/v1/reports/{day}", new { summary = "Stale edit", expectedVersion = int.Parse(version, System.Globalization.CultureInfo.InvariantCulture) }))
            .ProblemAsync(HttpStatusCode.Conflict, "/problems/monitoring.report-changed");

        var (released, _) = await AccountForms.PostAsync(secretariat, editPath, "release-report",
            new Dictionary<string, string> { ["ExpectedVersion"] = shownVersion }, AccountForms.TokenOf(editedHtml));
        Assert.Equal(HttpStatusCode.Redirect, released.StatusCode);

        using var fra = await SignedInAsync("Delegate", "FRA", ClassificationLevels.Secret);
        var (read, readHtml) = await AccountForms.GetPageAsync(fra, $"/monitoring/reports/{day}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains("A quiet day: one impact south of the line.", readHtml, StringComparison.Ordinal);
        Assert.Contains("One impact recorded 2 km west of the contact line.", readHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Stale edit", readHtml, StringComparison.Ordinal);
        var (_, fraList) = await AccountForms.GetPageAsync(fra, "/monitoring/reports");
        Assert.Contains($"/monitoring/reports/{day}\"", fraList, StringComparison.Ordinal);
        Assert.DoesNotContain($"/monitoring/reports/{day}/edit", fraList, StringComparison.Ordinal);

        // Released, the edit page shows no form any more.
        var (_, after) = await AccountForms.GetPageAsync(secretariat, editPath);
        Assert.DoesNotContain("name=\"Summary\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_restricted_to_another_member_is_neither_listed_nor_counted_for_a_delegate_or_analyst_without_release()
    {
        await AgreementSinceAsync();
        var open = await ReportAsync(7);
        var forGbr = await ReportAsync(8);
        var gbrDraft = await ReportAsync(9);
        using var secretariat = await app.SecretariatAsync();
        var gbrOnly = new { classification = "RESTRICTED", releasableTo = new[] { "GBR" } };
        await (await secretariat.PutJsonAsync($"/api/v1/reports/{forGbr}", new { label = gbrOnly })).JsonAsync(HttpStatusCode.OK);
        await (await secretariat.PutJsonAsync($"/api/v1/reports/{gbrDraft}", new { label = gbrOnly })).JsonAsync(HttpStatusCode.OK);
        await (await secretariat.PostJsonAsync($"/api/v1/reports/{open}/release", new { })).JsonAsync(HttpStatusCode.OK);
        await (await secretariat.PostJsonAsync($"/api/v1/reports/{forGbr}/release", new { })).JsonAsync(HttpStatusCode.OK);

        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Secret);
        var gbrDays = Days(await (await gbr.GetPathAsync("/api/v1/reports")).JsonAsync(HttpStatusCode.OK));
        Assert.Contains(forGbr, gbrDays);
        Assert.DoesNotContain(gbrDraft, gbrDays);

        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Secret);
        var fraDays = Days(await (await fra.GetPathAsync("/api/v1/reports")).JsonAsync(HttpStatusCode.OK));
        Assert.Contains(open, fraDays);
        Assert.DoesNotContain(forGbr, fraDays);
        Assert.DoesNotContain(gbrDraft, fraDays);
        Assert.Equal(gbrDays.Count - 1, fraDays.Count);

        using var fraPage = await SignedInAsync("Delegate", "FRA", ClassificationLevels.Secret);
        var (_, fraHtml) = await AccountForms.GetPageAsync(fraPage, "/monitoring/reports");
        Assert.Contains($"{fraDays.Count} report", fraHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(forGbr, fraHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(gbrDraft, fraHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await fraPage.GetAsync(new Uri($"/monitoring/reports/{gbrDraft}", UriKind.Relative), Ct)).StatusCode);

        // An analyst sees drafts, but not one restricted to a member it is not: not in the list, not in its counts.
        using var analystPage = await SignedInAsync("Analyst", "FRA", ClassificationLevels.Secret);
        var (_, analystHtml) = await AccountForms.GetPageAsync(analystPage, "/monitoring/reports");
        Assert.DoesNotContain(gbrDraft, analystHtml, StringComparison.Ordinal);
        Assert.Contains("draft", analystHtml, StringComparison.Ordinal);
        using var secretariatPage = await SignedInAsync("Secretariat", "CSEC", ClassificationLevels.Secret);
        var (_, staffHtml) = await AccountForms.GetPageAsync(secretariatPage, "/monitoring/reports");
        Assert.Contains(gbrDraft, staffHtml, StringComparison.Ordinal);
    }
}

public sealed class ReportManagementTestsOnSqlite(SqliteApp app) : ReportManagementTests<SqliteApp>(app);

public sealed class ReportManagementTestsOnPostgres(PostgresApp app) : ReportManagementTests<PostgresApp>(app);
