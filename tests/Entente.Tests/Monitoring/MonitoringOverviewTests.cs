using System.Net;
using System.Text.RegularExpressions;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Identity;

namespace Entente.Tests.Monitoring;

public abstract partial class MonitoringOverviewTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    [GeneratedRegex("<td class=\"zones\"><span title=\"([^\"]+)\">([^<]+)</span></td>")]
    private static partial Regex ZoneCell();

    [Fact]
    public async Task The_overview_links_the_reports_and_alerts_and_keeps_long_zone_names_on_one_line_with_the_full_name_in_a_title()
    {
        await app.AgreementAsync();
        using var monitor = await app.MonitorAsync();
        await monitor.BatchAsync([MonitoringTestKit.Observation("zones-" + MonitoringTestKit.Unique(), "1", 48.2, 37.55, DateTimeOffset.UtcNow.AddHours(-1))]);

        using var analyst = await app.ClientAsync("Analyst", "CSEC", ClassificationLevels.Secret);
        var (page, html) = await AccountForms.GetPageAsync(analyst, "/monitoring");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("href=\"/monitoring/reports\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/monitoring/alerts\"", html, StringComparison.Ordinal);
        var cell = ZoneCell().Match(html);
        Assert.True(cell.Success, "the zones sit in a cell that cuts them to one line");
        Assert.Equal(cell.Groups[1].Value, cell.Groups[2].Value);
        Assert.Contains("Eastern artillery withdrawal zone", cell.Groups[1].Value, StringComparison.Ordinal);
    }
}

public sealed class MonitoringOverviewTestsOnSqlite(SqliteApp app) : MonitoringOverviewTests<SqliteApp>(app);

public sealed class MonitoringOverviewTestsOnPostgres(PostgresApp app) : MonitoringOverviewTests<PostgresApp>(app);
