using Entente.Infrastructure.Labels;
using Entente.Modules.Summits.Contracts;
using Entente.Modules.Summits.Domain;
using Ical.Net;

namespace Entente.Tests.Summits;

public sealed class MeetingCalendarTests
{
    [Fact]
    public void A_meeting_in_New_York_reads_back_at_its_local_hour_with_a_VTIMEZONE()
    {
        var start = new DateTime(2043, 3, 20, 14, 0, 0, DateTimeKind.Utc);
        var meeting = Meeting.Plan(new MeetingDetails("Senior officials", MeetingLevel.SeniorOfficials, MeetingFormat.InPerson, "UN headquarters", null,
            [], start, start.AddHours(3), "America/New_York", ["USA", "FRA"]), Label.Public, "tester", start.AddDays(-30)).Value!;

        var text = MeetingCalendar.Write([meeting], DateTime.UtcNow, new Uri("https://entente.example/"));

        var calendar = Calendar.Load(text)!;
        var e = Assert.Single(calendar.Events);
        Assert.Equal("America/New_York", e.DtStart!.TzId);
        Assert.Equal(10, e.DtStart.Hour); // daylight time: UTC-4
        Assert.Equal(start, e.DtStart.AsUtc);
        Assert.Contains(calendar.TimeZones, z => z.TzId == "America/New_York");
    }
}
