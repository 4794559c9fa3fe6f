using System.Globalization;
using System.Net;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Registry;

namespace Entente.Tests.Summits;

public abstract class MeetingPagesTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static readonly string[] FranceAndBritain = ["FRA", "GBR"];

    private static async Task<string> HtmlAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var html = await response.Content.ReadAsStringAsync(RegistryTestClient.Ct);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}");
        return WebUtility.HtmlDecode(html);
    }

    [Fact]
    public async Task The_calendar_lists_a_meeting_at_venue_time_and_hides_one_not_released_to_the_reader()
    {
        using var secretariat = await app.SecretariatAsync();
        var start = MeetingsTestKit.Slot();
        var open = await secretariat.PlanAsync(MeetingsTestKit.Meeting(start, new Dictionary<string, object?> { ["title"] = "Open summit " + start.Ticks }));
        var closed = await secretariat.PlanAsync(MeetingsTestKit.Meeting(start.AddHours(1), new Dictionary<string, object?>
        {
            ["title"] = "Closed summit " + start.Ticks, ["label"] = new { classification = "RESTRICTED", releasableTo = FranceAndBritain },
        }));
        using var poland = await app.DelegateAsync("POL", ClassificationLevels.Restricted);
        var month = start.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var page = await HtmlAsync(await poland.GetPathAsync($"/summits/meetings?month={month}"), HttpStatusCode.OK);

        Assert.Contains("Open summit " + start.Ticks, page, StringComparison.Ordinal);
        Assert.Contains(MeetingsTestKit.LocalParis(start), page, StringComparison.Ordinal);
        Assert.DoesNotContain("Closed summit " + start.Ticks, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await poland.GetPathAsync("/summits/meetings/" + closed.MeetingId())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await poland.GetPathAsync("/summits/meetings/" + open.MeetingId())).StatusCode);
    }

    [Fact]
    public async Task A_delegate_registers_its_attendance_from_the_meeting_page()
    {
        using var secretariat = await app.SecretariatAsync();
        var id = (await secretariat.PlanAsync(MeetingsTestKit.Meeting(MeetingsTestKit.Slot()))).MeetingId();
        using var poland = await app.DelegateAsync("POL", ClassificationLevels.Restricted);
        var path = "/summits/meetings/" + id;

        var (_, html) = await PageForms.SubmitAsync(poland, path, "attendance",
            [new("Attendance.Mode", "Remote"), new("Attendance.LeadName", "Minister of Defence")]);

        Assert.Contains("POL's attendance was registered.", html, StringComparison.Ordinal);
        var detail = await (await secretariat.GetPathAsync("/api/v1/meetings/" + id)).JsonAsync(HttpStatusCode.OK);
        var attendance = Assert.Single(detail.GetProperty("attendance").EnumerateArray());
        Assert.Equal("Minister of Defence", attendance.Str("leadName"));
        Assert.DoesNotContain("Plan a meeting", await HtmlAsync(await poland.GetPathAsync("/summits/meetings"), HttpStatusCode.OK), StringComparison.Ordinal);
    }
}

public sealed class MeetingPagesTestsOnSqlite(SqliteApp app) : MeetingPagesTests<SqliteApp>(app);

public sealed class MeetingPagesTestsOnPostgres(PostgresApp app) : MeetingPagesTests<PostgresApp>(app);
