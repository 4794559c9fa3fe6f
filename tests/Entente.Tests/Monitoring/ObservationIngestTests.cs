using System.Net;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Registry;

namespace Entente.Tests.Monitoring;

public abstract class ObservationIngestTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    [Fact]
    public async Task A_batch_stores_good_rows_once_reports_bad_rows_by_field_and_a_replay_stores_nothing_twice()
    {
        await app.AgreementAsync();
        using var monitor = await app.MonitorAsync();
        var source = "feed-" + MonitoringTestKit.Unique();
        var at = DateTimeOffset.UtcNow.AddHours(-2);
        object[] rows =
        [
            MonitoringTestKit.Observation(source, "1", 48.0, 37.45, at),
            MonitoringTestKit.Observation(source, "2", 91.0, 37.45, at),
            MonitoringTestKit.Observation(source, "3", 48.0, 37.45, DateTimeOffset.UtcNow.AddDays(2)),
            MonitoringTestKit.Observation(source, "4", 48.0, 37.45, at, type: "fireworks"),
            MonitoringTestKit.Observation(source, "5", 40.0, 20.0, at),
            MonitoringTestKit.Observation(source, "6", 48.2, 37.45, DateTimeOffset.UtcNow.AddDays(-20)),
            MonitoringTestKit.Observation(source, "7", 48.3, 37.70, at, type: "weaponInWithdrawalZone", weapon: "artillery"),
        ];

        var result = await monitor.BatchAsync(rows);
        Assert.Equal(2, result.GetProperty("stored").GetInt32());
        Assert.Equal(5, result.GetProperty("rejected").GetInt32());
        var byRow = result.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("row").GetInt32());
        Assert.Equal("stored", byRow[1].Str("outcome"));
        Assert.Equal("monitoring.position-invalid", byRow[2].Str("code"));
        Assert.Equal("monitoring.time-in-future", byRow[3].Str("code"));
        Assert.Equal("monitoring.type-unknown", byRow[4].Str("code"));
        Assert.Equal("monitoring.position-far-from-agreement", byRow[5].Str("code"));
        Assert.Equal("monitoring.no-agreement-in-force", byRow[6].Str("code"));
        Assert.Equal("stored", byRow[7].Str("outcome"));

        var replay = await monitor.BatchAsync(rows);
        Assert.Equal(0, replay.GetProperty("stored").GetInt32());
        Assert.Equal(2, replay.GetProperty("duplicates").GetInt32());
        Assert.Equal(2, await app.DbAsync(db => Task.FromResult(db.Observations.Count(o => o.Source == source))));

        var audit = await app.RunCliAsync("audit", "verify");
        Assert.True(audit.ExitCode == 0, audit.Output + audit.Error);
    }

    [Fact]
    public async Task An_observation_is_placed_against_the_agreement_zones_line_and_side_and_violations_are_flagged()
    {
        await app.AgreementAsync();
        using var monitor = await app.MonitorAsync();
        var source = "team-" + MonitoringTestKit.Unique();
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        var result = await monitor.BatchAsync(
        [
            MonitoringTestKit.Observation(source, "west-fire", 48.0, 37.46, at),
            MonitoringTestKit.Observation(source, "east-guns", 48.5, 37.70, at.AddHours(-3), type: "weaponInWithdrawalZone", weapon: "artillery"),
            MonitoringTestKit.Observation(source, "far-west-movement", 48.9, 37.0, at.AddHours(-6), type: "movement"),
        ]);
        var ids = result.GetProperty("rows").EnumerateArray().Select(r => r.Str("observationId")).ToList();

        var west = await (await monitor.GetPathAsync($"/api/v1/observations/{ids[0]}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("West", west.Str("sideOfLine"));
        Assert.InRange(west.GetProperty("distanceToLineMetres").GetDouble(), 2_800, 3_200);
        Assert.Equal("Security zone", west.Str("zones"));
        Assert.True(west.GetProperty("isViolation").GetBoolean());

        var east = await (await monitor.GetPathAsync($"/api/v1/observations/{ids[1]}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("East", east.Str("sideOfLine"));
        Assert.Contains("Eastern artillery withdrawal zone", east.Str("zones"), StringComparison.Ordinal);
        Assert.True(east.GetProperty("isViolation").GetBoolean());

        var away = await (await monitor.GetPathAsync($"/api/v1/observations/{ids[2]}")).JsonAsync(HttpStatusCode.OK);
        Assert.False(away.GetProperty("isViolation").GetBoolean());
        Assert.Equal(JsonValueKindNull, away.GetProperty("zones").ValueKind);
        Assert.InRange(away.GetProperty("distanceToLineMetres").GetDouble(), 35_000, 40_000);
    }

    [Fact]
    public async Task Reports_of_one_event_from_several_sources_become_one_event_whatever_the_arrival_order()
    {
        await app.AgreementAsync();
        using var monitor = await app.MonitorAsync();
        var run = MonitoringTestKit.Unique();
        var at = DateTimeOffset.UtcNow.AddHours(-3);

        // A chain: a–b 1 km apart, b–c 1 km apart (a–c 2 km, beyond the 1.5 km rule): one event through b.
        var a = MonitoringTestKit.Observation("sensor-" + run, "a", 48.100, 37.42, at);
        var b = MonitoringTestKit.Observation("team-" + run, "b", 48.109, 37.42, at.AddMinutes(3));
        var c = MonitoringTestKit.Observation("osint-" + run, "c", 48.118, 37.42, at.AddMinutes(6));
        var lone = MonitoringTestKit.Observation("sensor-" + run, "far", 48.300, 37.42, at);

        // a and c first (two events), then b joins them: the events merge.
        await monitor.BatchAsync([a, c, lone]);
        var merged = await monitor.BatchAsync([b]);
        var eventId = merged.GetProperty("rows")[0].Str("eventId");
        var detail = await (await monitor.GetPathAsync($"/api/v1/events/{eventId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, detail.GetProperty("event").GetProperty("observationCount").GetInt32());
        Assert.Contains("1,500 m", detail.Str("correlationRule"), StringComparison.Ordinal);

        // The same observations in one batch, in another order, under other source ids: the same grouping.
        var run2 = MonitoringTestKit.Unique();
        var at2 = at.AddHours(-1);
        var together = await monitor.BatchAsync(
        [
            MonitoringTestKit.Observation("sensor-" + run2, "far", 48.300, 37.42, at2),
            MonitoringTestKit.Observation("team-" + run2, "b", 48.109, 37.42, at2.AddMinutes(3)),
            MonitoringTestKit.Observation("osint-" + run2, "c", 48.118, 37.42, at2.AddMinutes(6)),
            MonitoringTestKit.Observation("sensor-" + run2, "a", 48.100, 37.42, at2),
        ]);
        var events = together.GetProperty("rows").EnumerateArray().Select(r => r.Str("eventId")).ToList();
        Assert.Equal(events[1], events[2]);
        Assert.Equal(events[1], events[3]);
        Assert.NotEqual(events[0], events[1]);
    }

    [Fact]
    public async Task A_monitor_without_release_cannot_see_or_count_a_confidential_observation_or_its_event()
    {
        await app.AgreementAsync();
        using var monitor = await app.MonitorAsync(ClassificationLevels.Confidential);
        var source = "sensitive-" + MonitoringTestKit.Unique();
        var result = await monitor.BatchAsync([MonitoringTestKit.Observation(source, "1", 48.6, 37.3, DateTimeOffset.UtcNow.AddHours(-1), classification: "CONFIDENTIAL")]);
        var id = result.GetProperty("rows")[0].Str("observationId");
        var eventId = result.GetProperty("rows")[0].Str("eventId");

        using var restricted = await app.ClientAsync("Analyst", "CSEC", ClassificationLevels.Restricted);
        await (await restricted.GetPathAsync($"/api/v1/observations/{id}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await (await restricted.GetPathAsync($"/api/v1/events/{eventId}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        var list = await (await restricted.GetPathAsync($"/api/v1/observations?source={source}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("total").GetInt32());

        using var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetPathAsync($"/api/v1/observations/{id}")).StatusCode);
        using var delegateClient = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        Assert.Equal(HttpStatusCode.Forbidden, (await delegateClient.SendBatchAsync("{}", "application/x-ndjson")).StatusCode);
    }

    [Fact]
    public async Task A_CSV_batch_is_read_by_its_header_and_a_bad_file_is_a_clear_error()
    {
        await app.AgreementAsync();
        using var monitor = await app.MonitorAsync();
        var source = "csv-" + MonitoringTestKit.Unique();
        var at = DateTimeOffset.UtcNow.AddHours(-1).ToString("O");
        var csv = $"source_kind,source,source_ref,observed_from,observer_latitude,observer_longitude,bearing_degrees,distance_band,means,type,count\n" +
                  $"monitorTeam,{source},r1,{at},48.0,37.30,90,threeToFiveKm,heard,explosionUndetermined,4\n" +
                  $"monitorTeam,{source},r2,{at},48.0,not-a-number,90,threeToFiveKm,heard,bursts,2\n";
        var result = await (await monitor.SendBatchAsync(csv, "text/csv")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, result.GetProperty("stored").GetInt32());
        var rejected = result.GetProperty("rows").EnumerateArray().Single(r => r.Str("outcome") == "rejected");
        Assert.Equal(3, rejected.GetProperty("row").GetInt32());
        Assert.Contains("observerLongitude", rejected.Str("message"), StringComparison.Ordinal);

        var stored = await (await monitor.GetPathAsync($"/api/v1/observations/{result.GetProperty("rows")[0].Str("observationId")}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("estimated", stored.Str("geoPrecision"));
        Assert.InRange(stored.GetProperty("longitude").GetDouble(), 37.34, 37.37);

        await (await monitor.SendBatchAsync("colour,size\nred,big\n", "text/csv")).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await monitor.SendBatchAsync("<xml/>", "application/xml")).StatusCode);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}

public sealed class ObservationIngestTestsOnSqlite(SqliteApp app) : ObservationIngestTests<SqliteApp>(app);

public sealed class ObservationIngestTestsOnPostgres(PostgresApp app) : ObservationIngestTests<PostgresApp>(app);
