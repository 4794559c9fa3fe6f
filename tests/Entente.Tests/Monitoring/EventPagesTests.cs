using System.Net;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Registry;

namespace Entente.Tests.Monitoring;

public abstract class EventPagesTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static async Task<string> HtmlAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var html = await response.Content.ReadAsStringAsync(RegistryTestClient.Ct);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}");
        return WebUtility.HtmlDecode(html);
    }

    private static async Task<int> VersionAsync(HttpClient client, string id) =>
        (await (await client.GetPathAsync($"/api/v1/events/{id}")).JsonAsync(HttpStatusCode.OK)).GetProperty("event").GetProperty("version").GetInt32();

    [Fact]
    public async Task The_event_page_explains_the_rule_places_each_observation_and_its_forms_decide_split_and_merge()
    {
        await app.AgreementAsync();
        var source = "team-" + MonitoringTestKit.Unique();
        var at = DateTimeOffset.UtcNow.AddHours(-4).AddSeconds(-Random.Shared.Next(0, 60 * 60 * 12));
        var lat = 47.1 + (Random.Shared.NextDouble() * 1.8);
        using var monitor = await app.MonitorAsync();
        var filed = await monitor.BatchAsync(
        [
            MonitoringTestKit.Observation(source, "a", lat, 37.20, at),
            MonitoringTestKit.Observation(source, "b", lat + 0.002, 37.20, at.AddMinutes(2)),
            MonitoringTestKit.Observation(source, "c", lat, 37.20, at.AddHours(3)),
        ]);
        var rows = filed.GetProperty("rows").EnumerateArray().ToList();
        var (eventId, other) = (rows[0].Str("eventId"), rows[2].Str("eventId"));
        Assert.Equal(eventId, rows[1].Str("eventId"));
        Assert.NotEqual(eventId, other);
        var path = $"/monitoring/events/{eventId}";

        using var analyst = await app.ClientAsync("Analyst", "CSEC", ClassificationLevels.Confidential);
        var page = await HtmlAsync(await analyst.GetPathAsync(path), HttpStatusCode.OK);
        Assert.Contains("How its observations were linked", page, StringComparison.Ordinal);
        Assert.Contains("at most 1,500 m apart", page, StringComparison.Ordinal);
        Assert.Contains(source, page, StringComparison.Ordinal);
        Assert.Matches(@"2[0-9]\.[0-9] km</td>\s*<td>West</td>", page);
        Assert.Contains("No decision yet", page, StringComparison.Ordinal);
        Assert.Contains("Merge the ticked events into this one", page, StringComparison.Ordinal);

        var decided = await PageForms.PostFormAsync(analyst, path, "decide-event",
            ("Decision.Status", "underReview"), ("Decision.Reason", "Two sources, checking the second."), ("Decision.ExpectedVersion", (await VersionAsync(analyst, eventId)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        page = await HtmlAsync(await analyst.GetPathAsync(path + "?done=decided"), HttpStatusCode.OK);
        Assert.Contains("The decision was recorded.", page, StringComparison.Ordinal);
        Assert.Contains("Why: Two sources, checking the second.", page, StringComparison.Ordinal);
        Assert.Contains("Reported → Under review", page, StringComparison.Ordinal);

        var stale = await HtmlAsync(await PageForms.PostFormAsync(analyst, path, "decide-event",
            ("Decision.Status", "rejected"), ("Decision.Reason", "Old view."), ("Decision.ExpectedVersion", "1")), HttpStatusCode.OK);
        Assert.Contains("changed by someone else", stale, StringComparison.Ordinal);
        Assert.Contains("Your decision was not recorded.", stale, StringComparison.Ordinal);

        var merged = await PageForms.PostFormAsync(analyst, path, "merge-events",
            ("Merge", $"{other}:{await VersionAsync(analyst, other)}"), ("Reason", "The evening report restates it."), ("ExpectedVersion", (await VersionAsync(analyst, eventId)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        var gone = await (await analyst.GetPathAsync($"/api/v1/events/{other}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(eventId, gone.GetProperty("event").Str("mergedInto"));
        var goneObservation = rows[2].Str("observationId");

        var split = await PageForms.PostFormAsync(analyst, path, "split-event",
            ("ObservationIds", goneObservation), ("Reason", "Hours apart after all."), ("ExpectedVersion", (await VersionAsync(analyst, eventId)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Redirect, split.StatusCode);
        var location = split.Headers.Location!;
        var created = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        Assert.Contains("/monitoring/events/", created, StringComparison.Ordinal);
        var createdPage = await HtmlAsync(await analyst.GetPathAsync(created), HttpStatusCode.OK);
        Assert.Contains("The observations were moved to this new event.", createdPage, StringComparison.Ordinal);
        Assert.Contains("Split off from", createdPage, StringComparison.Ordinal);
        Assert.Contains("placed by an analyst", createdPage, StringComparison.Ordinal);

        // A monitor reads the event but is offered no decision.
        var monitorView = await HtmlAsync(await monitor.GetPathAsync(path), HttpStatusCode.OK);
        Assert.DoesNotContain("Record the decision", monitorView, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_queue_page_lists_waiting_events_for_analysts_and_is_closed_to_monitors()
    {
        await app.AgreementAsync();
        var source = "feed-" + MonitoringTestKit.Unique();
        using var monitor = await app.MonitorAsync();
        var filed = await monitor.BatchAsync([MonitoringTestKit.Observation(source, "1", 47.1 + (Random.Shared.NextDouble() * 1.8), 37.70, DateTimeOffset.UtcNow.AddMinutes(-30), "weaponInWithdrawalZone", "mlrs")]);
        var eventId = filed.GetProperty("rows")[0].Str("eventId");

        using var analyst = await app.ClientAsync("Analyst", "CSEC", ClassificationLevels.Confidential);
        var queue = await HtmlAsync(await analyst.GetPathAsync("/monitoring/queue?status=reported&family=weaponPresence&violation=true"), HttpStatusCode.OK);
        Assert.Contains($"href=\"/monitoring/events/{eventId}\"", queue, StringComparison.Ordinal);
        Assert.Contains("High · four eyes", queue, StringComparison.Ordinal);
        Assert.Contains("wait for a decision", queue, StringComparison.Ordinal);

        var bad = await HtmlAsync(await analyst.GetPathAsync("/monitoring/queue?status=confirmed"), HttpStatusCode.OK);
        Assert.Contains("is not a status of the queue", bad, StringComparison.Ordinal);

        var closed = await monitor.GetPathAsync("/monitoring/queue");
        Assert.NotEqual(HttpStatusCode.OK, closed.StatusCode);
        Assert.DoesNotContain(eventId, await closed.Content.ReadAsStringAsync(RegistryTestClient.Ct), StringComparison.Ordinal);
    }
}

public sealed class EventPagesTestsOnSqlite(SqliteApp app) : EventPagesTests<SqliteApp>(app);

public sealed class EventPagesTestsOnPostgres(PostgresApp app) : EventPagesTests<PostgresApp>(app);
