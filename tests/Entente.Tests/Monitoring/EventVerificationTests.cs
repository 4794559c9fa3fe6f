using System.Net;
using System.Text.Json;
using Entente.Infrastructure.Labels;
using Entente.Modules.Identity.Auth;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Monitoring.Contracts;
using Entente.Testing;
using Entente.Tests.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entente.Tests.Monitoring;

public abstract class EventVerificationTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    /// <summary>A time of its own for each test (some hours ago), so that queue filters find only this test's events.</summary>
    private static DateTimeOffset SomeTimeAgo() => DateTimeOffset.UtcNow.AddHours(-3).AddSeconds(-Random.Shared.Next(0, 60 * 60 * 18));

    /// <summary>A place of its own west of the line, outside every zone, so that no other test's observations correlate with it.</summary>
    private static (double Lat, double Lon) Spot() => (47.1 + (Random.Shared.NextDouble() * 1.8), 37.0 + (Random.Shared.NextDouble() * 0.3));

    private async Task<(HttpClient Client, TestUser User)> AnalystAsync(string member = "CSEC", int clearance = ClassificationLevels.Confidential)
    {
        var user = await app.CreateUserAsync(Roles.Analyst, member, clearance, twoFactor: TwoFactorRequirement.AppliesTo([Roles.Analyst]));
        return (await app.ClientAsync(user), user);
    }

    /// <summary>Files the rows as a monitor; returns the event of each row in order.</summary>
    private async Task<List<string>> EventsOfAsync(params Dictionary<string, object?>[] rows)
    {
        using var monitor = await app.MonitorAsync();
        var result = await monitor.BatchAsync(rows);
        Assert.Equal(rows.Length, result.GetProperty("stored").GetInt32());
        return [.. result.GetProperty("rows").EnumerateArray().Select(r => r.Str("eventId"))];
    }

    private static async Task<JsonElement> EventAsync(HttpClient client, string id) =>
        (await (await client.GetPathAsync($"/api/v1/events/{id}")).JsonAsync(HttpStatusCode.OK)).GetProperty("event");

    private static async Task<HttpResponseMessage> DecideAsync(HttpClient client, string id, string status, int? version, string reason = "Two independent sources, consistent crater analysis.") =>
        await client.PostJsonAsync($"/api/v1/events/{id}/decisions", new { status, reason, expectedVersion = version });

    private static async Task<JsonElement> DecidedAsync(HttpClient client, string id, string status, string reason = "Checked against the imagery.")
    {
        var version = (await EventAsync(client, id)).GetProperty("version").GetInt32();
        return await (await DecideAsync(client, id, status, version, reason)).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_event_goes_from_reported_through_review_to_confirmed_and_each_decision_names_who_when_and_why()
    {
        await app.AgreementAsync();
        var at = SomeTimeAgo();
        var (lat, lon) = Spot();

        // West of the line, outside every zone, no weapon named: low severity, one confirmation is enough.
        var id = (await EventsOfAsync(MonitoringTestKit.Observation("feed-" + MonitoringTestKit.Unique(), "1", lat, lon, at)))[0];
        var (analyst, user) = await AnalystAsync();
        using (analyst)
        {
            var reported = await EventAsync(analyst, id);
            Assert.Equal("reported", reported.Str("status"));

            var before = DateTime.UtcNow.AddSeconds(-5);
            var review = await DecidedAsync(analyst, id, "underReview", "Taking it: one sensor only so far.");
            Assert.Equal("underReview", review.GetProperty("event").Str("status"));
            Assert.Equal("low", review.Str("severity"));
            Assert.False(review.GetProperty("fourEyesRequired").GetBoolean());

            var confirmed = await DecidedAsync(analyst, id, "confirmed", "The team at the observation post heard it too.");
            Assert.Equal("confirmed", confirmed.GetProperty("event").Str("status"));

            var history = await (await analyst.GetPathAsync($"/api/v1/events/{id}/decisions")).JsonAsync(HttpStatusCode.OK);
            var decisions = history.GetProperty("decisions").EnumerateArray().ToList();
            Assert.Equal(["review", "confirm"], decisions.Select(d => d.Str("action")));
            Assert.Equal(["reported", "underReview"], decisions.Select(d => d.Str("fromStatus")));
            Assert.Equal(["underReview", "confirmed"], decisions.Select(d => d.Str("toStatus")));
            Assert.All(decisions, d => Assert.Equal(user.UserName, d.Str("decidedBy")));
            Assert.All(decisions, d => Assert.Equal("CSEC", d.Str("decidedByMember")));
            Assert.All(decisions, d => Assert.InRange(d.GetProperty("decidedAt").GetDateTime(), before, DateTime.UtcNow.AddSeconds(5)));
            Assert.Equal("The team at the observation post heard it too.", decisions[1].Str("reason"));

            // A decided event can be reopened, and the reopening is part of the history too.
            var reopened = await DecidedAsync(analyst, id, "underReview", "New imagery contradicts the sensor.");
            Assert.Equal("underReview", reopened.GetProperty("event").Str("status"));
            Assert.Equal(3, reopened.GetProperty("decisions").GetArrayLength());
        }

        var audit = await app.RunCliAsync("audit", "verify");
        Assert.True(audit.ExitCode == 0, audit.Output + audit.Error);
        Assert.Equal(3, await app.DbAsync(db => Task.FromResult(db.AuditEntries.Count(e => e.EntityType == "monitoring_event_decisions" && e.Details!.Contains(id)))));
    }

    [Fact]
    public async Task A_severe_event_needs_a_second_different_analyst_to_confirm_it()
    {
        await app.AgreementAsync();
        var at = SomeTimeAgo();

        // Artillery inside the eastern withdrawal zone: a violation with a heavy weapon.
        var id = (await EventsOfAsync(MonitoringTestKit.Observation("team-" + MonitoringTestKit.Unique(), "guns", Spot().Lat, 37.70, at, "weaponInWithdrawalZone", "artillery")))[0];
        var (first, firstUser) = await AnalystAsync();
        var (second, secondUser) = await AnalystAsync();
        using (first)
        using (second)
        {
            await DecidedAsync(first, id, "underReview");
            var once = await DecidedAsync(first, id, "confirmed", "Two guns seen by the patrol.");
            Assert.Equal("high", once.Str("severity"));
            Assert.True(once.GetProperty("fourEyesRequired").GetBoolean());
            Assert.Equal("awaitingSecondConfirmation", once.GetProperty("event").Str("status"));
            Assert.Equal(firstUser.UserName, once.Str("firstConfirmedBy"));

            var version = once.GetProperty("event").GetProperty("version").GetInt32();
            var twice = await (await DecideAsync(first, id, "confirmed", version)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/monitoring.four-eyes");
            Assert.Contains("second, different analyst", twice.Str("detail"), StringComparison.Ordinal);
            Assert.Equal("awaitingSecondConfirmation", (await EventAsync(first, id)).Str("status"));

            var queue = await (await second.GetPathAsync($"/api/v1/events/queue?status=awaitingSecondConfirmation&from={Uri.EscapeDataString(at.AddSeconds(-1).ToString("O"))}&to={Uri.EscapeDataString(at.AddSeconds(1).ToString("O"))}")).JsonAsync(HttpStatusCode.OK);
            Assert.Contains(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("event").Str("id") == id);

            var confirmed = await DecidedAsync(second, id, "confirmed", "Imagery of the same guns.");
            Assert.Equal("confirmed", confirmed.GetProperty("event").Str("status"));
            var decisions = confirmed.GetProperty("decisions").EnumerateArray().ToList();
            Assert.Equal(["review", "confirm", "secondConfirmation"], decisions.Select(d => d.Str("action")));
            Assert.Equal(secondUser.UserName, decisions[2].Str("decidedBy"));
            Assert.Equal(JsonValueKind.Null, confirmed.GetProperty("firstConfirmedBy").ValueKind);
        }
    }

    [Fact]
    public async Task A_decision_on_a_version_someone_else_changed_is_refused_with_409_and_changes_nothing()
    {
        await app.AgreementAsync();
        var (lat, lon) = Spot();
        var id = (await EventsOfAsync(MonitoringTestKit.Observation("feed-" + MonitoringTestKit.Unique(), "1", lat, lon, SomeTimeAgo())))[0];
        var (a, _) = await AnalystAsync();
        var (b, _) = await AnalystAsync();
        using (a)
        using (b)
        {
            var seen = (await EventAsync(a, id)).GetProperty("version").GetInt32();
            await DecidedAsync(b, id, "underReview");

            var stale = await (await DecideAsync(a, id, "rejected", seen)).ProblemAsync(HttpStatusCode.Conflict, "/problems/monitoring.version-conflict");
            Assert.Equal("expectedVersion", stale.Str("field"));
            Assert.Equal("underReview", (await EventAsync(a, id)).Str("status"));

            await (await DecideAsync(a, id, "rejected", null)).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        }
    }

    [Fact]
    public async Task Unknown_statuses_disallowed_transitions_and_missing_reasons_are_clear_problems_and_monitors_may_not_decide()
    {
        await app.AgreementAsync();
        var (lat, lon) = Spot();
        var id = (await EventsOfAsync(MonitoringTestKit.Observation("feed-" + MonitoringTestKit.Unique(), "1", lat, lon, SomeTimeAgo())))[0];
        var (analyst, _) = await AnalystAsync();
        using (analyst)
        {
            var version = (await EventAsync(analyst, id)).GetProperty("version").GetInt32();
            var unknown = await (await DecideAsync(analyst, id, "probablyTrue", version)).ProblemAsync(HttpStatusCode.BadRequest, "/problems/monitoring.status-unknown");
            Assert.Contains("underReview, confirmed, notConfirmed or rejected", unknown.Str("detail"), StringComparison.Ordinal);

            var early = await (await DecideAsync(analyst, id, "confirmed", version)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/monitoring.transition-not-allowed");
            Assert.Contains("reported cannot be confirmed", early.Str("detail"), StringComparison.Ordinal);

            await (await DecideAsync(analyst, id, "underReview", version, "  ")).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
            await (await analyst.GetPathAsync("/api/v1/events/queue?status=confirmed")).ProblemAsync(HttpStatusCode.BadRequest, "/problems/monitoring.status-unknown");
            await (await analyst.GetPathAsync($"/api/v1/events/{Guid.NewGuid()}/decisions")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
            Assert.Equal("reported", (await EventAsync(analyst, id)).Str("status"));
        }

        using var monitor = await app.MonitorAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(monitor, id, "underReview", 1)).StatusCode);
    }

    [Fact]
    public async Task A_split_moves_observations_to_a_new_event_that_a_later_nearby_observation_does_not_undo()
    {
        await app.AgreementAsync();
        var source = "feed-" + MonitoringTestKit.Unique();
        var at = SomeTimeAgo();
        var (lat, lon) = Spot();
        Dictionary<string, object?>[] rows =
        [
            MonitoringTestKit.Observation(source, "1", lat, lon, at),
            MonitoringTestKit.Observation(source, "2", lat + 0.001, lon + 0.001, at.AddMinutes(1)),
            MonitoringTestKit.Observation(source, "3", lat + 0.002, lon + 0.002, at.AddMinutes(2)),
        ];
        var events = await EventsOfAsync(rows);
        Assert.Single(events.Distinct());
        var id = events[0];
        var (analyst, user) = await AnalystAsync();
        using (analyst)
        {
            var detail = await (await analyst.GetPathAsync($"/api/v1/events/{id}")).JsonAsync(HttpStatusCode.OK);
            var third = detail.GetProperty("observations").EnumerateArray().Single(o => o.Str("sourceRef") == "3").Str("id");
            var version = detail.GetProperty("event").GetProperty("version").GetInt32();

            var split = await (await analyst.PostJsonAsync($"/api/v1/events/{id}/split", new
            {
                observationIds = new[] { third },
                reason = "The third sound came from outgoing fire, not the impacts.",
                expectedVersion = version,
            })).JsonAsync(HttpStatusCode.Created);
            var created = split.GetProperty("created").Str("id");
            Assert.Equal(2, split.GetProperty("source").GetProperty("observationCount").GetInt32());
            Assert.Equal(1, split.GetProperty("created").GetProperty("observationCount").GetInt32());

            // Each event is counted in the oblast of its own position, recomputed with it.
            var oblasts = app.Services.GetRequiredService<OblastIndex>();
            Guid[] both = [Guid.Parse(id!), Guid.Parse(created!)];
            var placed = await app.DbAsync(db => db.Events.IgnoreQueryFilters().Where(e => both.Contains(e.Id)).ToListAsync(RegistryTestClient.Ct));
            Assert.Equal(2, placed.Count);
            Assert.All(placed, e => Assert.Equal(oblasts.IsoAt(e.Latitude, e.Longitude) ?? "outside", e.Oblast ?? "outside"));
            Assert.All(placed, e => Assert.StartsWith("UA-", e.Oblast, StringComparison.Ordinal));

            // A replay of the batch and a new observation right next to the split-off one come in.
            using var monitor = await app.MonitorAsync();
            var replay = await monitor.BatchAsync(rows);
            Assert.Equal(3, replay.GetProperty("duplicates").GetInt32());
            var later = await monitor.BatchAsync([MonitoringTestKit.Observation(source, "4", lat + 0.002, lon + 0.002, at.AddMinutes(3))]);
            Assert.Equal(id, later.GetProperty("rows")[0].Str("eventId"));

            var splitOff = await (await analyst.GetPathAsync($"/api/v1/events/{created}")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(["3"], splitOff.GetProperty("observations").EnumerateArray().Select(o => o.Str("sourceRef")));
            Assert.Equal(JsonValueKind.Null, splitOff.GetProperty("event").GetProperty("mergedInto").ValueKind);
            var kept = await (await analyst.GetPathAsync($"/api/v1/events/{id}")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(["1", "2", "4"], kept.GetProperty("observations").EnumerateArray().Select(o => o.Str("sourceRef")).Order());

            var history = await (await analyst.GetPathAsync($"/api/v1/events/{created}/decisions")).JsonAsync(HttpStatusCode.OK);
            var first = history.GetProperty("decisions")[0];
            Assert.Equal("splitFrom", first.Str("action"));
            Assert.Equal(id, first.Str("relatedEventId"));
            Assert.Equal(user.UserName, first.Str("decidedBy"));

            // Splitting off every observation is a merge in disguise, and is refused.
            var all = kept.GetProperty("observations").EnumerateArray().Select(o => o.Str("id")).ToArray();
            var keptVersion = kept.GetProperty("event").GetProperty("version").GetInt32();
            await (await analyst.PostJsonAsync($"/api/v1/events/{id}/split", new { observationIds = all, reason = "All of them.", expectedVersion = keptVersion }))
                .ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/monitoring.split-takes-all");
            await (await analyst.PostJsonAsync($"/api/v1/events/{id}/split", new { observationIds = new[] { third }, reason = "Not here.", expectedVersion = keptVersion }))
                .ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/monitoring.observation-not-in-event");
        }

        var audit = await app.RunCliAsync("audit", "verify");
        Assert.True(audit.ExitCode == 0, audit.Output + audit.Error);
    }

    [Fact]
    public async Task Merged_events_keep_their_history_and_point_to_the_event_that_holds_their_observations()
    {
        await app.AgreementAsync();
        var source = "team-" + MonitoringTestKit.Unique();
        var at = SomeTimeAgo();
        var (lat, lon) = Spot();

        // The same shelling reported twice, hours apart in the reports' own times: correlation keeps them apart.
        var events = await EventsOfAsync(
            MonitoringTestKit.Observation(source, "morning", lat, lon, at),
            MonitoringTestKit.Observation(source, "evening", lat, lon, at.AddHours(2)));
        Assert.Equal(2, events.Distinct().Count());
        var (keep, gone) = (events[0], events[1]);
        var (analyst, _) = await AnalystAsync();
        using (analyst)
        {
            var refs = new[]
            {
                new { id = keep, expectedVersion = (await EventAsync(analyst, keep)).GetProperty("version").GetInt32() },
                new { id = gone, expectedVersion = (await EventAsync(analyst, gone)).GetProperty("version").GetInt32() },
            };
            var merged = await (await analyst.PostJsonAsync("/api/v1/events/merge", new { events = refs, reason = "The evening report restates the morning shelling." }))
                .JsonAsync(HttpStatusCode.OK);
            Assert.Equal(keep, merged.GetProperty("event").Str("id"));
            Assert.Equal(2, merged.GetProperty("event").GetProperty("observationCount").GetInt32());
            Assert.Equal([gone], merged.GetProperty("merged").EnumerateArray().Select(m => m.GetString()));

            var survivor = await (await analyst.GetPathAsync($"/api/v1/events/{keep}")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(["evening", "morning"], survivor.GetProperty("observations").EnumerateArray().Select(o => o.Str("sourceRef")).Order());
            var old = await EventAsync(analyst, gone);
            Assert.Equal(keep, old.Str("mergedInto"));
            var oldHistory = await (await analyst.GetPathAsync($"/api/v1/events/{gone}/decisions")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal("mergedInto", oldHistory.GetProperty("decisions")[0].Str("action"));

            // A merged event takes no more decisions, and the queue and lists show only the survivor.
            await (await DecideAsync(analyst, gone, "underReview", old.GetProperty("version").GetInt32())).ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/monitoring.event-merged");
            var queue = await (await analyst.GetPathAsync($"/api/v1/events/queue?from={Uri.EscapeDataString(at.AddSeconds(-1).ToString("O"))}&to={Uri.EscapeDataString(at.AddHours(2).AddSeconds(1).ToString("O"))}&family=fire")).JsonAsync(HttpStatusCode.OK);
            var waiting = queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("event").Str("id")).ToList();
            Assert.Contains(keep, waiting);
            Assert.DoesNotContain(gone, waiting);
        }

        // The moved observation is locked against automatic correlation; the one that stayed is not.
        var placed = await app.DbAsync(db => Task.FromResult(db.Observations.Where(o => o.Source == source).OrderBy(o => o.SourceRef)
            .Select(o => new { o.SourceRef, o.EventId, o.CorrelationLocked }).ToList()));
        Assert.All(placed, o => Assert.Equal(Guid.Parse(keep), o.EventId));
        Assert.Equal([("evening", true), ("morning", false)], placed.Select(o => (o.SourceRef, o.CorrelationLocked)));
    }

    [Fact]
    public async Task An_analyst_without_release_finds_neither_the_event_nor_its_decisions_nor_counts_it_in_the_queue()
    {
        await app.AgreementAsync();
        var at = SomeTimeAgo();
        var (lat, lon) = Spot();
        var row = MonitoringTestKit.Observation("feed-" + MonitoringTestKit.Unique(), "1", lat, lon, at, classification: "CONFIDENTIAL");
        row["releasableTo"] = "GBR CSEC";
        var id = (await EventsOfAsync(row))[0];
        var window = $"from={Uri.EscapeDataString(at.AddSeconds(-1).ToString("O"))}&to={Uri.EscapeDataString(at.AddSeconds(1).ToString("O"))}";

        // Other tests' events may overlap the window; the two analysts' counts differ by this event alone.
        int clearedTotal;
        var (cleared, _) = await AnalystAsync();
        using (cleared)
        {
            await DecidedAsync(cleared, id, "underReview", "Restricted sensor report.");
            var queue = await (await cleared.GetPathAsync($"/api/v1/events/queue?{window}")).JsonAsync(HttpStatusCode.OK);
            Assert.Contains(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("event").Str("id") == id);
            clearedTotal = queue.GetProperty("total").GetInt32();
        }

        var (pol, _) = await AnalystAsync("POL", ClassificationLevels.Secret);
        using (pol)
        {
            await (await pol.GetPathAsync($"/api/v1/events/{id}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
            await (await pol.GetPathAsync($"/api/v1/events/{id}/decisions")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
            await (await DecideAsync(pol, id, "rejected", 2)).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
            var queue = await (await pol.GetPathAsync($"/api/v1/events/queue?{window}")).JsonAsync(HttpStatusCode.OK);
            Assert.DoesNotContain(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("event").Str("id") == id);
            Assert.Equal(clearedTotal - 1, queue.GetProperty("total").GetInt32());
            var page = await pol.GetPathAsync($"/monitoring/events/{id}");
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.DoesNotContain("Restricted sensor report", await page.Content.ReadAsStringAsync(RegistryTestClient.Ct), StringComparison.Ordinal);
        }
    }
}

public sealed class EventVerificationTestsOnSqlite(SqliteApp app) : EventVerificationTests<SqliteApp>(app);

public sealed class EventVerificationTestsOnPostgres(PostgresApp app) : EventVerificationTests<PostgresApp>(app);
