using System.Net;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Registry;

namespace Entente.Tests.Ledger;

public abstract class PledgesApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    [Fact]
    public async Task A_delegate_records_its_nations_pledge_valued_in_euros_at_the_ECB_rate_of_the_announcement_date()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var created = await gbr.RecordAsync(LedgerTestKit.Pledge("GBR"));
        var pledge = created.GetProperty("pledge");

        Assert.Equal("GBR", pledge.Str("donor"));
        Assert.Equal("announced", pledge.Str("status"));
        Assert.Equal("military", pledge.Str("category"));
        Assert.Equal(160_000_000_000L, pledge.GetProperty("amount").GetInt64());
        var expected = LedgerTestKit.EurCents(160_000_000_000L, "GBP", new DateOnly(2025, 3, 3));
        Assert.Equal(expected, pledge.GetProperty("valueEurCents").GetInt64());
        Assert.Equal(LedgerTestKit.EcbRate("GBP", new DateOnly(2025, 3, 3)), created.GetProperty("unitsPerEur").GetDecimal());
        Assert.Equal("2025-03-03", created.Str("rateDate"));

        var timeline = created.GetProperty("transitions");
        Assert.Equal(1, timeline.GetArrayLength());
        Assert.Equal("announced", timeline[0].Str("stage"));
        Assert.Equal("Test Gazette", timeline[0].GetProperty("source").Str("publisher"));
        Assert.Equal("https://example.org/news/pledge", created.GetProperty("sources")[0].Str("url"));
    }

    [Fact]
    public async Task A_weekend_announcement_takes_the_rate_of_the_friday_before()
    {
        using var secretariat = await app.SecretariatAsync();
        var created = await secretariat.RecordAsync(LedgerTestKit.Pledge("CAN", with: new Dictionary<string, object?>
        {
            ["announcedOn"] = "2025-03-09", ["currency"] = "CAD", ["amount"] = 20_000_000_000L, ["sources"] = new[] { LedgerTestKit.Source(date: "2025-03-09") },
        }));

        Assert.Equal("2025-03-07", created.Str("rateDate"));
        Assert.Equal(LedgerTestKit.EurCents(20_000_000_000L, "CAD", new DateOnly(2025, 3, 7)), created.GetProperty("pledge").GetProperty("valueEurCents").GetInt64());
    }

    [Fact]
    public async Task A_pledge_moves_through_commitment_allocation_and_partial_deliveries_to_delivered()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var id = (await gbr.RecordAsync(LedgerTestKit.Pledge("GBR", with: new Dictionary<string, object?> { ["amount"] = 1_000_000_00L, ["quantity"] = null }))).Id();

        var committed = await (await gbr.StepAsync(id, "committed", "2025-04-01")).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("committed", committed.GetProperty("pledge").Str("status"));
        Assert.Equal(1_000_000_00L, committed.GetProperty("committedAmount").GetInt64());

        var allocated = await (await gbr.StepAsync(id, "allocated", "2025-05-01", amount: 600_000_00L)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("allocated", allocated.GetProperty("pledge").Str("status"));

        var tooMuch = await (await gbr.StepAsync(id, "delivered", "2025-06-01", amount: 600_000_01L))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/ledger.delivery-exceeds-allocation");
        Assert.Equal("amount", tooMuch.Str("field"));

        var partly = await (await gbr.StepAsync(id, "delivered", "2025-06-01", amount: 250_000_00L)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("partlyDelivered", partly.GetProperty("pledge").Str("status"));
        Assert.Equal(61, partly.GetProperty("deliveryDelayDays").GetInt32());

        await (await gbr.StepAsync(id, "allocated", "2025-06-15")).JsonAsync(HttpStatusCode.Created);
        await (await gbr.StepAsync(id, "delivered", "2025-07-01")).JsonAsync(HttpStatusCode.Created);
        var done = await (await gbr.StepAsync(id, "delivered", "2025-07-02")).ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/ledger.pledge-closed");
        Assert.Contains("delivered", done.Str("detail"), StringComparison.Ordinal);

        var final = await (await gbr.GetPathAsync($"/api/v1/pledges/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("delivered", final.GetProperty("pledge").Str("status"));
        Assert.Equal(1_000_000_00L, final.GetProperty("deliveredAmount").GetInt64());
        var stages = final.GetProperty("transitions").EnumerateArray().Select(t => t.Str("stage")).ToList();
        Assert.Equal(["announced", "committed", "allocated", "delivered", "allocated", "delivered"], stages);

        // Each tranche is valued at the rate of its own date.
        var firstDelivery = final.GetProperty("transitions")[3];
        Assert.Equal(LedgerTestKit.EurCents(250_000_00L, "GBP", new DateOnly(2025, 6, 1)), firstDelivery.GetProperty("amountEurCents").GetInt64());
    }

    [Fact]
    public async Task Steps_out_of_order_are_refused_with_the_rule_that_was_broken()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var id = (await gbr.RecordAsync(LedgerTestKit.Pledge("GBR"))).Id();

        await (await gbr.StepAsync(id, "delivered", "2025-04-01")).ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/ledger.transition-out-of-order");
        await (await gbr.StepAsync(id, "allocated", "2025-04-01")).ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/ledger.transition-out-of-order");
        await (await gbr.StepAsync(id, "committed", "2025-04-10")).JsonAsync(HttpStatusCode.Created);
        var backdated = await (await gbr.StepAsync(id, "allocated", "2025-04-09")).ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/ledger.transition-out-of-order");
        Assert.Equal("on", backdated.Str("field"));
        await (await gbr.StepAsync(id, "committed", "2025-04-11")).ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/ledger.transition-out-of-order");
        await (await gbr.StepAsync(id, "cancelled", "2025-04-12")).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");

        var cancelled = await (await gbr.StepAsync(id, "cancelled", "2025-04-12", note: "Contract withdrawn")).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("cancelled", cancelled.GetProperty("pledge").Str("status"));
        await (await gbr.StepAsync(id, "allocated", "2025-04-13")).ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/ledger.pledge-closed");
    }

    public static TheoryData<string, object?, string, string> BadPledges() => new()
    {
        { "currency", "XYZ", "/problems/ledger.currency-unknown", "currency" },
        { "currency", "UAH", "/problems/ledger.no-reference-rate", "currency" },
        { "donor", "ZZZ", "/problems/ledger.donor-unknown", "donor" },
        { "amount", -5L, "/problems/validation", "amount" },
        { "amount", 9_000_000_000_000_000_00L, "/problems/ledger.value-implausible", "amount" },
        { "announcedOn", "2025-03-01", "/problems/ledger.date-before-coalition", "announcedOn" },
        { "announcedOn", "2099-01-01", "/problems/ledger.date-in-future", "announcedOn" },
        { "measure", "  ", "/problems/validation", "measure" },
        { "measure", "<script>alert(1)</script>\u0000", "/problems/validation", "measure" },
    };

    [Theory]
    [MemberData(nameof(BadPledges))]
    public async Task Bad_input_names_the_field_and_stores_nothing(string field, object? value, string type, string expectedField)
    {
        using var secretariat = await app.SecretariatAsync();
        var before = await app.DbAsync(db => Task.FromResult(db.Pledges.Count()));
        var response = await secretariat.PostJsonAsync("/api/v1/pledges", LedgerTestKit.Pledge("GBR", with: new Dictionary<string, object?> { [field] = value }));
        var problem = await response.ProblemAsync(response.StatusCode == HttpStatusCode.UnprocessableEntity ? HttpStatusCode.UnprocessableEntity : HttpStatusCode.BadRequest, type);
        var named = problem.TryGetProperty("field", out var f) ? f.GetString() : problem.GetProperty("errors").EnumerateObject().First().Name;
        Assert.Equal(expectedField, named);
        Assert.Equal(before, await app.DbAsync(db => Task.FromResult(db.Pledges.Count())));
    }

    [Fact]
    public async Task A_pledge_without_a_source_or_with_a_javascript_link_is_refused()
    {
        using var secretariat = await app.SecretariatAsync();
        await (await secretariat.PostJsonAsync("/api/v1/pledges", LedgerTestKit.Pledge("GBR", with: new Dictionary<string, object?> { ["sources"] = Array.Empty<object>() })))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        var script = await (await secretariat.PostJsonAsync("/api/v1/pledges", LedgerTestKit.Pledge("GBR", with: new Dictionary<string, object?>
        {
            ["sources"] = new[] { new { url = "javascript:alert(1)", publisher = "X", publishedOn = "2025-03-03" } },
        }))).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        Assert.Equal("sources[0].url", script.Str("field"));
    }

    [Fact]
    public async Task A_delegate_cannot_record_or_move_another_members_pledge()
    {
        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);
        await (await fra.PostJsonAsync("/api/v1/pledges", LedgerTestKit.Pledge("GBR"))).ProblemAsync(HttpStatusCode.Forbidden, "/problems/ledger.not-your-donor");

        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var id = (await gbr.RecordAsync(LedgerTestKit.Pledge("GBR"))).Id();
        await (await fra.StepAsync(id, "committed", "2025-04-01")).ProblemAsync(HttpStatusCode.Forbidden, "/problems/ledger.not-your-donor");

        using var monitor = await app.ClientAsync("Monitor", "CSEC", ClassificationLevels.Secret);
        var denied = await monitor.PostJsonAsync("/api/v1/pledges", LedgerTestKit.Pledge("GBR"));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task A_revision_keeps_the_previous_version_with_who_and_why_and_refuses_a_stale_edit()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var created = await gbr.RecordAsync(LedgerTestKit.Pledge("GBR"));
        var id = created.Id();

        var revision = LedgerTestKit.Pledge("GBR", with: new Dictionary<string, object?>
        {
            ["amount"] = 170_000_000_000L, ["reason"] = "The donor published the contract value.", ["expectedVersion"] = 1,
        });
        var revised = await (await gbr.PutJsonAsync($"/api/v1/pledges/{id}", revision)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, revised.GetProperty("pledge").GetProperty("version").GetInt32());
        Assert.Equal(170_000_000_000L, revised.GetProperty("pledge").GetProperty("amount").GetInt64());

        var stale = await (await gbr.PutJsonAsync($"/api/v1/pledges/{id}", revision)).ProblemAsync(HttpStatusCode.Conflict, "/problems/ledger.version-conflict");
        Assert.Contains("version 2", stale.Str("detail"), StringComparison.Ordinal);

        var versions = await (await gbr.GetPathAsync($"/api/v1/pledges/{id}/versions")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, versions.GetProperty("total").GetInt32());
        var newest = versions.GetProperty("items")[0];
        Assert.Equal("revised", newest.Str("change"));
        Assert.Equal("The donor published the contract value.", newest.Str("reason"));
        Assert.Equal("GBR", newest.Str("byMember"));
        Assert.Equal(170_000_000_000L, newest.GetProperty("pledge").GetProperty("amount").GetInt64());
        Assert.Equal(160_000_000_000L, versions.GetProperty("items")[1].GetProperty("pledge").GetProperty("amount").GetInt64());

        var noReason = LedgerTestKit.Pledge("GBR", with: new Dictionary<string, object?> { ["expectedVersion"] = 2, ["reason"] = "" });
        await (await gbr.PutJsonAsync($"/api/v1/pledges/{id}", noReason)).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
    }

    [Fact]
    public async Task Tranches_of_a_package_are_counted_once_in_the_aggregates()
    {
        using var secretariat = await app.SecretariatAsync();
        var donor = await secretariat.RegisterOrganisationAsync();
        var package = (await secretariat.RecordAsync(LedgerTestKit.Pledge(donor, with: new Dictionary<string, object?> { ["currency"] = "EUR", ["amount"] = 100_000_00L }))).Id();
        await secretariat.RecordAsync(LedgerTestKit.Pledge(donor, with: new Dictionary<string, object?> { ["currency"] = "EUR", ["amount"] = 60_000_00L, ["parentId"] = package }));
        await secretariat.RecordAsync(LedgerTestKit.Pledge(donor, with: new Dictionary<string, object?> { ["currency"] = "EUR", ["amount"] = 40_000_00L, ["parentId"] = package }));

        var detail = await (await secretariat.GetPathAsync($"/api/v1/pledges/{package}")).JsonAsync(HttpStatusCode.OK);
        Assert.True(detail.GetProperty("pledge").GetProperty("isPackage").GetBoolean());
        Assert.Equal(2, detail.GetProperty("tranches").GetArrayLength());

        var totals = await (await secretariat.GetPathAsync($"/api/v1/ledger/aggregates?donor={donor}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, totals.GetProperty("total").GetProperty("pledges").GetInt32());
        Assert.Equal(100_000_00L, totals.GetProperty("total").GetProperty("announcedEurCents").GetInt64());
    }
}

public sealed class PledgesApiTestsOnSqlite(SqliteApp app) : PledgesApiTests<SqliteApp>(app);

public sealed class PledgesApiTestsOnPostgres(PostgresApp app) : PledgesApiTests<PostgresApp>(app);
