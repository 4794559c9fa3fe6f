using System.Net;
using System.Text;
using System.Text.Json;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Registry;

namespace Entente.Tests.Monitoring;

/// <summary>
/// A test agreement: a straight line of contact running north–south along longitude 37.5° E between 47° and 49° N
/// (drawn northwards: "West" holds its left, "East" its right), a security zone 10 km either side, and a withdrawal
/// zone for artillery and MLRS from 37.5° to 37.8° E.
/// </summary>
internal static class MonitoringTestKit
{
    public const double LineLongitude = 37.5;

    public static object Zones() => new
    {
        type = "FeatureCollection",
        features = new object[]
        {
            new
            {
                type = "Feature",
                properties = new { kind = "lineOfContact", name = "Line of contact", leftSide = "West", rightSide = "East" },
                geometry = new { type = "LineString", coordinates = new[] { new[] { LineLongitude, 47.0 }, new[] { LineLongitude, 49.0 } } },
            },
            new
            {
                type = "Feature",
                properties = new { kind = "securityZone", name = "Security zone" },
                geometry = new { type = "Polygon", coordinates = new[] { new[] { new[] { 37.36, 47.0 }, new[] { 37.64, 47.0 }, new[] { 37.64, 49.0 }, new[] { 37.36, 49.0 }, new[] { 37.36, 47.0 } } } },
            },
            new
            {
                type = "Feature",
                properties = new { kind = "withdrawalZone", name = "Eastern artillery withdrawal zone", weaponClasses = new[] { "artillery", "mlrs" } },
                geometry = new { type = "Polygon", coordinates = new[] { new[] { new[] { 37.5, 47.0 }, new[] { 37.8, 47.0 }, new[] { 37.8, 49.0 }, new[] { 37.5, 49.0 }, new[] { 37.5, 47.0 } } } },
            },
        },
    };

    public static object Agreement(string code, DateTimeOffset starts, object? label = null) => new
    {
        code,
        name = "Test ceasefire " + code,
        parties = "West; East",
        terms = "A thirty-day ceasefire along the line of contact.",
        startsAt = starts,
        endsAt = starts.AddDays(30),
        label = label ?? RegistryTestClient.PublicLabel,
        zones = Zones(),
    };

    /// <summary>Records an agreement (as the Secretariat) that started a day ago; returns its id.</summary>
    public static async Task<string> AgreementAsync(this EntenteApp app)
    {
        using var secretariat = await app.SecretariatAsync();
        var code = "CF-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var created = await (await secretariat.PostJsonAsync("/api/v1/agreements", Agreement(code, DateTimeOffset.UtcNow.AddDays(-1)))).JsonAsync(HttpStatusCode.Created);
        return created.GetProperty("agreement").Str("id");
    }

    public static Dictionary<string, object?> Observation(string source, string sourceRef, double lat, double lon, DateTimeOffset at, string type = "explosionImpact",
        string? weapon = null, string? classification = null) => new()
    {
        ["sourceKind"] = "machineFeed",
        ["source"] = source,
        ["sourceRef"] = sourceRef,
        ["observedFrom"] = at,
        ["timePrecision"] = "exact",
        ["latitude"] = lat,
        ["longitude"] = lon,
        ["means"] = "sensor",
        ["type"] = type,
        ["count"] = 1,
        ["weapon"] = weapon,
        ["classification"] = classification,
    };

    public static async Task<JsonElement> BatchAsync(this HttpClient client, IEnumerable<object> rows, string? key = null)
    {
        var body = string.Join('\n', rows.Select(r => JsonSerializer.Serialize(r, RegistryTestClient.Json)));
        return await (await client.SendBatchAsync(body, "application/x-ndjson", key)).JsonAsync(HttpStatusCode.OK);
    }

    public static Task<HttpResponseMessage> SendBatchAsync(this HttpClient client, string body, string mediaType, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/observations/batch", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, mediaType),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static Task<HttpClient> MonitorAsync(this EntenteApp app, int clearance = ClassificationLevels.Confidential) =>
        app.ClientAsync("Monitor", "CSEC", clearance);

    public static string Unique() => Guid.NewGuid().ToString("N")[..10];

    /// <summary>
    /// The current UTC time, after waiting out the last minute of a day and the first half-minute of the next, so
    /// that a test about "today" does not file on one day and read the page on the next.
    /// </summary>
    public static async Task<DateTimeOffset> AwayFromMidnightAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var sinceMidnight = now - new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var wait = sinceMidnight >= TimeSpan.FromHours(24) - TimeSpan.FromMinutes(1)
            ? TimeSpan.FromHours(24) - sinceMidnight + TimeSpan.FromSeconds(30)
            : sinceMidnight < TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) - sinceMidnight : TimeSpan.Zero;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, TestContext.Current.CancellationToken);
        }

        return DateTimeOffset.UtcNow;
    }

    /// <summary>A moment up to ten minutes before <paramref name="now"/> that is still on the same UTC day.</summary>
    public static DateTimeOffset EarlierToday(DateTimeOffset now)
    {
        var sinceMidnight = now - new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        return now - TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(10).Ticks, sinceMidnight.Ticks / 2));
    }
}
