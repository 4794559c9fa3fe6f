using System.Net;
using System.Text.Json;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Entente.Tests.Forces;

public abstract class ConferenceApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static readonly object SecretariatOnly = new { classification = "RESTRICTED", releasableTo = new[] { "CSEC" } };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<int> StoredBidsAsync() => app.DbAsync(db => db.ConferenceBids.IgnoreQueryFilters([EntenteDbContext.LabelFilter]).CountAsync(Ct));

    [Fact]
    public async Task Rounds_open_one_after_the_other_and_a_closed_round_stays_closed()
    {
        using var secretariat = await app.SecretariatAsync();
        var conference = await secretariat.ConveneAsync();
        var line = (await secretariat.AddLineAsync(ConferenceTestKit.LineFromToday(40, 300))).Id();
        var offer = (await secretariat.RecordAsync(OfferTestKit.Offer("GBR"))).Id();

        await (await secretariat.BidAsync(conference, "GBR", offer, line)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/forces.no-open-round");
        var first = await secretariat.OpenRoundAsync(conference);
        Assert.Equal(1, first.GetProperty("number").GetInt32());
        Assert.True(first.GetProperty("isOpen").GetBoolean());
        await (await secretariat.PostJsonAsync($"/api/v1/force-generation/conferences/{conference}/rounds", new { }))
            .ProblemAsync(HttpStatusCode.Conflict, "/problems/forces.round-still-open");

        await secretariat.CloseRoundAsync(conference, 1);
        await (await secretariat.PostJsonAsync($"/api/v1/force-generation/conferences/{conference}/rounds/1/close", new { }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/forces.round-closed");
        await (await secretariat.PostJsonAsync($"/api/v1/force-generation/conferences/{conference}/rounds/7/close", new { }))
            .ProblemAsync(HttpStatusCode.NotFound, "/problems/forces.unknown-round");
        var second = await secretariat.OpenRoundAsync(conference);
        Assert.Equal(2, second.GetProperty("number").GetInt32());

        var view = await secretariat.GetAsync(conference);
        Assert.Equal(2, view.GetProperty("openRound").GetInt32());
        var rounds = view.GetProperty("rounds").EnumerateArray().ToList();
        Assert.Equal([1, 2], rounds.Select(r => r.GetProperty("number").GetInt32()));
        Assert.False(rounds[0].GetProperty("isOpen").GetBoolean());
        Assert.False(string.IsNullOrEmpty(rounds[0].Str("closedBy")));

        // Closing the conference closes its open round; nothing more is recorded in it.
        var closed = await (await secretariat.PostJsonAsync($"/api/v1/force-generation/conferences/{conference}/close", new { })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("closed", closed.Str("status"));
        Assert.All(closed.GetProperty("rounds").EnumerateArray(), r => Assert.False(r.GetProperty("isOpen").GetBoolean()));
        await (await secretariat.BidAsync(conference, "GBR", offer, line)).ProblemAsync(HttpStatusCode.Conflict, "/problems/forces.conference-closed");
    }

    [Fact]
    public async Task Bids_are_confirmed_or_withdrawn_round_by_round_and_the_tally_shows_what_is_bid_confirmed_and_still_short()
    {
        using var secretariat = await app.SecretariatAsync();
        var conference = await secretariat.ConveneAsync();
        var line = (await secretariat.AddLineAsync(ConferenceTestKit.LineFromToday(40, 300, minimum: 2, desired: 3))).Id();
        var gbr = (await secretariat.RecordAsync(OfferTestKit.Offer("GBR"))).Id();
        var fra = (await secretariat.RecordAsync(OfferTestKit.Offer("FRA"))).Id();

        var before = (await secretariat.GetAsync(conference)).TallyOf(line);
        Assert.Equal(2, before.GetProperty("shortfallToMinimum").GetInt32());

        await secretariat.OpenRoundAsync(conference);
        var gbrBid = await secretariat.BidOkAsync(conference, "GBR", gbr, line, 2);
        var fraBid = await secretariat.BidOkAsync(conference, "FRA", fra, line, 1);
        var tally = (await secretariat.GetAsync(conference)).TallyOf(line);
        Assert.Equal(3, tally.GetProperty("bid").GetInt32());
        Assert.Equal(0, tally.GetProperty("confirmed").GetInt32());
        Assert.Equal(2, tally.GetProperty("shortfallToMinimum").GetInt32());

        await secretariat.CloseRoundAsync(conference, 1);
        await secretariat.OpenRoundAsync(conference);
        var confirmed = await secretariat.ConfirmAsync(conference, gbrBid);
        Assert.Equal("confirmed", confirmed.Str("status"));
        Assert.Equal(1, confirmed.GetProperty("round").GetInt32());
        Assert.Equal(2, confirmed.GetProperty("confirmedInRound").GetInt32());
        Assert.False(string.IsNullOrEmpty(confirmed.Str("confirmedBy")));
        await (await secretariat.PostJsonAsync($"/api/v1/force-generation/conferences/{conference}/bids/{gbrBid}/confirm", new { }))
            .ProblemAsync(HttpStatusCode.Conflict, "/problems/forces.bid-not-pending");

        await (await secretariat.PostJsonAsync($"/api/v1/force-generation/conferences/{conference}/bids/{fraBid}/withdraw", new { }))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        var withdrawn = await (await secretariat.PostJsonAsync($"/api/v1/force-generation/conferences/{conference}/bids/{fraBid}/withdraw",
            new { reason = "Parliament has not yet voted." })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("withdrawn", withdrawn.Str("status"));
        Assert.Equal("Parliament has not yet voted.", withdrawn.Str("withdrawalReason"));
        Assert.Equal(2, withdrawn.GetProperty("withdrawnInRound").GetInt32());

        tally = (await secretariat.GetAsync(conference)).TallyOf(line);
        Assert.Equal(0, tally.GetProperty("bid").GetInt32());
        Assert.Equal(2, tally.GetProperty("confirmed").GetInt32());
        Assert.Equal(0, tally.GetProperty("shortfallToMinimum").GetInt32());
        Assert.Equal(1, tally.GetProperty("shortfallToDesired").GetInt32());

        // The withdrawn units are free again: France can bid both of its units now.
        await secretariat.BidOkAsync(conference, "FRA", fra, line, 2);
    }

    [Fact]
    public async Task Every_bad_bid_is_refused_with_a_clear_problem_and_nothing_is_stored()
    {
        using var secretariat = await app.SecretariatAsync();
        var conference = await secretariat.ConveneAsync();
        var line = (await secretariat.AddLineAsync(ConferenceTestKit.LineFromToday(40, 300))).Id();
        var medical = (await secretariat.AddLineAsync(ConferenceTestKit.LineFromToday(40, 300, capability: "medical"))).Id();
        var gbr = (await secretariat.RecordAsync(OfferTestKit.Offer("GBR"))).Id();
        var elsewhere = await secretariat.ConveneAsync();
        await secretariat.OpenRoundAsync(elsewhere);
        await secretariat.BidOkAsync(elsewhere, "GBR", gbr, line, 1);
        await secretariat.OpenRoundAsync(conference);
        await secretariat.CloseRoundAsync(conference, 1);
        await secretariat.OpenRoundAsync(conference);
        var before = await StoredBidsAsync();

        async Task Refused(HttpResponseMessage response, HttpStatusCode status, string type, string says)
        {
            var problem = await response.ProblemAsync(status, type);
            Assert.Contains(says, problem.Str("detail"), StringComparison.Ordinal);
        }

        await Refused(await secretariat.BidAsync(conference, "GBR", gbr, Guid.NewGuid(), 1), HttpStatusCode.BadRequest,
            "/problems/forces.unknown-requirement-line", "no such requirement line");
        await Refused(await secretariat.BidAsync(conference, "GBR", Guid.NewGuid(), line, 1), HttpStatusCode.BadRequest,
            "/problems/forces.unknown-offer", "no such offer");
        await Refused(await secretariat.BidAsync(conference, "FRA", gbr, line, 1), HttpStatusCode.UnprocessableEntity,
            "/problems/forces.bid-offer-of-another-member", "belongs to GBR");
        await Refused(await secretariat.BidAsync(conference, "GBR", gbr, line, 2), HttpStatusCode.UnprocessableEntity,
            "/problems/forces.bid-exceeds-offer", "only 1 are not already bid");
        await Refused(await secretariat.BidAsync(conference, "GBR", gbr, medical, 1), HttpStatusCode.UnprocessableEntity,
            "/problems/forces.bid-capability-mismatch", "asks for medical");
        await Refused(await secretariat.BidAsync(conference, "GBR", gbr, line, 1, round: 1), HttpStatusCode.UnprocessableEntity,
            "/problems/forces.round-closed", "Round 1 is closed");
        await Refused(await secretariat.BidAsync(conference, "GBR", gbr, line, 0), HttpStatusCode.BadRequest,
            "/problems/forces.bid-quantity-out-of-range", "at least one whole unit");
        await Refused(await secretariat.PostJsonAsync($"/api/v1/force-generation/conferences/{conference}/bids/{Guid.NewGuid()}/confirm", new { }),
            HttpStatusCode.NotFound, "/problems/not-found", "bid was not found");

        Assert.Equal(before, await StoredBidsAsync());
        var view = await secretariat.GetAsync(conference);
        Assert.Empty(view.GetProperty("bids").EnumerateArray());

        // The one unit left is still there to bid.
        await secretariat.BidOkAsync(conference, "GBR", gbr, line, 1);
    }

    [Fact]
    public async Task Only_the_secretariat_runs_a_conference_and_a_member_neither_sees_nor_counts_a_bid_on_an_offer_not_released_to_it()
    {
        using var secretariat = await app.SecretariatAsync();
        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Restricted);
        await (await pol.PostJsonAsync("/api/v1/force-generation/conferences", new { title = "Ours", heldOn = OfferTestKit.Iso(OfferTestKit.Today), online = true, label = RegistryTestClient.PublicLabel }))
            .JsonAsync(HttpStatusCode.Forbidden);

        var conference = await secretariat.ConveneAsync();
        var line = (await secretariat.AddLineAsync(ConferenceTestKit.LineFromToday(40, 300, minimum: 3, desired: 4))).Id();
        // France's offer keeps the usual release (co-chairs, Secretariat, France); Germany's is released to every member.
        var fra = (await secretariat.RecordAsync(OfferTestKit.Offer("FRA"))).Id();
        var deu = (await secretariat.RecordAsync(OfferTestKit.Offer("DEU", o => o["label"] = new { classification = "RESTRICTED" }))).Id();
        await secretariat.OpenRoundAsync(conference);
        var fraBid = await secretariat.BidOkAsync(conference, "FRA", fra, line, 2);
        var deuBid = await secretariat.BidOkAsync(conference, "DEU", deu, line, 1);
        await secretariat.ConfirmAsync(conference, fraBid);
        await secretariat.ConfirmAsync(conference, deuBid);

        var full = await secretariat.GetAsync(conference);
        Assert.Equal(3, full.TallyOf(line).GetProperty("confirmed").GetInt32());
        var fraView = full.GetProperty("bids").EnumerateArray().Single(b => b.GetProperty("id").GetGuid() == fraBid);
        Assert.Equal(["CSEC", "FRA", "GBR"], fraView.GetProperty("label").GetProperty("releasableTo").EnumerateArray().Select(s => s.GetString()));

        var seenByPoland = await pol.GetAsync(conference);
        Assert.Equal([deuBid], seenByPoland.GetProperty("bids").EnumerateArray().Select(b => b.GetProperty("id").GetGuid()));
        var polTally = seenByPoland.TallyOf(line);
        Assert.Equal(1, polTally.GetProperty("confirmed").GetInt32());
        Assert.Equal(2, polTally.GetProperty("shortfallToMinimum").GetInt32());

        var readiness = await (await pol.GetPathAsync($"/api/v1/force-generation/conferences/{conference}/readiness?months=12")).JsonAsync(HttpStatusCode.OK);
        var polLine = readiness.GetProperty("timeline").GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("lineId").GetGuid() == line);
        Assert.True(polLine.GetProperty("coverage").EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Number).All(c => c.GetInt32() <= 1));

        await (await pol.PostJsonAsync($"/api/v1/force-generation/conferences/{conference}/bids/{fraBid}/withdraw", new { reason = "Not ours" }))
            .JsonAsync(HttpStatusCode.Forbidden);

        // A conference released to the Secretariat only does not exist for Poland.
        var hidden = await secretariat.ConveneAsync(SecretariatOnly);
        await (await pol.GetPathAsync($"/api/v1/force-generation/conferences/{hidden}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        var list = await (await pol.GetPathAsync("/api/v1/force-generation/conferences")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(list.EnumerateArray(), c => c.GetProperty("id").GetGuid() == hidden);
        Assert.Contains(list.EnumerateArray(), c => c.GetProperty("id").GetGuid() == conference);
    }

    [Fact]
    public async Task The_readiness_timeline_shows_a_line_filled_on_the_day_its_confirmed_offer_is_planned_to_reach_level_3()
    {
        using var secretariat = await app.SecretariatAsync();
        var today = OfferTestKit.Today;
        var readyOn = today.AddMonths(2).AddDays(10);
        var conference = await secretariat.ConveneAsync();
        var line = (await secretariat.AddLineAsync(ConferenceTestKit.LineFromToday(5, 330, minimum: 1, desired: 2))).Id();
        var offer = (await secretariat.RecordAsync(OfferTestKit.Offer("GBR", o =>
        {
            o["quantity"] = 1;
            o["readiness"] = "registered";
            o["availableFrom"] = OfferTestKit.Iso(today.AddDays(1));
            o["readinessPlan"] = new[] { new { level = "ready", expectedOn = OfferTestKit.Iso(readyOn) } };
        }))).Id();
        await secretariat.OpenRoundAsync(conference);
        var bid = await secretariat.BidOkAsync(conference, "GBR", offer, line, 1);

        // Only confirmed bids count.
        var unconfirmed = await (await secretariat.GetPathAsync($"/api/v1/force-generation/conferences/{conference}/readiness")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, LineOf(unconfirmed, line).GetProperty("filledToMinimumOn").ValueKind);

        await secretariat.ConfirmAsync(conference, bid);
        var readiness = await (await secretariat.GetPathAsync($"/api/v1/force-generation/conferences/{conference}/readiness?months=6")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(7, readiness.GetProperty("timeline").GetProperty("dates").GetArrayLength());
        var filled = LineOf(readiness, line);
        Assert.Equal(OfferTestKit.Iso(readyOn), filled.Str("filledToMinimumOn"));
        Assert.Equal(JsonValueKind.Null, filled.GetProperty("filledToDesiredOn").ValueKind);
        Assert.Equal([0, 0, 1, 1, 1], filled.GetProperty("coverage").EnumerateArray().Skip(1).Take(5).Select(c => c.GetInt32()));

        await (await secretariat.GetPathAsync($"/api/v1/force-generation/conferences/{conference}/readiness?months=0"))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
    }

    private static JsonElement LineOf(JsonElement readiness, Guid line) =>
        readiness.GetProperty("timeline").GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("lineId").GetGuid() == line);
}

public sealed class ConferenceApiTestsOnSqlite(SqliteApp app) : ConferenceApiTests<SqliteApp>(app);

public sealed class ConferenceApiTestsOnPostgres(PostgresApp app) : ConferenceApiTests<PostgresApp>(app);
