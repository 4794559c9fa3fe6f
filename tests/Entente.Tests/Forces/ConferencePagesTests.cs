using System.Net;
using System.Text.RegularExpressions;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Registry;

namespace Entente.Tests.Forces;

/// <summary>The force-generation conference pages driven without script.</summary>
public abstract partial class ConferencePagesTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static readonly string[] NoRefusals = [];

    private static readonly string[] SecretariatOnly = ["CSEC"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> HtmlAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}");
        return html;
    }

    private static string PathOf(HttpResponseMessage redirect)
    {
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var location = redirect.Headers.Location!;
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    /// <summary>A patrolling line in the East, needed from 40 to 200 days from today, at readiness level 2 at least.</summary>
    private static Dictionary<string, object?> EastLine(string unitType) =>
        RequirementTestKit.With(ConferenceTestKit.LineFromToday(40, 200), ("sectorCode", "EAST"), ("minimumReadiness", "assessed"), ("unitType", unitType));

    private static Dictionary<string, object?> OfferOf(string member, string unitType, bool refusesPatrollingNearLine, bool releasedToAll = false) =>
        OfferTestKit.Offer(member, o =>
        {
            o["unitType"] = unitType;
            o.Caveats()["allowedSectors"] = NoRefusals;
            if (!refusesPatrollingNearLine)
            {
                o.Caveats()["refusedTasks"] = NoRefusals;
            }

            if (releasedToAll)
            {
                o["label"] = new { classification = "RESTRICTED" };
            }
        });

    [Fact]
    public async Task The_secretariat_convenes_a_conference_through_the_form_and_a_missing_title_is_refused_in_words()
    {
        using var secretariat = await app.SecretariatAsync();
        var title = "Force generation conference " + Guid.NewGuid().ToString("N")[..6];

        var refused = await HtmlAsync(await PageForms.PostFormAsync(secretariat, "/forces/conferences", "conference-convene",
            ("Form.Title", ""), ("Form.HeldOn", OfferTestKit.Iso(OfferTestKit.Today)), ("Form.Venue", "Mons"), ("Form.Classification", "RESTRICTED")), HttpStatusCode.OK);
        Assert.Matches("notice-error[^>]*>[^<]*title", refused);

        var created = await PageForms.PostFormAsync(secretariat, "/forces/conferences", "conference-convene",
            ("Form.Title", title), ("Form.HeldOn", OfferTestKit.Iso(OfferTestKit.Today)), ("Form.Venue", "Mons"), ("Form.Online", "true"), ("Form.Classification", "RESTRICTED"));
        Assert.Matches(ConferencePath(), PathOf(created));

        var list = await HtmlAsync(await secretariat.GetPathAsync("/forces/conferences"), HttpStatusCode.OK);
        Assert.Contains(title, list, StringComparison.Ordinal);
        Assert.Contains("Mons and online", list, StringComparison.Ordinal);

        // Without the antiforgery token the form is not taken, and nothing is convened.
        var forged = await PageForms.PostWithTokenAsync(secretariat, "/forces/conferences", "conference-convene",
            [new("Form.Title", "Forged " + title), new("Form.Venue", "Mons")], token: null);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain("Forged " + title, await HtmlAsync(await secretariat.GetPathAsync("/forces/conferences"), HttpStatusCode.OK), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_secretariat_records_and_confirms_bids_through_the_forms_and_the_page_shows_the_tally_the_bids_by_member_and_the_readiness()
    {
        using var secretariat = await app.SecretariatAsync();
        var unit = "East patrol battalion " + Guid.NewGuid().ToString("N")[..6];
        var line = await secretariat.AddLineAsync(EastLine(unit));
        var code = line.Str("code");
        var refusing = (await secretariat.RecordAsync(OfferOf("DEU", "Panzergrenadier company", refusesPatrollingNearLine: true))).Id();
        var willing = (await secretariat.RecordAsync(OfferOf("NLD", "Mechanised company", refusesPatrollingNearLine: false))).Id();
        var conference = await secretariat.ConveneAsync();
        var path = $"/forces/conferences/{conference}";
        Assert.Equal(HttpStatusCode.Redirect, (await PageForms.PostFormAsync(secretariat, path, "conference-round-open")).StatusCode);

        var form = await HtmlAsync(await secretariat.GetPathAsync(path), HttpStatusCode.OK);
        Assert.Contains($"{code} · MechanisedInfantry · {unit}", form, StringComparison.Ordinal);
        Assert.Contains("<optgroup label=\"MechanisedInfantry\">", form, StringComparison.Ordinal);
        Assert.Contains("NLD · Mechanised company · 2 of 2 left", form, StringComparison.Ordinal);

        // No offer chosen, then more units than the offer has: both refused in words, nothing recorded.
        var empty = await HtmlAsync(await PageForms.PostFormAsync(secretariat, path, "conference-bid", ("BidForm.LineId", line.Id().ToString()), ("BidForm.OfferId", "")), HttpStatusCode.OK);
        Assert.Contains("Choose the offer the member bids.", empty, StringComparison.Ordinal);
        var tooMany = await HtmlAsync(await PageForms.PostFormAsync(secretariat, path, "conference-bid",
            ("BidForm.LineId", line.Id().ToString()), ("BidForm.OfferId", willing.ToString()), ("BidForm.Quantity", "5")), HttpStatusCode.OK);
        Assert.Matches("notice-error[^>]*>[^<]*only 2 are not already bid", tooMany);
        Assert.Contains("No bid you may see.", tooMany, StringComparison.Ordinal);

        var recorded = PathOf(await PageForms.PostFormAsync(secretariat, path, "conference-bid",
            ("BidForm.LineId", line.Id().ToString()), ("BidForm.OfferId", refusing.ToString()), ("BidForm.Quantity", "1")));
        var warned = await HtmlAsync(await secretariat.GetPathAsync(recorded), HttpStatusCode.OK);
        Assert.Contains($"The bid is recorded, but DEU's offer cannot fill {code} under the matching rules: it refuses task Patrolling near the line", warned, StringComparison.Ordinal);
        Assert.Contains("Cannot fill the line: refuses task Patrolling near the line (sector EAST touches the line)", warned, StringComparison.Ordinal);

        PathOf(await PageForms.PostFormAsync(secretariat, path, "conference-bid",
            ("BidForm.LineId", line.Id().ToString()), ("BidForm.OfferId", willing.ToString()), ("BidForm.Quantity", "2")));
        var bids = await (await secretariat.GetPathAsync($"/api/v1/force-generation/conferences/{conference}")).JsonAsync(HttpStatusCode.OK);
        var nldBid = bids.GetProperty("bids").EnumerateArray().Single(b => b.GetProperty("offerId").GetGuid() == willing).GetProperty("id").GetGuid();
        PathOf(await PageForms.PostFormAsync(secretariat, path, "conference-bid-action", ("ActionForm.BidId", nldBid.ToString()), ("ActionForm.Action", "confirm")));

        var page = await HtmlAsync(await secretariat.GetPathAsync(path), HttpStatusCode.OK);
        var row = Regex.Match(page, $"<tr[^>]*>\\s*<th scope=\"row\"><a href=\"/forces/requirements/{line.Id()}\">{Regex.Escape(code)}</a></th>(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, "The tally has a row for the line.");
        var cells = Regex.Matches(row.Groups[1].Value, "<td class=\"num\">(\\d+)</td>").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([2, 3, 1, 2, 0, 1], cells); // minimum, desired, bid, confirmed, short of minimum, short of desired
        Assert.Contains("DEU 1 · Bid (round 1) · cannot fill", row.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("NLD 2 · Confirmed (round 1)", row.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("Readiness over the coming", page, StringComparison.Ordinal);
        Assert.Contains("id=\"conference-readiness\"", page, StringComparison.Ordinal);
        Assert.Matches($"<th scope=\"row\">{Regex.Escape(code)}</th>\\s*<td>High</td>", page);
        Assert.DoesNotContain("NLD · Mechanised company", page, StringComparison.Ordinal); // nothing of it is left to bid
    }

    [Fact]
    public async Task A_member_without_release_on_an_offer_does_not_see_its_bid_on_the_conference_page_nor_the_forms()
    {
        using var secretariat = await app.SecretariatAsync();
        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Restricted);
        var line = await secretariat.AddLineAsync(EastLine("Reassurance battalion " + Guid.NewGuid().ToString("N")[..6]));
        var fra = (await secretariat.RecordAsync(OfferOf("FRA", "Groupement tactique interarmes", refusesPatrollingNearLine: false))).Id();
        var deu = (await secretariat.RecordAsync(OfferOf("DEU", "Jägerbataillon", refusesPatrollingNearLine: false, releasedToAll: true))).Id();
        var conference = await secretariat.ConveneAsync();
        await secretariat.OpenRoundAsync(conference);
        await secretariat.ConfirmAsync(conference, await secretariat.BidOkAsync(conference, "FRA", fra, line.Id(), 2));
        await secretariat.BidOkAsync(conference, "DEU", deu, line.Id(), 1);

        var full = await HtmlAsync(await secretariat.GetPathAsync($"/forces/conferences/{conference}"), HttpStatusCode.OK);
        Assert.Contains("Groupement tactique interarmes", full, StringComparison.Ordinal);
        Assert.Contains("FRA 2 · Confirmed", full, StringComparison.Ordinal);

        var seen = await HtmlAsync(await pol.GetPathAsync($"/forces/conferences/{conference}"), HttpStatusCode.OK);
        Assert.Contains("Jägerbataillon", seen, StringComparison.Ordinal);
        Assert.Contains("DEU 1 · Bid", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("Groupement tactique interarmes", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("FRA 2", seen, StringComparison.Ordinal);
        Assert.DoesNotContain(fra.ToString(), seen, StringComparison.Ordinal);
        Assert.DoesNotContain("Record a bid", seen, StringComparison.Ordinal);

        // A conference released to the Secretariat only does not exist for Poland, on the page and in the list.
        var hidden = await secretariat.ConveneAsync(new { classification = "RESTRICTED", releasableTo = SecretariatOnly });
        Assert.Equal(HttpStatusCode.NotFound, (await pol.GetPathAsync($"/forces/conferences/{hidden}")).StatusCode);
        var list = await HtmlAsync(await pol.GetPathAsync("/forces/conferences"), HttpStatusCode.OK);
        Assert.DoesNotContain(hidden.ToString(), list, StringComparison.Ordinal);
        Assert.Contains(conference.ToString(), list, StringComparison.Ordinal);
    }

    [GeneratedRegex("^/forces/conferences/[0-9a-f-]{36}$")]
    private static partial Regex ConferencePath();
}

public sealed class ConferencePagesTestsOnSqlite(SqliteApp app) : ConferencePagesTests<SqliteApp>(app);

public sealed class ConferencePagesTestsOnPostgres(PostgresApp app) : ConferencePagesTests<PostgresApp>(app);
