using System.Net;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Registry;

namespace Entente.Tests.Ledger;

public abstract class LedgerAggregatesApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    [Fact]
    public async Task Totals_by_donor_show_delivery_ratio_delay_rank_and_share_of_GDP()
    {
        using var secretariat = await app.SecretariatAsync();
        var big = (await secretariat.RecordAsync(LedgerTestKit.Pledge("EST", with: new Dictionary<string, object?> { ["currency"] = "EUR", ["amount"] = 400_000_000_00L }))).Id();
        await (await secretariat.StepAsync(big, "committed", "2025-04-01")).JsonAsync(HttpStatusCode.Created);
        await (await secretariat.StepAsync(big, "allocated", "2025-04-01")).JsonAsync(HttpStatusCode.Created);
        await (await secretariat.StepAsync(big, "delivered", "2025-04-21", amount: 100_000_000_00L)).JsonAsync(HttpStatusCode.Created);
        var small = (await secretariat.RecordAsync(LedgerTestKit.Pledge("LVA", with: new Dictionary<string, object?> { ["currency"] = "EUR", ["amount"] = 50_000_000_00L }))).Id();
        await (await secretariat.StepAsync(small, "committed", "2025-04-01")).JsonAsync(HttpStatusCode.Created);

        var body = await (await secretariat.GetPathAsync("/api/v1/ledger/aggregates?groupBy=donor&gdpYear=2023&from=2025-03-03&to=2025-03-03")).JsonAsync(HttpStatusCode.OK);
        var rows = body.GetProperty("rows").EnumerateArray().ToDictionary(r => r.Str("key"));
        var est = rows["EST"];
        Assert.Equal(400_000_000_00L, est.GetProperty("committedEurCents").GetInt64());
        Assert.Equal(0.25, est.GetProperty("deliveryRatio").GetDouble());
        Assert.Equal(20.0, est.GetProperty("averageDelayDays").GetDouble());
        Assert.True(est.GetProperty("rank").GetInt32() < rows["LVA"].GetProperty("rank").GetInt32());

        // GDP in euros is the World Bank's dollar figure at the year's average ECB dollar rate.
        var gdp = est.GetProperty("gdpEurCents").GetInt64();
        Assert.InRange(gdp, 30_000_000_000_00L, 45_000_000_000_00L);
        var share = est.GetProperty("shareOfGdp").GetDouble();
        Assert.Equal(Math.Round(400_000_000_00.0 * 100 / gdp, 4), share, 4);
        Assert.Equal("Estonia", est.Str("name"));
    }

    [Fact]
    public async Task Totals_by_month_are_in_calendar_order_and_defence_industrial_measures_are_left_out_unless_asked_for()
    {
        using var secretariat = await app.SecretariatAsync();
        var donor = await secretariat.RegisterOrganisationAsync();
        foreach (var (date, amount) in new[] { ("2025-05-20", 2_000_00L), ("2025-04-02", 1_000_00L), ("2025-05-01", 3_000_00L) })
        {
            await secretariat.RecordAsync(LedgerTestKit.Pledge(donor, with: new Dictionary<string, object?>
            {
                ["announcedOn"] = date, ["currency"] = "EUR", ["amount"] = amount, ["sources"] = new[] { LedgerTestKit.Source(date: date) },
            }));
        }

        await secretariat.RecordAsync(LedgerTestKit.Pledge(donor, with: new Dictionary<string, object?>
        {
            ["kind"] = "defenceIndustrial", ["currency"] = "EUR", ["amount"] = 80_000_000_000_000L, ["type"] = "militaryFunding", ["channel"] = "euInstrument",
        }));

        var months = await (await secretariat.GetPathAsync($"/api/v1/ledger/aggregates?groupBy=month&donor={donor}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["2025-04", "2025-05"], months.GetProperty("rows").EnumerateArray().Select(r => r.Str("key")).ToList());
        Assert.Equal(5_000_00L, months.GetProperty("rows")[1].GetProperty("announcedEurCents").GetInt64());
        Assert.Equal(6_000_00L, months.GetProperty("total").GetProperty("announcedEurCents").GetInt64());

        var all = await (await secretariat.GetPathAsync($"/api/v1/ledger/aggregates?groupBy=quarter&kind=all&donor={donor}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(80_000_000_000_000L + 6_000_00L, all.GetProperty("total").GetProperty("announcedEurCents").GetInt64());
        Assert.Contains(all.GetProperty("rows").EnumerateArray(), r => r.Str("key") == "2025-Q2");
    }

    [Theory]
    [InlineData("groupBy=colour", "groupBy")]
    [InlineData("rankBy=shareOfGdp&groupBy=type", "rankBy")]
    [InlineData("type=tanks", "type")]
    [InlineData("from=2025-06-01&to=2025-05-01", "to")]
    [InlineData("gdpYear=1800", "gdpYear")]
    public async Task Bad_aggregate_parameters_answer_400_naming_the_parameter(string query, string field)
    {
        using var client = await app.DelegateAsync("POL", ClassificationLevels.Restricted);
        var problem = await (await client.GetPathAsync("/api/v1/ledger/aggregates?" + query)).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
    }
}

public sealed class LedgerAggregatesApiTestsOnSqlite(SqliteApp app) : LedgerAggregatesApiTests<SqliteApp>(app);

public sealed class LedgerAggregatesApiTestsOnPostgres(PostgresApp app) : LedgerAggregatesApiTests<PostgresApp>(app);
