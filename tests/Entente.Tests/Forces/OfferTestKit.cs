using System.Globalization;
using System.Net;
using System.Text.Json;
using Entente.Tests.Registry;

namespace Entente.Tests.Forces;

/// <summary>National offers as clients send them.</summary>
internal static class OfferTestKit
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A UK mechanised battlegroup only with a US backstop, unless the test says otherwise.</summary>
    public static Dictionary<string, object?> Offer(string member, Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["memberCode"] = member,
            ["capability"] = "mechanisedInfantry",
            ["unitType"] = "Mechanised battlegroup",
            ["quantity"] = 2,
            ["indivisible"] = false,
            ["noticeToMoveDays"] = 30,
            ["readiness"] = "assessed",
            ["readinessPlan"] = new[] { new { level = "ready", expectedOn = Iso(Today.AddDays(60)) } },
            ["availableFrom"] = Iso(Today.AddDays(30)),
            ["availableUntil"] = Iso(Today.AddDays(400)),
            ["caveats"] = new Dictionary<string, object?>
            {
                ["allowedSectors"] = new[] { "KYIV", "CENTRE" },
                ["refusedTasks"] = new[] { "patrollingNearLine" },
                ["maxRulesOfEngagement"] = "forceProtection",
                ["maxDurationDays"] = 180,
                ["nationalApprovalRequired"] = true,
                ["commandArrangement"] = "tacticalControl",
            },
            ["conditions"] = new object[] { new { kind = "usBackstop" }, new { kind = "ceasefireInForce" } },
            ["notes"] = "Rotations of six months.",
        };
        change?.Invoke(body);
        return body;
    }

    /// <summary>A revision of <see cref="Offer"/>: the same body without the member, with a reason and the version read.</summary>
    public static Dictionary<string, object?> Revision(string member, int expectedVersion, string reason, Action<Dictionary<string, object?>>? change = null)
    {
        var body = Offer(member, change);
        body.Remove("memberCode");
        body["reason"] = reason;
        body["expectedVersion"] = expectedVersion;
        return body;
    }

    /// <summary>Registers an organisation that is a member of the coalition from today; returns its code.</summary>
    public static async Task<string> RegisterActiveMemberAsync(this HttpClient secretariat)
    {
        var code = await secretariat.RegisterOrganisationAsync();
        await (await secretariat.PostJsonAsync($"/api/v1/members/{code}/statuses", new { status = "member", from = Iso(Today) })).JsonAsync(HttpStatusCode.Created);
        return code;
    }

    public static Dictionary<string, object?> Caveats(this Dictionary<string, object?> offer) => (Dictionary<string, object?>)offer["caveats"]!;

    public static async Task<JsonElement> RecordAsync(this HttpClient client, object body) =>
        await (await client.PostJsonAsync("/api/v1/offers", body)).JsonAsync(HttpStatusCode.Created);

    // The id of a created offer: RequirementTestKit.Id (same namespace) reads it the same way.
}
