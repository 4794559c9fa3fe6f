using System.Net;
using System.Text.RegularExpressions;
using Entente.Demo;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Entente.Tests.Forces;

/// <summary>The offer pages driven without script, and the demo offers.</summary>
public abstract partial class OfferPagesTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> HtmlAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}");
        return html;
    }

    [Fact]
    public async Task A_delegate_records_an_offer_through_the_form_and_reads_its_caveats_and_conditions_in_words()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var unit = "Armoured cavalry squadron " + Guid.NewGuid().ToString("N")[..6];
        (string, string)[] Fields(string until) =>
        [
            ("Input.MemberCode", "GBR"), ("Input.Capability", "Armour"), ("Input.UnitType", unit), ("Input.Quantity", "2"),
            ("Input.NoticeToMoveDays", "20"), ("Input.Readiness", "Assessed"), ("Input.AvailableFrom", OfferTestKit.Iso(OfferTestKit.Today.AddDays(30))),
            ("Input.AvailableUntil", until), ("Input.AllowedSectors", "kyiv, centre"), ("Input.RefusedTasks", "patrollingNearLine"),
            ("Input.MaxRulesOfEngagement", "MissionDefence"), ("Input.CommandArrangement", "TacticalControl"), ("Input.NationalApprovalRequired", "true"),
            ("Input.UsBackstop", "true"), ("Input.WithMembers", "FRA"), ("Input.DefaultLabel", "true"),
            ("Input.Label.Classification", "RESTRICTED"),
        ];

        var refused = await HtmlAsync(await PageForms.PostFormAsync(gbr, "/forces/offers/new", "offer-form", Fields(OfferTestKit.Iso(OfferTestKit.Today.AddDays(10)))),
            HttpStatusCode.OK);
        Assert.Contains("must end after it starts", refused, StringComparison.Ordinal);

        var created = await PageForms.PostFormAsync(gbr, "/forces/offers/new", "offer-form", Fields(OfferTestKit.Iso(OfferTestKit.Today.AddDays(300))));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var location = created.Headers.Location!;
        var path = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        Assert.Matches(OfferPath(), path);

        var page = await HtmlAsync(await gbr.GetPathAsync(path), HttpStatusCode.OK);
        Assert.Contains("The offer was recorded.", page, StringComparison.Ordinal);
        Assert.Contains("Only in Centre, Kyiv", page, StringComparison.Ordinal);
        Assert.Contains("No patrolling near the line", page, StringComparison.Ordinal);
        Assert.Contains("National approval before each use", page, StringComparison.Ordinal);
        Assert.Contains("Tactical control (TACON) at most", page, StringComparison.Ordinal);
        Assert.Contains("Only with a United States backstop", page, StringComparison.Ordinal);
        Assert.Contains("Only if FRA takes part", page, StringComparison.Ordinal);
        Assert.Contains("REL TO CSEC, FRA, GBR", page, StringComparison.Ordinal);

        var moved = await PageForms.PostFormAsync(gbr, path.Split('?')[0], "offer-readiness", ("Move.Level", "Ready"), ("Move.ReachedOn", OfferTestKit.Iso(OfferTestKit.Today)));
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);

        var list = await HtmlAsync(await gbr.GetPathAsync("/forces/offers?member=GBR&capability=armour"), HttpStatusCode.OK);
        Assert.Contains(unit, list, StringComparison.Ordinal);
        Assert.Contains("US backstop", list, StringComparison.Ordinal);
        Assert.Contains("With FRA", list, StringComparison.Ordinal);
        Assert.Matches(">3</span>", list);

        // Poland may not see the offer: the detail page answers 404 and the list does not show it.
        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Secret);
        Assert.Equal(HttpStatusCode.NotFound, (await pol.GetPathAsync(path.Split('?')[0])).StatusCode);
        Assert.DoesNotContain(unit, await HtmlAsync(await pol.GetPathAsync("/forces/offers?member=GBR"), HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Contains("/forces/offers", await HtmlAsync(await pol.GetPathAsync("/forces"), HttpStatusCode.OK), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_offers_are_seeded_once_and_most_are_released_only_to_the_co_chairs_and_the_secretariat()
    {
        var reset = await app.RunCliAsync("demo", "reset");
        Assert.True(reset.ExitCode == 0, reset.Error);
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        await gbr.RecordAsync(OfferTestKit.Offer("GBR"));
        var again = await app.RunCliAsync("demo", "reset");
        Assert.True(again.ExitCode == 0, again.Error);

        var expected = DemoOffers.Build(OfferTestKit.Today, DateTime.UtcNow).Count;
        Assert.InRange(expected, 25, 40);
        Assert.Equal(expected, await app.DbAsync(db => db.Offers.IgnoreQueryFilters().CountAsync(Ct)));

        using var secretariat = await app.SecretariatAsync();
        var all = await (await secretariat.GetPathAsync("/api/v1/offers?pageSize=200")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(expected, all.GetProperty("total").GetInt32());
        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Secret);
        var polTotal = (await (await pol.GetPathAsync("/api/v1/offers?pageSize=200")).JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32();
        Assert.InRange(polTotal, 1, expected / 2);
        var turkish = await (await secretariat.GetPathAsync("/api/v1/offers?member=TUR")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("CONFIDENTIAL", turkish.GetProperty("items")[0].GetProperty("label").Str("classification"));
        Assert.Equal(0, (await app.RunCliAsync("audit", "verify")).ExitCode);
    }

    [GeneratedRegex("^/forces/offers/[0-9a-f-]{36}\\?done=recorded$")]
    private static partial Regex OfferPath();
}

public sealed class OfferPagesTestsOnSqlite(SqliteApp app) : OfferPagesTests<SqliteApp>(app);

public sealed class OfferPagesTestsOnPostgres(PostgresApp app) : OfferPagesTests<PostgresApp>(app);
