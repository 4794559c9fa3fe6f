using System.Net;
using System.Text.Json;
using Entente.Infrastructure.Labels;
using Entente.Modules.Monitoring.Contracts;
using Entente.Testing;
using Entente.Tests.Identity;
using Entente.Tests.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace Entente.Tests.Monitoring;

public abstract class DailyReportTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An agreement in force for the last twenty days, so that past reporting days can be filled.</summary>
    private async Task AgreementSinceAsync()
    {
        using var secretariat = await app.SecretariatAsync();
        var code = "CF-" + MonitoringTestKit.Unique().ToUpperInvariant();
        await (await secretariat.PostJsonAsync("/api/v1/agreements", MonitoringTestKit.Agreement(code, DateTimeOffset.UtcNow.AddDays(-20))))
            .JsonAsync(HttpStatusCode.Created);
    }

    private Task<(DateOnly Day, DateTime CutOff, DateTime PreviousCutOff)> DayAsync(int daysAgo) => app.AsSystemAsync(sp =>
    {
        var writer = sp.GetRequiredService<DailyReportWriter>();
        var day = writer.LastClosedDay().AddDays(-daysAgo);
        return Task.FromResult((day, writer.CutOff(day), writer.CutOff(day.AddDays(-1))));
    });

    private Task<Entente.Modules.Monitoring.Domain.DailyReport?> WriteAsync(DateOnly day) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<DailyReportWriter>().WriteAsync(day, Ct));

    private static IEnumerable<JsonElement> Regions(JsonElement report, string section) =>
        report.GetProperty("regions").EnumerateArray().Where(r => r.Str("section") == section);

    [Fact]
    public async Task The_daily_report_counts_violations_per_region_against_the_previous_day()
    {
        await AgreementSinceAsync();
        var (day, cutOff, previousCutOff) = await DayAsync(10);
        var source = "report-" + MonitoringTestKit.Unique();
        using var monitor = await app.MonitorAsync();
        await monitor.BatchAsync(
        [
            MonitoringTestKit.Observation(source, "prev-1", 48.0, 37.45, previousCutOff.AddHours(-3)),
            MonitoringTestKit.Observation(source, "prev-2", 48.0, 37.46, previousCutOff.AddHours(-2)),
            MonitoringTestKit.Observation(source, "day-1", 48.0, 37.45, cutOff.AddHours(-5)),
            MonitoringTestKit.Observation(source, "day-2", 48.0, 37.46, cutOff.AddHours(-4)),
            MonitoringTestKit.Observation(source, "day-3", 48.0, 37.47, cutOff.AddHours(-3)),
            MonitoringTestKit.Observation(source, "day-guns", 48.3, 37.70, cutOff.AddHours(-2), type: "weaponInWithdrawalZone", weapon: "artillery"),
            MonitoringTestKit.Observation(source, "after-cut-off", 48.0, 37.45, cutOff.AddMinutes(30)),
        ]);
        await WriteAsync(day.AddDays(-1));
        await WriteAsync(day);

        using var secretariat = await app.SecretariatAsync();
        var report = await (await secretariat.GetPathAsync($"/api/v1/reports/{day:yyyy-MM-dd}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("draft", report.Str("status"));
        var donetsk = Assert.Single(Regions(report, "ceasefireViolations"));
        Assert.Equal("Donetsk Oblast", donetsk.Str("region"));
        Assert.Equal(3, donetsk.GetProperty("count").GetInt32());
        Assert.Equal(2, donetsk.GetProperty("previous").GetInt32());
        var weapons = Assert.Single(Regions(report, "weaponsInViolation"));
        Assert.Equal(1, weapons.GetProperty("count").GetInt32());
        Assert.Equal(0, weapons.GetProperty("previous").GetInt32());
        Assert.Contains(report.GetProperty("entries").EnumerateArray(), e => e.Str("text").Contains("Artillery", StringComparison.Ordinal));

        var pdf = await secretariat.GetPathAsync($"/api/v1/reports/{day:yyyy-MM-dd}/pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync(Ct))[..4], StringComparison.Ordinal);

        // Writing the same day again (a restarted job, another instance) changes nothing.
        await WriteAsync(day);
        var again = await (await secretariat.GetPathAsync($"/api/v1/reports/{day:yyyy-MM-dd}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(report.Str("id"), again.Str("id"));
    }

    [Fact]
    public async Task The_secretariat_edits_a_draft_then_releases_it_and_a_released_report_no_longer_changes()
    {
        await AgreementSinceAsync();
        var (day, cutOff, _) = await DayAsync(5);
        using var monitor = await app.MonitorAsync();
        await monitor.BatchAsync([MonitoringTestKit.Observation("edit-" + MonitoringTestKit.Unique(), "1", 48.0, 37.45, cutOff.AddHours(-1))]);
        await WriteAsync(day);
        var path = $"/api/v1/reports/{day:yyyy-MM-dd}";

        using var delegateFra = await app.DelegateAsync("FRA", ClassificationLevels.Secret);
        await (await delegateFra.GetPathAsync(path)).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");

        using var secretariat = await app.SecretariatAsync();
        var draft = await (await secretariat.GetPathAsync(path)).JsonAsync(HttpStatusCode.OK);
        var entry = draft.GetProperty("entries")[0].Str("id");
        var edited = await (await secretariat.PutJsonAsync(path, new
        {
            summary = "The Mission recorded a calm day with one impact near the line.",
            entries = new Dictionary<string, string> { [entry] = "One explosion assessed as an impact, 3 km west of the line." },
        })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("The Mission recorded a calm day with one impact near the line.", edited.Str("summary"));
        Assert.Equal("One explosion assessed as an impact, 3 km west of the line.", edited.GetProperty("entries")[0].Str("text"));

        await (await secretariat.PostJsonAsync($"{path}/release", new { })).JsonAsync(HttpStatusCode.OK);
        var released = await (await delegateFra.GetPathAsync(path)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("released", released.Str("status"));
        Assert.Equal("The Mission recorded a calm day with one impact near the line.", released.Str("summary"));

        await (await secretariat.PutJsonAsync(path, new { summary = "Rewritten" })).ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/monitoring.report-released");
        using var monitorClient = await app.MonitorAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await monitorClient.PutJsonAsync(path, new { summary = "x" })).StatusCode);
    }

    [Fact]
    public async Task The_report_pdf_renders_oblast_and_place_names_written_in_Cyrillic()
    {
        await AgreementSinceAsync();
        var (day, cutOff, _) = await DayAsync(14);
        using var monitor = await app.MonitorAsync();
        await monitor.BatchAsync([MonitoringTestKit.Observation("cyr-" + MonitoringTestKit.Unique(), "1", 48.0, 37.45, cutOff.AddHours(-1))]);
        await WriteAsync(day);
        var path = $"/api/v1/reports/{day:yyyy-MM-dd}";
        using var secretariat = await app.SecretariatAsync();
        var draft = await (await secretariat.GetPathAsync(path)).JsonAsync(HttpStatusCode.OK);
        await (await secretariat.PutJsonAsync(path, new
        {
            summary = "Спокійний день: Донецька область, один вибух біля Авдіївки.",
            entries = new Dictionary<string, string> { [draft.GetProperty("entries")[0].Str("id")] = "Вибух за 3 км на захід від лінії, Покровськ (Donetsk Oblast)." },
        })).JsonAsync(HttpStatusCode.OK);

        var response = await secretariat.GetPathAsync($"{path}/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await response.Content.ReadAsByteArrayAsync(Ct));
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        var words = pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text).ToList();
        static string Squeezed(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
        Assert.Contains(Squeezed("Спокійний день: Донецька область, один вибух біля Авдіївки."), Squeezed(text), StringComparison.Ordinal);
        Assert.Contains(Squeezed("Вибух за 3 км на захід від лінії, Покровськ (Donetsk Oblast)."), Squeezed(text), StringComparison.Ordinal);
        Assert.Contains("Донецька", words);
        Assert.DoesNotContain("?", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_without_release_sees_the_released_report_without_the_entries_it_may_not_read()
    {
        await AgreementSinceAsync();
        var (day, cutOff, _) = await DayAsync(3);
        var source = "rel-" + MonitoringTestKit.Unique();
        using var monitor = await app.MonitorAsync();
        var restricted = MonitoringTestKit.Observation(source, "for-gbr", 48.0, 37.45, cutOff.AddHours(-2), type: "casualties");
        restricted["releasableTo"] = "GBR";
        await monitor.BatchAsync(
        [
            MonitoringTestKit.Observation(source, "for-all", 48.0, 37.46, cutOff.AddHours(-3)),
            restricted,
        ]);
        await WriteAsync(day);
        using var secretariat = await app.SecretariatAsync();
        await (await secretariat.PostJsonAsync($"/api/v1/reports/{day:yyyy-MM-dd}/release", new { })).JsonAsync(HttpStatusCode.OK);

        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Restricted);
        var forGbr = await (await gbr.GetPathAsync($"/api/v1/reports/{day:yyyy-MM-dd}")).JsonAsync(HttpStatusCode.OK);
        Assert.Single(Regions(forGbr, "civilianCasualties"));
        Assert.Contains("GBR", forGbr.GetProperty("marking").Str("marking"), StringComparison.Ordinal);

        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Secret);
        var forFra = await (await fra.GetPathAsync($"/api/v1/reports/{day:yyyy-MM-dd}")).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(Regions(forFra, "civilianCasualties"));
        Assert.DoesNotContain(forFra.GetProperty("entries").EnumerateArray(), e => e.Str("section") == "civilianCasualties");
        Assert.Single(Regions(forFra, "ceasefireViolations"));
        Assert.DoesNotContain("GBR", forFra.GetProperty("marking").Str("marking"), StringComparison.Ordinal);
        var pdf = await fra.GetPathAsync($"/api/v1/reports/{day:yyyy-MM-dd}/pdf");
        var text = string.Join(" ", UglyToad.PdfPig.PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync(Ct)).GetPages().Select(p => p.Text));
        Assert.DoesNotContain("casualties in", text, StringComparison.Ordinal);
        Assert.Contains("Ceasefire violations", text, StringComparison.Ordinal);

        var browser = app.CookieClient();
        await AccountForms.SignInAsync(browser, await app.CreateUserAsync("Delegate", "FRA", ClassificationLevels.Secret));
        var (page, html) = await AccountForms.GetPageAsync(browser, $"/monitoring/reports/{day:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Restrictions of freedom of movement", html, StringComparison.Ordinal);
        Assert.Contains("Donetsk Oblast", html, StringComparison.Ordinal);
        Assert.DoesNotContain("civilian casualties in", html, StringComparison.Ordinal);
    }
}

public sealed class DailyReportTestsOnSqlite(SqliteApp app) : DailyReportTests<SqliteApp>(app);

public sealed class DailyReportTestsOnPostgres(PostgresApp app) : DailyReportTests<PostgresApp>(app);
