using System.Net;
using System.Text.Json;
using Entente.Infrastructure.Labels;
using Entente.Modules.Identity.Auth;
using Entente.Modules.Identity.Domain;
using Entente.Testing;
using Entente.Tests.Registry;

namespace Entente.Tests.Monitoring;

/// <summary>Automatic correlation that changes a decided event takes it back under review, on the record.</summary>
public abstract class DecidedEventChangeTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    /// <summary>A time of its own for each test (some hours ago), so that queue filters find only this test's events.</summary>
    private static DateTimeOffset SomeTimeAgo() => DateTimeOffset.UtcNow.AddHours(-3).AddSeconds(-Random.Shared.Next(0, 60 * 60 * 18));

    /// <summary>A place of its own west of the line, outside every zone, so that no other test's observations correlate with it.</summary>
    private static (double Lat, double Lon) Spot() => (47.1 + (Random.Shared.NextDouble() * 1.8), 37.0 + (Random.Shared.NextDouble() * 0.3));

    private async Task<HttpClient> AnalystAsync() =>
        await app.ClientAsync(await app.CreateUserAsync(Roles.Analyst, "CSEC", ClassificationLevels.Confidential, twoFactor: TwoFactorRequirement.AppliesTo([Roles.Analyst])));

    /// <summary>Files the rows as the monitor; returns the event of each row in order.</summary>
    private static async Task<List<string>> FileAsync(HttpClient monitor, params Dictionary<string, object?>[] rows)
    {
        var result = await monitor.BatchAsync(rows);
        Assert.Equal(rows.Length, result.GetProperty("stored").GetInt32());
        return [.. result.GetProperty("rows").EnumerateArray().Select(r => r.Str("eventId"))];
    }

    private static async Task<JsonElement> EventAsync(HttpClient client, string id) =>
        (await (await client.GetPathAsync($"/api/v1/events/{id}")).JsonAsync(HttpStatusCode.OK)).GetProperty("event");

    private static async Task DecideAsync(HttpClient client, string id, string status)
    {
        var version = (await EventAsync(client, id)).GetProperty("version").GetInt32();
        await (await client.PostJsonAsync($"/api/v1/events/{id}/decisions", new { status, reason = "Checked against the imagery.", expectedVersion = version }))
            .JsonAsync(HttpStatusCode.OK);
    }

    private static async Task<List<JsonElement>> HistoryAsync(HttpClient client, string id) =>
        [.. (await (await client.GetPathAsync($"/api/v1/events/{id}/decisions")).JsonAsync(HttpStatusCode.OK)).GetProperty("decisions").EnumerateArray()];

    private static async Task<List<string>> QueueAsync(HttpClient client, DateTimeOffset from, DateTimeOffset to)
    {
        var queue = await (await client.GetPathAsync(
            $"/api/v1/events/queue?status=underReview&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}")).JsonAsync(HttpStatusCode.OK);
        return [.. queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("event").Str("id"))];
    }

    [Fact]
    public async Task A_confirmed_event_that_a_new_observation_joins_is_back_under_review_in_the_queue_saying_who_when_and_why()
    {
        await app.AgreementAsync();
        var at = SomeTimeAgo();
        var (lat, lon) = Spot();
        var source = "feed-" + MonitoringTestKit.Unique();
        var monitorUser = await app.CreateUserAsync(Roles.Monitor, "CSEC", ClassificationLevels.Confidential);
        using var monitor = await app.ClientAsync(monitorUser);
        var id = (await FileAsync(monitor, MonitoringTestKit.Observation(source, "1", lat, lon, at)))[0];
        using var analyst = await AnalystAsync();
        await DecideAsync(analyst, id, "underReview");
        await DecideAsync(analyst, id, "confirmed");
        var confirmed = await EventAsync(analyst, id);
        Assert.Equal("confirmed", confirmed.Str("status"));
        Assert.DoesNotContain(id, await QueueAsync(analyst, at.AddMinutes(-1), at.AddMinutes(10)));

        // A second sensor reports the same explosion a minute later, a hundred metres away: correlation links it in.
        var before = DateTime.UtcNow.AddSeconds(-5);
        var joined = (await FileAsync(monitor, MonitoringTestKit.Observation(source, "2", lat + 0.001, lon, at.AddMinutes(1))))[0];
        Assert.Equal(id, joined);

        var changed = await EventAsync(analyst, id);
        Assert.Equal("underReview", changed.Str("status"));
        Assert.Equal(2, changed.GetProperty("observationCount").GetInt32());
        Assert.True(changed.GetProperty("version").GetInt32() > confirmed.GetProperty("version").GetInt32(), "a decision on the old version is refused");
        Assert.Contains(id, await QueueAsync(analyst, at.AddMinutes(-1), at.AddMinutes(10)));

        var history = await HistoryAsync(analyst, id);
        Assert.Equal(["review", "confirm", "changedAfterDecision"], history.Select(d => d.Str("action")));
        var step = history[^1];
        Assert.Equal("confirmed", step.Str("fromStatus"));
        Assert.Equal("underReview", step.Str("toStatus"));
        Assert.Equal(monitorUser.UserName, step.Str("decidedBy"));
        Assert.Equal("CSEC", step.Str("decidedByMember"));
        Assert.InRange(step.GetProperty("decidedAt").GetDateTime(), before, DateTime.UtcNow.AddSeconds(5));
        Assert.StartsWith("A new observation was linked after the decision", step.Str("reason"), StringComparison.Ordinal);

        // The event page shows the step, and the analyst decides again on what the event now holds.
        var page = await (await analyst.GetPathAsync($"/monitoring/events/{id}")).Content.ReadAsStringAsync(RegistryTestClient.Ct);
        Assert.Contains("Back under review: changed after the decision", page, StringComparison.Ordinal);
        await DecideAsync(analyst, id, "confirmed");
        Assert.Equal("confirmed", (await EventAsync(analyst, id)).Str("status"));
    }

    [Fact]
    public async Task An_event_awaiting_its_second_confirmation_loses_the_first_when_an_observation_joins_it()
    {
        await app.AgreementAsync();
        var at = SomeTimeAgo();
        var (lat, lon) = Spot();
        var source = "feed-" + MonitoringTestKit.Unique();
        using var monitor = await app.MonitorAsync();

        // Casualties make an event critical: two different analysts confirm it.
        var id = (await FileAsync(monitor, MonitoringTestKit.Observation(source, "1", lat, lon, at, type: "casualties")))[0];
        using var analyst = await AnalystAsync();
        await DecideAsync(analyst, id, "underReview");
        await DecideAsync(analyst, id, "confirmed");
        var awaiting = await (await analyst.GetPathAsync($"/api/v1/events/{id}/decisions")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("awaitingSecondConfirmation", awaiting.GetProperty("event").Str("status"));
        Assert.NotNull(awaiting.Str("firstConfirmedBy"));

        Assert.Equal(id, (await FileAsync(monitor, MonitoringTestKit.Observation(source, "2", lat, lon + 0.001, at.AddMinutes(2), type: "casualties")))[0]);
        var after = await (await analyst.GetPathAsync($"/api/v1/events/{id}/decisions")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("underReview", after.GetProperty("event").Str("status"));
        Assert.Equal(JsonValueKind.Null, after.GetProperty("firstConfirmedBy").ValueKind);
        var last = after.GetProperty("decisions").EnumerateArray().Last();
        Assert.Equal(("changedAfterDecision", "awaitingSecondConfirmation"), (last.Str("action"), last.Str("fromStatus")));
    }

    [Fact]
    public async Task Decided_events_that_an_observation_bridges_are_merged_on_the_record_and_the_survivor_is_reviewed_again()
    {
        await app.AgreementAsync();
        var at = SomeTimeAgo();
        var (lat, lon) = Spot();
        var source = "feed-" + MonitoringTestKit.Unique();
        using var monitor = await app.MonitorAsync();

        // Two bursts fifteen minutes apart are two events; an analyst rejects one and confirms the other.
        var first = (await FileAsync(monitor, MonitoringTestKit.Observation(source, "a", lat, lon, at)))[0];
        var second = (await FileAsync(monitor, MonitoringTestKit.Observation(source, "b", lat, lon, at.AddMinutes(15))))[0];
        Assert.NotEqual(first, second);
        using var analyst = await AnalystAsync();
        await DecideAsync(analyst, first, "rejected");
        await DecideAsync(analyst, second, "underReview");
        await DecideAsync(analyst, second, "confirmed");

        // A report between them links both: correlation merges the two into one event.
        var survivor = (await FileAsync(monitor, MonitoringTestKit.Observation(source, "c", lat, lon, at.AddMinutes(8))))[0];
        Assert.Contains(survivor, new[] { first, second });
        var gone = survivor == first ? second : first;

        var kept = await EventAsync(analyst, survivor);
        Assert.Equal("underReview", kept.Str("status"));
        Assert.Equal(3, kept.GetProperty("observationCount").GetInt32());
        var keptHistory = await HistoryAsync(analyst, survivor);
        Assert.Equal(["merge", "changedAfterDecision"], keptHistory.TakeLast(2).Select(d => d.Str("action")));
        Assert.All(keptHistory.TakeLast(2), d => Assert.Equal(gone, d.Str("relatedEventId")));
        Assert.Contains("other event(s) merged into it", keptHistory[^1].Str("reason"), StringComparison.Ordinal);

        var old = await EventAsync(analyst, gone);
        Assert.Equal(survivor, old.Str("mergedInto"));
        var goneHistory = await HistoryAsync(analyst, gone);
        Assert.Equal(("mergedInto", survivor), (goneHistory[^1].Str("action"), goneHistory[^1].Str("relatedEventId")));

        var waiting = await QueueAsync(analyst, at.AddMinutes(-1), at.AddMinutes(30));
        Assert.Contains(survivor, waiting);
        Assert.DoesNotContain(gone, waiting);
    }
}

public sealed class DecidedEventChangeTestsOnSqlite(SqliteApp app) : DecidedEventChangeTests<SqliteApp>(app);

public sealed class DecidedEventChangeTestsOnPostgres(PostgresApp app) : DecidedEventChangeTests<PostgresApp>(app);
