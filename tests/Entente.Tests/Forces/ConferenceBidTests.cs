using System.Net;
using System.Text.Json;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Forces.Features.Conference;
using Entente.Testing;
using Entente.Tests.Registry;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entente.Tests.Forces;

/// <summary>Bids at a force-generation conference: two officers at once, and offers a caveat keeps off the line.</summary>
public abstract class ConferenceBidTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static readonly string[] NoPatrolNearLine = ["patrollingNearLine"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A line in the East (it touches the line of contact) that patrols, and an offer that would fill it but for its caveat.</summary>
    private static Dictionary<string, object?> EastPatrolLine() => RequirementTestKit.With(ConferenceTestKit.LineFromToday(40, 200), ("sectorCode", "EAST"), ("minimumReadiness", "assessed"));

    private static Dictionary<string, object?> OfferFor(string member, bool refusesPatrollingNearLine, int quantity = 2) => OfferTestKit.Offer(member, o =>
    {
        o["quantity"] = quantity;
        o.Caveats()["allowedSectors"] = Array.Empty<string>();
        o.Caveats()["refusedTasks"] = refusesPatrollingNearLine ? NoPatrolNearLine : Array.Empty<string>();
    });

    private Task<List<ConferenceBid>> StoredBidsOnAsync(Guid offer) =>
        app.DbAsync(db => db.ConferenceBids.IgnoreQueryFilters([EntenteDbContext.LabelFilter]).Where(b => b.OfferId == offer).ToListAsync(Ct));

    [Fact]
    public async Task Two_officers_who_bid_the_same_offer_at_the_same_moment_cannot_over_commit_it_the_second_gets_a_conflict_and_nothing_of_it_is_stored()
    {
        using var secretariat = await app.SecretariatAsync();
        var line = (await secretariat.AddLineAsync(EastPatrolLine())).Id();
        var offer = (await secretariat.RecordAsync(OfferFor("GBR", refusesPatrollingNearLine: false))).Id();
        var paris = await secretariat.ConveneAsync();
        var mons = await secretariat.ConveneAsync();
        await secretariat.OpenRoundAsync(paris);
        await secretariat.OpenRoundAsync(mons);

        // Both officers read the offer's two units as free before either stores the bid: one in Paris, one in Mons.
        var outcome = await app.AsSystemAsync(first => app.AsSystemAsync(async second =>
        {
            var firstDb = first.GetRequiredService<EntenteDbContext>();
            var secondDb = second.GetRequiredService<EntenteDbContext>();
            var time = first.GetRequiredService<TimeProvider>();
            var request = new RecordBidRequest { MemberCode = "GBR", OfferId = offer, RequirementLineId = line, Quantity = 2 };
            var firstBid = await RecordBid.PrepareAsync(paris, request, firstDb, time, Ct);
            var secondBid = await RecordBid.PrepareAsync(mons, request, secondDb, time, Ct);
            Assert.True(firstBid.IsSuccess);
            Assert.True(secondBid.IsSuccess);
            return (First: await ConferenceAccess.SaveAsync(firstDb, Ct, ConferenceAccess.OfferBidConcurrently),
                Second: await ConferenceAccess.SaveAsync(secondDb, Ct, ConferenceAccess.OfferBidConcurrently));
        }));

        Assert.True(outcome.First.IsSuccess);
        Assert.False(outcome.Second.IsSuccess);
        var problem = outcome.Second.Error!.ToProblem();
        Assert.Equal(StatusCodes.Status409Conflict, problem.StatusCode);
        Assert.Equal("/problems/forces.offer-bid-concurrently", problem.ProblemDetails.Type);
        Assert.Contains("at the same moment", problem.ProblemDetails.Detail, StringComparison.Ordinal);

        var stored = Assert.Single(await StoredBidsOnAsync(offer));
        Assert.Equal((paris, 2), (stored.ConferenceId, stored.Quantity));
        Assert.Empty((await secretariat.GetAsync(mons)).GetProperty("bids").EnumerateArray());

        // Reloading, the second officer sees nothing is left of the offer.
        await (await secretariat.BidAsync(mons, "GBR", offer, line, 1)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/forces.bid-exceeds-offer");
    }

    [Fact]
    public async Task An_officer_who_withdraws_a_bid_another_has_just_confirmed_gets_a_conflict_and_the_confirmation_stands()
    {
        using var secretariat = await app.SecretariatAsync();
        var line = (await secretariat.AddLineAsync(EastPatrolLine())).Id();
        var offer = (await secretariat.RecordAsync(OfferFor("ITA", refusesPatrollingNearLine: false))).Id();
        var conference = await secretariat.ConveneAsync();
        await secretariat.OpenRoundAsync(conference);
        var bid = await secretariat.BidOkAsync(conference, "ITA", offer, line, 2);

        var outcome = await app.AsSystemAsync(first => app.AsSystemAsync(async second =>
        {
            var firstDb = first.GetRequiredService<EntenteDbContext>();
            var secondDb = second.GetRequiredService<EntenteDbContext>();
            var actor = new ForcesActor("officer", "CSEC");
            var confirming = (await ConferenceAccess.FindAsync(firstDb, conference, track: true, Ct))!;
            var withdrawing = (await ConferenceAccess.FindAsync(secondDb, conference, track: true, Ct))!;
            Assert.True(confirming.Confirm(bid, actor, DateTime.UtcNow).IsSuccess);
            Assert.True(withdrawing.Withdraw(bid, "The parliament said no.", actor, DateTime.UtcNow).IsSuccess);
            return (First: await ConferenceAccess.SaveAsync(firstDb, Ct), Second: await ConferenceAccess.SaveAsync(secondDb, Ct));
        }));

        Assert.True(outcome.First.IsSuccess);
        Assert.Equal(StatusCodes.Status409Conflict, outcome.Second.Error!.ToProblem().StatusCode);
        var stored = Assert.Single(await StoredBidsOnAsync(offer));
        Assert.Equal(BidStatus.Confirmed, stored.Status);
        Assert.Null(stored.WithdrawalReason);
        Assert.Equal(2, (await secretariat.GetAsync(conference)).TallyOf(line).GetProperty("confirmed").GetInt32());
    }

    [Fact]
    public async Task Two_bids_posted_at_once_on_an_offer_with_room_for_one_store_one_and_refuse_the_other_with_a_problem()
    {
        using var first = await app.SecretariatAsync();
        using var second = await app.SecretariatAsync();
        var line = (await first.AddLineAsync(EastPatrolLine())).Id();
        var offer = (await first.RecordAsync(OfferFor("FRA", refusesPatrollingNearLine: false))).Id();
        var conference = await first.ConveneAsync();
        await first.OpenRoundAsync(conference);

        var answers = await Task.WhenAll(first.BidAsync(conference, "FRA", offer, line, 2), second.BidAsync(conference, "FRA", offer, line, 2));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        var refused = Assert.Single(answers, a => a.StatusCode != HttpStatusCode.Created);
        Assert.Contains(refused.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity });
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2, (await StoredBidsOnAsync(offer)).Sum(b => b.Quantity));
        Assert.Equal(2, (await first.GetAsync(conference)).TallyOf(line).GetProperty("bid").GetInt32());
    }

    [Fact]
    public async Task A_bid_whose_offer_refuses_patrolling_near_the_line_is_recorded_and_says_why_it_cannot_fill_the_line()
    {
        using var secretariat = await app.SecretariatAsync();
        var line = (await secretariat.AddLineAsync(EastPatrolLine())).Id();
        var refusing = (await secretariat.RecordAsync(OfferFor("DEU", refusesPatrollingNearLine: true))).Id();
        var willing = (await secretariat.RecordAsync(OfferFor("NLD", refusesPatrollingNearLine: false))).Id();
        var conference = await secretariat.ConveneAsync();
        await secretariat.OpenRoundAsync(conference);

        var recorded = await (await secretariat.BidAsync(conference, "DEU", refusing, line, 1)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("refuses task Patrolling near the line (sector EAST touches the line)", recorded.Str("incompatibility"));
        var fine = await (await secretariat.BidAsync(conference, "NLD", willing, line, 1)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Null, fine.GetProperty("incompatibility").ValueKind);

        var bids = (await secretariat.GetAsync(conference)).GetProperty("bids").EnumerateArray().ToDictionary(b => b.GetProperty("offerId").GetGuid(), b => b.GetProperty("incompatibility").GetString());
        Assert.Equal("refuses task Patrolling near the line (sector EAST touches the line)", bids[refusing]);
        Assert.Null(bids[willing]);
        Assert.Equal(2, (await secretariat.GetAsync(conference)).TallyOf(line).GetProperty("bid").GetInt32());
    }
}

public sealed class ConferenceBidTestsOnSqlite(SqliteApp app) : ConferenceBidTests<SqliteApp>(app);

public sealed class ConferenceBidTestsOnPostgres(PostgresApp app) : ConferenceBidTests<PostgresApp>(app);
