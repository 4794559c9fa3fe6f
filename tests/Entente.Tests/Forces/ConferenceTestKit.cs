using System.Net;
using System.Text.Json;
using Entente.Tests.Registry;

namespace Entente.Tests.Forces;

/// <summary>Force-generation conferences as clients drive them.</summary>
internal static class ConferenceTestKit
{
    public static async Task<Guid> ConveneAsync(this HttpClient client, object? label = null)
    {
        var body = new { title = "Force generation conference", heldOn = OfferTestKit.Iso(OfferTestKit.Today), venue = "Paris", online = true, label = label ?? new { classification = "RESTRICTED" } };
        return (await (await client.PostJsonAsync("/api/v1/force-generation/conferences", body)).JsonAsync(HttpStatusCode.Created)).Id();
    }

    public static async Task<JsonElement> OpenRoundAsync(this HttpClient client, Guid conference) =>
        await (await client.PostJsonAsync($"/api/v1/force-generation/conferences/{conference}/rounds", new { })).JsonAsync(HttpStatusCode.Created);

    public static async Task CloseRoundAsync(this HttpClient client, Guid conference, int round) =>
        await (await client.PostJsonAsync($"/api/v1/force-generation/conferences/{conference}/rounds/{round}/close", new { })).JsonAsync(HttpStatusCode.OK);

    public static Task<HttpResponseMessage> BidAsync(this HttpClient client, Guid conference, string member, Guid offer, Guid line, int? quantity = null, int? round = null) =>
        client.PostJsonAsync($"/api/v1/force-generation/conferences/{conference}/bids",
            new { memberCode = member, offerId = offer, requirementLineId = line, quantity, round, note = "Offered at the conference." });

    public static async Task<Guid> BidOkAsync(this HttpClient client, Guid conference, string member, Guid offer, Guid line, int? quantity = null) =>
        (await (await client.BidAsync(conference, member, offer, line, quantity)).JsonAsync(HttpStatusCode.Created)).Id();

    public static async Task<JsonElement> ConfirmAsync(this HttpClient client, Guid conference, Guid bid) =>
        await (await client.PostJsonAsync($"/api/v1/force-generation/conferences/{conference}/bids/{bid}/confirm", new { })).JsonAsync(HttpStatusCode.OK);

    public static async Task<JsonElement> GetAsync(this HttpClient client, Guid conference) =>
        await (await client.GetPathAsync($"/api/v1/force-generation/conferences/{conference}")).JsonAsync(HttpStatusCode.OK);

    /// <summary>The tally row of one line.</summary>
    public static JsonElement TallyOf(this JsonElement conference, Guid line) =>
        conference.GetProperty("tally").EnumerateArray().Single(t => t.GetProperty("lineId").GetGuid() == line);

    /// <summary>A line needed from <paramref name="startInDays"/> to <paramref name="endInDays"/> days from today.</summary>
    public static object LineFromToday(int startInDays, int endInDays, int minimum = 2, int desired = 3, string capability = "mechanisedInfantry", object? label = null) =>
        RequirementTestKit.Line(capability: capability, minimum: minimum, desired: desired, startsOn: OfferTestKit.Iso(OfferTestKit.Today.AddDays(startInDays)),
            endsOn: OfferTestKit.Iso(OfferTestKit.Today.AddDays(endInDays)), label: label);
}
