using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Entente.Infrastructure.Labels;
using Entente.Modules.Monitoring.Contracts;
using Entente.Modules.Monitoring.Domain;
using Entente.Modules.Monitoring.Pages;
using Entente.Testing;
using Entente.Tests.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace Entente.Tests.Monitoring;

public abstract partial class MonitoringMapTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    /// <summary>
    /// The tests that filter by time work on days of their own (imports are precise to the day, so an imported row
    /// spans its whole day), so that a time filter holds only the test's own records.
    /// </summary>
    private static string Window(DateTimeOffset at) =>
        $"from={Uri.EscapeDataString(at.AddMinutes(-1).ToString("O"))}&to={Uri.EscapeDataString(at.AddMinutes(1).ToString("O"))}";

    private static DateTimeOffset DayAt(int daysAgo, int hour) => new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-daysAgo).AddHours(hour);

    private static DateTimeOffset Hour(int hoursAgo)
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-hoursAgo);
    }

    /// <summary>An agreement that began six days ago, so that the time-filtered tests' days and day-precise imports fall inside it.</summary>
    private async Task AgreementSinceAsync()
    {
        using var secretariat = await app.SecretariatAsync();
        var code = "CF-" + MonitoringTestKit.Unique().ToUpperInvariant();
        await (await secretariat.PostJsonAsync("/api/v1/agreements", MonitoringTestKit.Agreement(code, DateTimeOffset.UtcNow.AddDays(-6))))
            .JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_caller_without_release_neither_sees_nor_counts_a_confidential_observation_or_its_event()
    {
        await AgreementSinceAsync();
        using var monitor = await app.MonitorAsync();
        var source = "team-" + MonitoringTestKit.Unique();
        var at = DayAt(2, 6);
        var stored = await monitor.BatchAsync(
        [
            MonitoringTestKit.Observation(source, "open", 48.0, 37.45, at, classification: "RESTRICTED"),
            MonitoringTestKit.Observation(source, "secret", 48.6, 37.45, at, classification: "CONFIDENTIAL"),
        ]);
        Assert.Equal(2, stored.GetProperty("stored").GetInt32());
        using var delegateGbr = await app.DelegateAsync("GBR", ClassificationLevels.Restricted);

        foreach (var layer in new[] { "observations", "events" })
        {
            var all = await (await monitor.GetPathAsync($"/api/v1/monitoring/map?layer={layer}&{Window(at)}")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(2, all.GetProperty("features").GetArrayLength());
            var some = await (await delegateGbr.GetPathAsync($"/api/v1/monitoring/map?layer={layer}&{Window(at)}")).JsonAsync(HttpStatusCode.OK);
            var feature = Assert.Single(some.GetProperty("features").EnumerateArray());
            Assert.Equal(48.0, feature.GetProperty("geometry").GetProperty("coordinates")[1].GetDouble(), 4);

            var countedForMonitor = await (await monitor.GetPathAsync($"/api/v1/monitoring/oblast-counts?layer={layer}&{Window(at)}")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(2, countedForMonitor.GetProperty("total").GetInt32());
            var countedForDelegate = await (await delegateGbr.GetPathAsync($"/api/v1/monitoring/oblast-counts?layer={layer}&{Window(at)}")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(1, countedForDelegate.GetProperty("total").GetInt32());
            var donetsk = Assert.Single(countedForDelegate.GetProperty("oblasts").EnumerateArray());
            Assert.Equal("UA-14", donetsk.Str("iso"));
            Assert.Equal(1, donetsk.GetProperty("count").GetInt32());
        }

        // The export of the same view holds no more than the map.
        var csv = await (await delegateGbr.GetPathAsync($"/api/v1/monitoring/export?format=acled&layer=observations&{Window(at)}")).Content.ReadAsStringAsync(RegistryTestClient.Ct);
        Assert.DoesNotContain("48.6", csv, StringComparison.Ordinal);
        Assert.Contains("48,37.45", csv.Replace("48.0", "48", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delegate_who_draws_a_confidential_point_on_the_map_leaves_a_read_in_the_audit_log()
    {
        await AgreementSinceAsync();
        using var monitor = await app.MonitorAsync();
        var source = "team-" + MonitoringTestKit.Unique();
        var at = DayAt(4, 11);
        await monitor.BatchAsync([MonitoringTestKit.Observation(source, "seen", 48.3, 37.45, at, classification: "CONFIDENTIAL")]);
        using var delegateFra = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);

        var map = await (await delegateFra.GetPathAsync($"/api/v1/monitoring/map?layer=observations&{Window(at)}")).JsonAsync(HttpStatusCode.OK);

        // Other tests' day-precise imports may share the window; the point is the one this monitor filed.
        var id = Assert.Single(map.GetProperty("features").EnumerateArray(), f => f.GetProperty("properties").Str("source") == source).GetProperty("id").GetString();
        Assert.True(await app.DbAsync(db => db.AuditEntries.AnyAsync(
            e => e.Action == Entente.Modules.Audit.Domain.AuditActions.Read && e.ActorMember == "FRA" && (e.EntityId == id || (e.Details != null && e.Details.Contains(id!))),
            RegistryTestClient.Ct)));
    }

    [Fact]
    public async Task The_counts_per_oblast_are_those_of_the_points_on_the_map_and_leave_out_what_the_caller_may_not_see()
    {
        await AgreementSinceAsync();
        using var monitor = await app.MonitorAsync();
        var source = "oblasts-" + MonitoringTestKit.Unique();
        var at = DayAt(3, 5);
        var stored = await monitor.BatchAsync(
        [
            MonitoringTestKit.Observation(source, "donetsk-north", 48.0, 37.45, at, classification: "RESTRICTED"),
            MonitoringTestKit.Observation(source, "donetsk-south", 47.6, 37.9, at, classification: "RESTRICTED"),
            MonitoringTestKit.Observation(source, "kharkiv", 49.19, 37.28, at, classification: "RESTRICTED"),
            MonitoringTestKit.Observation(source, "luhansk", 48.9, 38.4, at, classification: "RESTRICTED"),
            MonitoringTestKit.Observation(source, "russia", 47.3, 38.6, at, classification: "RESTRICTED"),
            MonitoringTestKit.Observation(source, "kramatorsk", 48.72, 37.55, at, classification: "CONFIDENTIAL"),
        ]);
        Assert.Equal(6, stored.GetProperty("stored").GetInt32());
        using var delegateGbr = await app.DelegateAsync("GBR", ClassificationLevels.Restricted);
        var index = app.Services.GetRequiredService<OblastIndex>();
        Assert.Null(index.Find(47.3, 38.6));

        foreach (var layer in new[] { "observations", "events" })
        {
            foreach (var (caller, visible, donetsk) in new[] { (monitor, 6, 3), (delegateGbr, 5, 2) })
            {
                // What the map draws, placed in its oblast here, is what the database counted per oblast.
                var map = await (await caller.GetPathAsync($"/api/v1/monitoring/map?layer={layer}&{Window(at)}")).JsonAsync(HttpStatusCode.OK);
                var points = map.GetProperty("features").EnumerateArray()
                    .Select(f => f.GetProperty("geometry").GetProperty("coordinates"))
                    .Select(c => index.Find(c[1].GetDouble(), c[0].GetDouble())?.Iso ?? "outside")
                    .CountBy(iso => iso).OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
                var counts = await (await caller.GetPathAsync($"/api/v1/monitoring/oblast-counts?layer={layer}&{Window(at)}")).JsonAsync(HttpStatusCode.OK);
                var counted = counts.GetProperty("oblasts").EnumerateArray()
                    .Select(o => new KeyValuePair<string, int>(o.Str("iso")!, o.GetProperty("count").GetInt32()))
                    .Append(new KeyValuePair<string, int>("outside", counts.GetProperty("outsideUkraine").GetInt32()))
                    .OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
                Assert.Equal(points, counted);
                Assert.Equal(visible, counts.GetProperty("total").GetInt32());
                Assert.Equal(
                    [new("UA-09", 1), new("UA-14", donetsk), new("UA-63", 1), new KeyValuePair<string, int>("outside", 1)],
                    counted);
            }
        }
    }

    [Fact]
    public async Task A_map_without_a_period_shows_the_latest_year_on_its_timeline()
    {
        await AgreementSinceAsync();
        using var monitor = await app.MonitorAsync();
        var source = "history-" + MonitoringTestKit.Unique();
        await monitor.BatchAsync(
        [
            MonitoringTestKit.Observation(source, "recent", 48.0, 37.45, Hour(1)),
            MonitoringTestKit.Observation(source, "this-year", 48.3, 37.45, DayAt(5, 3)),
            MonitoringTestKit.Observation(source, "last-year", 48.6, 37.45, DayAt(5, 4)),
        ]);

        // Two reports moved back, with their events, as if the agreement had held that long: one 300 days, one 500.
        var thisYear = DateTime.UtcNow.Date.AddDays(-300).AddHours(3);
        var lastYear = DateTime.UtcNow.Date.AddDays(-500).AddHours(3);
        foreach (var (sourceRef, at) in new[] { ("this-year", thisYear), ("last-year", lastYear) })
        {
            await app.DbAsync(async db =>
            {
                var moved = await db.Observations.IgnoreQueryFilters().SingleAsync(o => o.Source == source && o.SourceRef == sourceRef, RegistryTestClient.Ct);
                await db.Observations.IgnoreQueryFilters().Where(o => o.Id == moved.Id).ExecuteUpdateAsync(
                    u => u.SetProperty(o => o.ObservedFrom, at).SetProperty(o => o.ObservedTo, at.AddMinutes(10)), RegistryTestClient.Ct);
                return await db.Events.IgnoreQueryFilters().Where(e => e.Id == moved.EventId).ExecuteUpdateAsync(
                    u => u.SetProperty(e => e.StartsAt, at).SetProperty(e => e.EndsAt, at.AddMinutes(10)), RegistryTestClient.Ct);
            });
        }

        foreach (var layer in new[] { "observations", "events" })
        {
            var newest = await (await monitor.GetPathAsync($"/api/v1/monitoring/map?layer={layer}&limit=1")).JsonAsync(HttpStatusCode.OK);
            var lastDay = DateOnly.FromDateTime(newest.GetProperty("features")[0].GetProperty("properties").GetProperty("startsAt").GetDateTime().ToUniversalTime());
            var html = WebUtility.HtmlDecode(await (await monitor.GetPathAsync($"/monitoring/map?layer={layer}")).Content.ReadAsStringAsync(RegistryTestClient.Ct));
            var days = TimelineDay().Matches(html).Select(m => DateOnly.ParseExact(m.Groups[1].Value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();

            // The year up to the newest record, not the first year on record; the page says which days these are.
            Assert.Equal(lastDay, days[^1]);
            Assert.InRange(days[0], lastDay.AddDays(1 - MapQuery.TimelineDays), DateOnly.FromDateTime(thisYear));
            Assert.Contains(DateOnly.FromDateTime(thisYear), days);
            Assert.DoesNotContain(DateOnly.FromDateTime(lastYear), days);
            Assert.Contains($"per day, {MonitoringText.Day(days[0])} to {MonitoringText.Day(lastDay)}", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_map_view_exports_as_a_valid_geojson_feature_collection()
    {
        await AgreementSinceAsync();
        using var monitor = await app.MonitorAsync();
        var source = "sensor-" + MonitoringTestKit.Unique();
        var at = DayAt(2, 9);
        await monitor.BatchAsync(
        [
            MonitoringTestKit.Observation(source, "a", 48.1, 37.45, at),
            MonitoringTestKit.Observation(source, "b", 48.4, 37.70, at, type: "weaponInWithdrawalZone", weapon: "artillery"),
        ]);

        var response = await monitor.GetPathAsync($"/api/v1/monitoring/export?format=geojson&layer=observations&{Window(at)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".geojson", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        using var geo = JsonDocument.Parse(await response.Content.ReadAsStringAsync(RegistryTestClient.Ct));
        Assert.Equal("FeatureCollection", geo.RootElement.Str("type"));
        var features = geo.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(2, features.Count);
        foreach (var f in features)
        {
            Assert.Equal("Feature", f.Str("type"));
            Assert.True(Guid.TryParse(f.Str("id"), out _));
            var geometry = f.GetProperty("geometry");
            Assert.Equal("Point", geometry.Str("type"));
            var position = geometry.GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()).ToList();

            // RFC 7946: longitude first.
            Assert.Equal(2, position.Count);
            Assert.InRange(position[0], 37.4, 37.8);
            Assert.InRange(position[1], 48.0, 48.5);
            Assert.Equal(JsonValueKind.Object, f.GetProperty("properties").ValueKind);
        }

        var withdrawal = features.Single(f => f.GetProperty("properties").Str("type") == "weaponInWithdrawalZone");
        Assert.True(withdrawal.GetProperty("properties").GetProperty("violation").GetBoolean());
        Assert.Equal("artillery", withdrawal.GetProperty("properties").Str("weapon"));

        var unknown = await monitor.GetPathAsync("/api/v1/monitoring/map?type=fireworks");
        await unknown.ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
    }

    [Fact]
    public async Task An_acled_export_imported_again_gives_the_same_positions_and_types_once()
    {
        await AgreementSinceAsync();
        using var monitor = await app.MonitorAsync();
        var source = "team-" + MonitoringTestKit.Unique();
        var at = DayAt(4, 6);
        await monitor.BatchAsync(
        [
            MonitoringTestKit.Observation(source, "1", 48.05, 37.46, at),
            MonitoringTestKit.Observation(source, "2", 48.25, 37.40, at, type: "bursts"),
            MonitoringTestKit.Observation(source, "3", 48.45, 37.70, at, type: "weaponInWithdrawalZone", weapon: "artillery"),
            MonitoringTestKit.Observation(source, "4", 48.65, 37.30, at, type: "illuminationFlares"),
        ]);
        var exported = await (await monitor.GetPathAsync($"/api/v1/monitoring/export?format=acled&layer=observations&{Window(at)}"))
            .Content.ReadAsStringAsync(RegistryTestClient.Ct);
        var lines = exported.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1", lines[0], StringComparison.Ordinal);
        Assert.Equal(5, lines.Length);
        Assert.Contains(lines, l => l.Contains("Shelling/artillery/missile attack", StringComparison.Ordinal) && l.Contains("Donetsk Oblast", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Armed clash", StringComparison.Ordinal));

        var imported = await ImportAsync(monitor, exported);
        Assert.True(imported.GetProperty("stored").GetInt32() == 4, imported.ToString());
        var ids = imported.GetProperty("rows").EnumerateArray().Select(r => Guid.Parse(r.Str("observationId"))).ToList();

        var (originals, copies) = await app.DbAsync(async db =>
        {
            var o = await db.Observations.IgnoreQueryFilters().Where(x => x.Source == source).ToListAsync(RegistryTestClient.Ct);
            var c = await db.Observations.IgnoreQueryFilters().Where(x => ids.Contains(x.Id)).ToListAsync(RegistryTestClient.Ct);
            return (o, c);
        });
        static string Key(Observation o) => FormattableString.Invariant($"{o.Type} {o.Weapon} {o.Latitude:0.00000} {o.Longitude:0.00000} {o.Count}");
        Assert.Equal(originals.Select(Key).Order(), copies.Select(Key).Order());
        Assert.All(copies, c =>
        {
            Assert.Equal(SourceKind.OpenSource, c.SourceKind);
            Assert.Equal("ACLED", c.Source);
            Assert.StartsWith("ENTO-", c.SourceRef, StringComparison.Ordinal);
            Assert.Equal(GeoPrecision.Settlement, c.GeoPrecision);
        });

        // Keyed by ACLED's event id: importing the file again stores nothing.
        var again = await ImportAsync(monitor, exported);
        Assert.Equal(0, again.GetProperty("stored").GetInt32());
        Assert.Equal(4, again.GetProperty("duplicates").GetInt32());
    }

    [Fact]
    public async Task An_acled_row_is_typed_from_its_sub_event_type_and_a_row_without_counterpart_is_rejected_with_its_reason()
    {
        await AgreementSinceAsync();
        using var analyst = await app.ClientAsync("Analyst", "CSEC", ClassificationLevels.Confidential);
        var day = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var id = "UKR" + MonitoringTestKit.Unique();
        var csv = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,latitude,longitude,geo_precision,source,notes\r\n"
            + $"{id}1,{day},2026,1,Political violence,Explosions/Remote violence,Air/drone strike,Side A,48.1,37.6,2,Local media,Drone strike near the line\r\n"
            + $"{id}2,{day},2026,1,Demonstrations,Protests,Peaceful protest,,48.2,37.6,1,Local media,A protest\r\n";
        var result = await ImportAsync(analyst, csv);
        Assert.True(result.GetProperty("stored").GetInt32() == 1, result.ToString());
        var rows = result.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal("rejected", rows[1].Str("outcome"));
        Assert.Contains("Peaceful protest", rows[1].Str("message"), StringComparison.Ordinal);
        var stored = await (await analyst.GetPathAsync($"/api/v1/observations/{rows[0].Str("observationId")}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("ExplosionImpact", stored.Str("type"), ignoreCase: true);
        Assert.Equal("Drone", stored.Str("weapon"), ignoreCase: true);
        Assert.Equal("District", stored.Str("geoPrecision"), ignoreCase: true);
        Assert.Equal("Side A", stored.Str("attributedParty"));
    }

    [Fact]
    public async Task The_monitors_phone_form_stores_an_observation_given_by_position_or_by_bearing_and_distance()
    {
        await app.AgreementAsync();
        using var monitor = await app.MonitorAsync();
        var team = "team-" + MonitoringTestKit.Unique();
        var at = Hour(11).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Dictionary<string, string> Fields(string reference) => new()
        {
            ["Input.Source"] = team,
            ["Input.SourceRef"] = reference,
            ["Input.ObservedAt"] = at,
            ["Input.TimePrecision"] = "Minute",
            ["Input.Type"] = "ExplosionImpact",
            ["Input.Count"] = "3",
            ["Input.Means"] = "Heard",
            ["Input.Weapon"] = "Mortar",
            ["Input.Confidence"] = "High",
            ["Input.Classification"] = "RESTRICTED",
            ["Input.GeoPrecision"] = "Exact",
            ["Input.DistanceBand"] = "ThreeToFiveKm",
        };

        var byPoint = Fields("R-1");
        byPoint["Input.Mode"] = "Point";
        byPoint["Input.Latitude"] = "48.3";
        byPoint["Input.Longitude"] = "37.45";
        var page = await PostFormAsync(monitor, "/monitoring/observe", "observe", byPoint);
        Assert.Contains("Observation stored", page, StringComparison.Ordinal);

        var byBearing = Fields("R-2");
        byBearing["Input.Mode"] = "Bearing";
        byBearing["Input.ObserverLatitude"] = "48.3";
        byBearing["Input.ObserverLongitude"] = "37.2";
        byBearing["Input.BearingDegrees"] = "90";
        page = await PostFormAsync(monitor, "/monitoring/observe", "observe", byBearing);
        Assert.Contains("Observation stored", page, StringComparison.Ordinal);

        var stored = await app.DbAsync(db => db.Observations.IgnoreQueryFilters().Where(o => o.Source == team).OrderBy(o => o.SourceRef).ToListAsync(RegistryTestClient.Ct));
        Assert.Equal(2, stored.Count);
        Assert.All(stored, o =>
        {
            Assert.Equal(SourceKind.MonitorTeam, o.SourceKind);
            Assert.Equal(ObservationType.ExplosionImpact, o.Type);
            Assert.Equal(3, o.Count);
            Assert.Equal(WeaponClass.Mortar, o.Weapon);
            Assert.Equal(ClassificationLevels.Restricted, o.Label.Classification);
        });
        Assert.Equal(GeoPrecision.Exact, stored[0].GeoPrecision);
        Assert.Equal(GeoPrecision.Estimated, stored[1].GeoPrecision);
        Assert.Equal(DistanceBand.ThreeToFiveKm, stored[1].DistanceBand);

        // Four kilometres east of the observer.
        Assert.InRange(stored[1].Longitude, 37.25, 37.27);

        // The same report sent twice is stored once.
        page = await PostFormAsync(monitor, "/monitoring/observe", "observe", byPoint);
        Assert.Contains("stored before", page, StringComparison.Ordinal);
        Assert.Equal(2, await app.DbAsync(db => db.Observations.IgnoreQueryFilters().CountAsync(o => o.Source == team, RegistryTestClient.Ct)));
    }

    [Fact]
    public async Task The_analysts_open_source_entry_needs_a_citation_and_stores_it()
    {
        await app.AgreementAsync();
        using var analyst = await app.ClientAsync("Analyst", "CSEC", ClassificationLevels.Confidential);
        var outlet = "outlet-" + MonitoringTestKit.Unique();
        var fields = new Dictionary<string, string>
        {
            ["Input.Source"] = outlet,
            ["Input.SourceRef"] = "article-1",
            ["Input.ObservedAt"] = Hour(12).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.TimePrecision"] = "Hour",
            ["Input.Type"] = "Casualties",
            ["Input.Count"] = "2",
            ["Input.Means"] = "Reported",
            ["Input.Weapon"] = "Unknown",
            ["Input.Confidence"] = "Low",
            ["Input.Classification"] = "RESTRICTED",
            ["Input.Mode"] = "Point",
            ["Input.Latitude"] = "48.0",
            ["Input.Longitude"] = "37.5",
            ["Input.GeoPrecision"] = "Settlement",
            ["Input.DistanceBand"] = "OneToThreeKm",
        };
        var refused = await PostFormAsync(analyst, "/monitoring/open-source", "open-source", fields);
        Assert.Contains("Give the citation", refused, StringComparison.Ordinal);

        fields["Input.CitationUrl"] = "https://example.org/news/1";
        var page = await PostFormAsync(analyst, "/monitoring/open-source", "open-source", fields);
        Assert.Contains("Observation stored", page, StringComparison.Ordinal);
        var stored = await app.DbAsync(db => db.Observations.IgnoreQueryFilters().SingleAsync(o => o.Source == outlet, RegistryTestClient.Ct));
        Assert.Equal(SourceKind.OpenSource, stored.SourceKind);
        Assert.Equal("https://example.org/news/1", stored.CitationUrl);
        Assert.Equal(GeoPrecision.Settlement, stored.GeoPrecision);
    }

    [Fact]
    public async Task The_public_page_shows_only_aggregates_of_public_events()
    {
        await app.AgreementAsync();
        using var monitor = await app.MonitorAsync();
        var source = "public-" + MonitoringTestKit.Unique();
        await monitor.BatchAsync(
        [
            MonitoringTestKit.Observation(source, "p1", 48.0, 37.45, Hour(15), classification: "PUBLIC"),
            MonitoringTestKit.Observation(source, "p2", 48.0, 37.45, Hour(18), classification: "PUBLIC"),
            MonitoringTestKit.Observation(source, "r1", 49.19, 37.28, Hour(15), classification: "RESTRICTED"),
            MonitoringTestKit.Observation(source, "c1", 49.19, 37.28, Hour(18), classification: "CONFIDENTIAL"),
        ]);

        using var anonymous = app.Anonymous();
        var response = await anonymous.GetAsync(new Uri("/monitoring/public", UriKind.Relative), RegistryTestClient.Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(RegistryTestClient.Ct));
        Assert.Matches(OblastRow("Donetsk Oblast", 2), html);
        Assert.DoesNotContain("Kharkiv", html, StringComparison.Ordinal);
        Assert.DoesNotContain(source, html, StringComparison.Ordinal);
        Assert.DoesNotContain("37.45", html, StringComparison.Ordinal);

        // Signed in with clearance, the public figures stay the public figures.
        using var secretariat = await app.SecretariatAsync();
        var signedIn = WebUtility.HtmlDecode(await (await secretariat.GetPathAsync("/monitoring/public")).Content.ReadAsStringAsync(RegistryTestClient.Ct));
        Assert.Matches(OblastRow("Donetsk Oblast", 2), signedIn);
        Assert.DoesNotContain("Kharkiv", signedIn, StringComparison.Ordinal);

        // The map page, for a monitor, counts the restricted ones in their oblast.
        var map = WebUtility.HtmlDecode(await (await monitor.GetPathAsync("/monitoring/map?layer=observations")).Content.ReadAsStringAsync(RegistryTestClient.Ct));
        Assert.Contains("Kharkiv Oblast", map, StringComparison.Ordinal);

        // Its point layer asks for the newest points the map draws, not for the export's limit.
        Assert.Contains($"data-features=\"/api/v1/monitoring/map?layer=observations&limit={MapPage.DrawnPoints}\"", map, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_overview_lists_the_agreements_and_counts_todays_violations_and_the_agreement_page_lists_its_zones()
    {
        var agreementId = await app.AgreementAsync();
        using var monitor = await app.MonitorAsync();
        var source = "team-" + MonitoringTestKit.Unique();
        var at = MonitoringTestKit.EarlierToday(await MonitoringTestKit.AwayFromMidnightAsync());
        await monitor.BatchAsync([MonitoringTestKit.Observation(source, "today", 48.7, 37.47, at)]);

        var overview = WebUtility.HtmlDecode(await (await monitor.GetPathAsync("/monitoring")).Content.ReadAsStringAsync(RegistryTestClient.Ct));
        Assert.Contains($"/monitoring/agreements/{agreementId}", overview, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"<span class=""stat"">[1-9]\d*</span>\s*<span class=""stat-label""><a [^>]*>violations today</a>"), overview);
        Assert.Contains("File an observation", overview, StringComparison.Ordinal);

        var agreement = WebUtility.HtmlDecode(await (await monitor.GetPathAsync($"/monitoring/agreements/{agreementId}")).Content.ReadAsStringAsync(RegistryTestClient.Ct));
        Assert.Contains("Eastern artillery withdrawal zone", agreement, StringComparison.Ordinal);
        Assert.Contains("West (left) · East (right)", agreement, StringComparison.Ordinal);
        Assert.Contains($"data-agreements=\"{agreementId}\"", agreement, StringComparison.Ordinal);

        var missing = await monitor.GetPathAsync($"/monitoring/agreements/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_base_map_draws_the_neighbouring_countries_beneath_the_oblasts_and_Crimea_only_as_Ukraine()
    {
        using var anonymous = app.Anonymous();
        var response = await anonymous.GetPathAsync("/api/v1/monitoring/base-map");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var map = JsonSerializer.Deserialize<FeatureCollection>(await response.Content.ReadAsStringAsync(RegistryTestClient.Ct), ZoneGeometry.Options)!;
        var layers = map.Select(f => (string)f.Attributes["layer"]).ToList();
        var countries = map.Where(f => (string)f.Attributes["layer"] == "country").ToList();
        var oblasts = map.Where(f => (string)f.Attributes["layer"] == "oblast").ToList();

        // Every neighbour is there, drawn before (so beneath) the oblasts, and all of Ukraine's 27 divisions are on top.
        Assert.Subset(countries.Select(f => (string)f.Attributes["iso"]).ToHashSet(), new HashSet<string> { "RUS", "BLR", "POL", "SVK", "HUN", "ROU", "MDA" });
        Assert.Equal(countries.Count, layers.IndexOf("oblast"));
        Assert.Equal(27, oblasts.Count);

        // Crimea and Sevastopol are Ukrainian oblast features and no part of any country's, Russia's least of all.
        var simferopol = new Point(34.10, 44.95);
        var sevastopol = new Point(33.52, 44.60);
        var kerch = new Point(36.47, 45.36);
        Assert.Equal("UA-43", (string)Assert.Single(oblasts, f => f.Geometry.Covers(simferopol)).Attributes["iso"]);
        Assert.Equal("UA-40", (string)Assert.Single(oblasts, f => f.Geometry.Covers(sevastopol)).Attributes["iso"]);
        var russia = Assert.Single(countries, f => (string)f.Attributes["iso"] == "RUS");
        Assert.False(russia.Geometry.Covers(simferopol));
        Assert.DoesNotContain(countries, f => f.Geometry.Covers(simferopol) || f.Geometry.Covers(sevastopol) || f.Geometry.Covers(kerch));
        foreach (var oblast in oblasts)
        {
            Assert.DoesNotContain(countries, c => c.Geometry.Intersects(oblast.Geometry));
        }

        // The countries are still where they are: Rostov-on-Don in Russia, Chisinau in Moldova.
        Assert.True(russia.Geometry.Covers(new Point(39.72, 47.24)));
        Assert.True(Assert.Single(countries, f => (string)f.Attributes["iso"] == "MDA").Geometry.Covers(new Point(28.86, 47.01)));
    }

    [GeneratedRegex("<th scope=\"row\" data-day=\"(\\d{4}-\\d{2}-\\d{2})\"")]
    private static partial Regex TimelineDay();

    private static Regex OblastRow(string name, int count) =>
        new($"<th scope=\"row\">{Regex.Escape(name)}</th><td class=\"num\">{count}</td>");

    private static async Task<JsonElement> ImportAsync(HttpClient client, string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        var response = await client.PostAsync(new Uri("/api/v1/monitoring/import/acled", UriKind.Relative), content, RegistryTestClient.Ct);
        return await response.JsonAsync(HttpStatusCode.OK);
    }

    /// <summary>Opens the page and posts its form, as a browser would; the answer is the page again (200), decoded.</summary>
    private static async Task<string> PostFormAsync(HttpClient client, string path, string handler, Dictionary<string, string> fields)
    {
        var (response, html) = await PageForms.SubmitAsync(client, path, handler, fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return html;
    }
}

public sealed class MonitoringMapTestsOnSqlite(SqliteApp app) : MonitoringMapTests<SqliteApp>(app);

public sealed class MonitoringMapTestsOnPostgres(PostgresApp app) : MonitoringMapTests<PostgresApp>(app);
