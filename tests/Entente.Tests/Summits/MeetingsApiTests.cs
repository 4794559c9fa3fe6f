using System.Net;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Registry;
using Ical.Net;

namespace Entente.Tests.Summits;

public abstract class MeetingsApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static readonly string[] FranceAndBritain = ["FRA", "GBR"];
    private static readonly string[] FranceOnly = ["FRA"];

    [Fact]
    public async Task The_Secretariat_plans_a_meeting_shown_at_the_venue_s_local_time()
    {
        using var secretariat = await app.SecretariatAsync();
        var start = new DateTimeOffset(2041, 1, 14, 9, 0, 0, TimeSpan.Zero);
        var created = await secretariat.PlanAsync(MeetingsTestKit.Meeting(start));

        var fetched = await (await secretariat.GetPathAsync("/api/v1/meetings/" + created.MeetingId())).JsonAsync(HttpStatusCode.OK);
        var meeting = fetched.GetProperty("meeting");
        Assert.Equal("Europe/Paris", meeting.Str("timeZone"));
        Assert.Equal(new DateTimeOffset(2041, 1, 14, 10, 0, 0, TimeSpan.FromHours(1)), meeting.GetProperty("localStart").GetDateTimeOffset());
        Assert.Equal(TimeSpan.FromHours(1), meeting.GetProperty("localStart").GetDateTimeOffset().Offset);
        Assert.Equal(["FRA", "GBR"], meeting.GetProperty("coChairs").EnumerateArray().Select(c => c.GetString()).ToList());
        Assert.Equal("planned", meeting.Str("status"));
        Assert.Contains("UKR", fetched.GetProperty("invited").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task A_revision_at_a_stale_version_is_refused_and_the_meeting_keeps_the_first_change()
    {
        using var secretariat = await app.SecretariatAsync();
        var start = MeetingsTestKit.Slot();
        var created = await secretariat.PlanAsync(MeetingsTestKit.Meeting(start));
        var id = created.MeetingId();
        var version = created.Version();

        var moved = await (await secretariat.PutJsonAsync("/api/v1/meetings/" + id, MeetingsTestKit.Meeting(start.AddHours(1),
            new Dictionary<string, object?> { ["title"] = "Moved", ["version"] = version }))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(version + 1, moved.Version());

        var stale = await secretariat.PutJsonAsync("/api/v1/meetings/" + id, MeetingsTestKit.Meeting(start,
            new Dictionary<string, object?> { ["title"] = "Lost update", ["version"] = version }));
        await stale.ProblemAsync(HttpStatusCode.Conflict, "/problems/summits.meeting-version-conflict");
        var now = await (await secretariat.GetPathAsync("/api/v1/meetings/" + id)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Moved", now.GetProperty("meeting").Str("title"));
    }

    [Theory]
    [InlineData("endsBeforeStart", "/problems/summits.meeting-ends-before-start", "endsAt")]
    [InlineData("noTimeZone", "/problems/summits.time-zone-missing", "timeZone")]
    [InlineData("unknownTimeZone", "/problems/summits.time-zone-unknown", "timeZone")]
    [InlineData("windowsTimeZone", "/problems/summits.time-zone-unknown", "timeZone")]
    [InlineData("nonMemberInvited", "/problems/summits.not-a-member", "invited")]
    [InlineData("coChairNotInvited", "/problems/summits.chair-not-invited", "invited")]
    public async Task Bad_meetings_are_refused_with_a_problem_naming_the_field(string bad, string type, string field)
    {
        using var secretariat = await app.SecretariatAsync();
        var start = MeetingsTestKit.Slot();
        var change = bad switch
        {
            "endsBeforeStart" => new Dictionary<string, object?> { ["endsAt"] = start.AddHours(-1) },
            "noTimeZone" => new Dictionary<string, object?> { ["timeZone"] = null },
            "unknownTimeZone" => new Dictionary<string, object?> { ["timeZone"] = "Mars/Olympus_Mons" },
            "windowsTimeZone" => new Dictionary<string, object?> { ["timeZone"] = "Romance Standard Time" },
            "nonMemberInvited" => new Dictionary<string, object?> { ["invited"] = new[] { "FRA", "GBR", "ZZQ" } },
            _ => new Dictionary<string, object?> { ["invited"] = new[] { "FRA", "UKR" } },
        };
        var expected = type == "/problems/summits.chair-not-invited" ? HttpStatusCode.UnprocessableEntity : HttpStatusCode.BadRequest;

        var problem = await (await secretariat.PostJsonAsync("/api/v1/meetings", MeetingsTestKit.Meeting(start, change))).ProblemAsync(expected, type);

        Assert.Equal(field, problem.Str("field"));
        var total = await (await secretariat.GetPathAsync($"/api/v1/meetings?from={Uri.EscapeDataString(start.AddMinutes(-1).ToString("O"))}&to={Uri.EscapeDataString(start.AddDays(1).ToString("O"))}"))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, total.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Delegations_register_their_own_attendance_and_outsiders_are_refused()
    {
        using var secretariat = await app.SecretariatAsync();
        var id = (await secretariat.PlanAsync(MeetingsTestKit.Meeting(MeetingsTestKit.Slot()))).MeetingId();
        using var poland = await app.DelegateAsync("POL", ClassificationLevels.Restricted);
        using var estonia = await app.DelegateAsync("EST", ClassificationLevels.Restricted);

        var registered = await (await poland.PostJsonAsync($"/api/v1/meetings/{id}/attendance", new { mode = "remote", leadName = "Prime Minister" }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal("POL", registered.Str("member"));

        await (await estonia.PostJsonAsync($"/api/v1/meetings/{id}/attendance", new { mode = "remote" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/summits.attendance-not-invited");
        await (await poland.PostJsonAsync($"/api/v1/meetings/{id}/attendance", new { member = "UKR", mode = "inPerson" }))
            .ProblemAsync(HttpStatusCode.Forbidden, "/problems/summits.attendance-other-member");
        await (await secretariat.PostJsonAsync($"/api/v1/meetings/{id}/attendance", new { member = "QQX", mode = "inPerson" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/summits.attendance-not-member");

        var detail = await (await secretariat.GetPathAsync("/api/v1/meetings/" + id)).JsonAsync(HttpStatusCode.OK);
        var attendance = detail.GetProperty("attendance").EnumerateArray().ToList();
        Assert.Single(attendance);
        Assert.Equal("Prime Minister", attendance[0].Str("leadName"));
        Assert.Equal("remote", attendance[0].Str("mode"));
    }

    [Fact]
    public async Task The_agenda_keeps_its_order_slots_within_the_meeting_and_typed_links()
    {
        using var secretariat = await app.SecretariatAsync();
        var start = MeetingsTestKit.Slot();
        var id = (await secretariat.PlanAsync(MeetingsTestKit.Meeting(start))).MeetingId();
        var proposal = Guid.NewGuid().ToString();
        var first = await (await secretariat.PostJsonAsync($"/api/v1/meetings/{id}/agenda", new
        {
            title = "Ceasefire monitoring", rapporteurMember = "GBR", startsAt = start, endsAt = start.AddHours(1),
            decides = new { kind = "proposal", id = proposal },
        })).JsonAsync(HttpStatusCode.Created);
        var second = await (await secretariat.PostJsonAsync($"/api/v1/meetings/{id}/agenda", new
        {
            title = "Reassurance force", rapporteurName = "Chief of the Defence Staff", startsAt = start.AddHours(1), endsAt = start.AddHours(2),
        })).JsonAsync(HttpStatusCode.Created);
        await (await secretariat.PostJsonAsync($"/api/v1/meetings/{id}/agenda", new
        {
            title = "After hours", rapporteurMember = "FRA", startsAt = start.AddHours(5), endsAt = start.AddHours(7),
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/summits.agenda-outside-meeting");

        var order = await (await secretariat.PostJsonAsync($"/api/v1/meetings/{id}/agenda/order", new { itemIds = new[] { second.Str("id"), first.Str("id") } }))
            .JsonAsync(HttpStatusCode.OK);

        Assert.Equal(["Reassurance force", "Ceasefire monitoring"], order.EnumerateArray().Select(i => i.Str("title")).ToList());
        var detail = await (await secretariat.GetPathAsync("/api/v1/meetings/" + id)).JsonAsync(HttpStatusCode.OK);
        var link = detail.GetProperty("agenda")[1].GetProperty("decides");
        Assert.Equal("proposal", link.Str("kind"));
        Assert.Equal(proposal, link.Str("id"));
    }

    [Fact]
    public async Task Minutes_keep_every_revision_and_documents_cannot_be_released_wider_than_their_meeting()
    {
        using var secretariat = await app.SecretariatAsync();
        var id = (await secretariat.PlanAsync(MeetingsTestKit.Meeting(MeetingsTestKit.Slot(),
            new Dictionary<string, object?> { ["label"] = new { classification = "CONFIDENTIAL" } }))).MeetingId();

        await (await secretariat.PostJsonAsync($"/api/v1/meetings/{id}/minutes", new { text = "Draft minutes." })).JsonAsync(HttpStatusCode.Created);
        await (await secretariat.PostJsonAsync($"/api/v1/meetings/{id}/minutes", new { text = "Agreed minutes." })).JsonAsync(HttpStatusCode.Created);
        var revisions = await (await secretariat.GetPathAsync($"/api/v1/meetings/{id}/minutes")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([2, 1], revisions.EnumerateArray().Select(r => r.GetProperty("number").GetInt32()).ToList());
        Assert.Equal("Draft minutes.", revisions[1].Str("text"));

        var content = "Communiqué draft"u8.ToArray();
        await (await secretariat.PostJsonAsync($"/api/v1/meetings/{id}/documents", new
        {
            title = "Draft communiqué", fileName = "communique.txt", contentType = "text/plain", contentBase64 = Convert.ToBase64String(content),
            label = new { classification = "RESTRICTED" },
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/summits.document-label-less-restrictive");
        var document = await (await secretariat.PostJsonAsync($"/api/v1/meetings/{id}/documents", new
        {
            title = "Draft communiqué", fileName = "communique.txt", contentType = "text/plain", contentBase64 = Convert.ToBase64String(content),
        })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), document.Str("sha256"));
        var download = await secretariat.GetPathAsync($"/api/v1/meetings/{id}/documents/{document.Str("id")}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_iCalendar_export_reads_back_with_the_venue_s_zone_and_the_right_instants()
    {
        using var secretariat = await app.SecretariatAsync();
        var start = new DateTimeOffset(2042, 7, 9, 7, 30, 0, TimeSpan.Zero);
        var id = (await secretariat.PlanAsync(MeetingsTestKit.Meeting(start, new Dictionary<string, object?>
        {
            ["timeZone"] = "Europe/Kyiv", ["venue"] = "Kyiv", ["hostMember"] = "UKR", ["title"] = "Kyiv hybrid meeting",
        }))).MeetingId();

        var response = await secretariat.GetPathAsync($"/api/v1/meetings/{id}/ical");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var calendar = Calendar.Load(text)!;
        var e = Assert.Single(calendar.Events);
        Assert.Equal("Kyiv hybrid meeting", e.Summary);
        Assert.Equal("Europe/Kyiv", e.DtStart!.TzId);
        Assert.Equal(10, e.DtStart.Hour); // 07:30 UTC is 10:30 in Kyiv in summer (UTC+3)
        Assert.Equal(30, e.DtStart.Minute);
        Assert.Equal(start.UtcDateTime, e.DtStart.AsUtc);
        Assert.Equal(start.AddHours(6).UtcDateTime, e.DtEnd!.AsUtc);
        Assert.Contains(calendar.TimeZones, z => z.TzId == "Europe/Kyiv");
        Assert.Contains("DTSTART;TZID=Europe/Kyiv:20420709T103000", text, StringComparison.Ordinal);
        Assert.Equal($"meeting-{id}@entente", e.Uid);
    }

    [Fact]
    public async Task A_member_without_release_cannot_see_count_or_export_a_restricted_meeting()
    {
        using var secretariat = await app.SecretariatAsync();
        var start = MeetingsTestKit.Slot();
        var id = (await secretariat.PlanAsync(MeetingsTestKit.Meeting(start, new Dictionary<string, object?>
        {
            ["label"] = new { classification = "CONFIDENTIAL", releasableTo = FranceAndBritain },
        }))).MeetingId();
        var window = $"from={Uri.EscapeDataString(start.AddMinutes(-1).ToString("O"))}&to={Uri.EscapeDataString(start.AddHours(1).ToString("O"))}";
        using var poland = await app.DelegateAsync("POL", ClassificationLevels.Secret);
        using var france = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);

        await (await poland.GetPathAsync("/api/v1/meetings/" + id)).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await (await poland.GetPathAsync($"/api/v1/meetings/{id}/ical")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await (await poland.GetPathAsync($"/api/v1/meetings/{id}/minutes")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await (await poland.PostJsonAsync($"/api/v1/meetings/{id}/attendance", new { mode = "remote" })).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        var polishList = await (await poland.GetPathAsync("/api/v1/meetings?" + window)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, polishList.GetProperty("total").GetInt32());
        var polishFeed = await (await poland.GetPathAsync(await app.FeedAsync(poland))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(id, polishFeed, StringComparison.Ordinal);

        var frenchList = await (await france.GetPathAsync("/api/v1/meetings?" + window)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, frenchList.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await france.GetPathAsync($"/api/v1/meetings/{id}/ical")).StatusCode);
    }

    [Fact]
    public async Task The_feed_shows_only_what_its_user_may_read_at_each_fetch_and_stops_when_revoked()
    {
        using var secretariat = await app.SecretariatAsync();
        var start = DateTimeOffset.UtcNow.AddDays(10);
        var open = await secretariat.PlanAsync(MeetingsTestKit.Meeting(start, new Dictionary<string, object?> { ["title"] = "Open to all" }));
        var closed = await secretariat.PlanAsync(MeetingsTestKit.Meeting(start, new Dictionary<string, object?>
        {
            ["title"] = "France and UK only", ["label"] = new { classification = "RESTRICTED", releasableTo = FranceAndBritain },
        }));
        var user = await app.CreateUserAsync("Delegate", "POL", ClassificationLevels.Restricted);
        using var poland = await app.ClientAsync(user);
        var feed = await app.FeedAsync(poland);
        using var calendarClient = app.Anonymous();

        var first = Calendar.Load(await calendarClient.GetStringAsync(new Uri(feed, UriKind.Relative), TestContext.Current.CancellationToken))!;
        Assert.Contains(first.Events, e => e.Uid == $"meeting-{open.MeetingId()}@entente");
        Assert.DoesNotContain(first.Events, e => e.Uid == $"meeting-{closed.MeetingId()}@entente");

        // Relabelled so Poland may no longer read it: gone at the next fetch.
        await (await secretariat.PutJsonAsync("/api/v1/meetings/" + open.MeetingId(), MeetingsTestKit.Meeting(start, new Dictionary<string, object?>
        {
            ["title"] = "Open to all", ["version"] = open.Version(), ["label"] = new { classification = "RESTRICTED", releasableTo = FranceOnly },
        }))).JsonAsync(HttpStatusCode.OK);
        var second = Calendar.Load(await calendarClient.GetStringAsync(new Uri(feed, UriKind.Relative), TestContext.Current.CancellationToken))!;
        Assert.DoesNotContain(second.Events, e => e.Uid == $"meeting-{open.MeetingId()}@entente");

        Assert.Equal(HttpStatusCode.NoContent, (await poland.DeletePathAsync("/api/v1/meetings/feed-token")).StatusCode);
        await (await calendarClient.GetPathAsync(feed)).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
    }
}

public sealed class MeetingsApiTestsOnSqlite(SqliteApp app) : MeetingsApiTests<SqliteApp>(app);

public sealed class MeetingsApiTestsOnPostgres(PostgresApp app) : MeetingsApiTests<PostgresApp>(app);
