using System.Net;
using System.Text.Json;
using Entente.Testing;
using Entente.Tests.Registry;

namespace Entente.Tests.Summits;

/// <summary>Meetings as the tests plan them: each in a time slot of its own, so lists filtered by period see only it.</summary>
public static class MeetingsTestKit
{
    /// <summary>A whole hour (UTC) in a winter month of a far year, different for each call.</summary>
    public static DateTimeOffset Slot() =>
        new(2040 + Random.Shared.Next(0, 100), 1, 1 + Random.Shared.Next(0, 28), 8 + Random.Shared.Next(0, 8), 0, 0, TimeSpan.Zero);

    /// <summary>How the pages write an instant at a Paris venue (the test slots fall in winter, UTC+01:00).</summary>
    public static string LocalParis(DateTimeOffset instant) =>
        instant.ToOffset(TimeSpan.FromHours(1)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " (Europe/Paris, UTC+01:00)";

    public static Dictionary<string, object?> Meeting(DateTimeOffset start, Dictionary<string, object?>? with = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["title"] = "Leaders' meeting " + Guid.NewGuid().ToString("N")[..6],
            ["level"] = "leaders",
            ["format"] = "hybrid",
            ["venue"] = "Élysée Palace, Paris",
            ["hostMember"] = "FRA",
            ["coChairs"] = new[] { "FRA", "GBR" },
            ["startsAt"] = start,
            ["endsAt"] = start.AddHours(6),
            ["timeZone"] = "Europe/Paris",
            ["invited"] = new[] { "FRA", "GBR", "UKR", "POL" },
            ["label"] = new { classification = "RESTRICTED" },
        };
        foreach (var (key, value) in with ?? [])
        {
            body[key] = value;
        }

        return body;
    }

    public static async Task<JsonElement> PlanAsync(this HttpClient secretariat, Dictionary<string, object?> meeting) =>
        await (await secretariat.PostJsonAsync("/api/v1/meetings", meeting)).JsonAsync(HttpStatusCode.Created);

    public static string MeetingId(this JsonElement detail) => detail.GetProperty("meeting").Str("id");

    public static int Version(this JsonElement detail) => detail.GetProperty("meeting").GetProperty("version").GetInt32();

    public static async Task<string> FeedAsync(this EntenteApp app, HttpClient user)
    {
        var token = await (await user.PostJsonAsync("/api/v1/meetings/feed-token", new { })).JsonAsync(HttpStatusCode.OK);
        var url = new Uri(token.Str("url"));
        Assert.EndsWith(".ics", url.AbsolutePath, StringComparison.Ordinal);
        return url.AbsolutePath;
    }
}
