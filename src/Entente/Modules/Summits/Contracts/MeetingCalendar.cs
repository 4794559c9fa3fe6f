using Entente.Modules.Summits.Domain;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Entente.Modules.Summits.Contracts;

/// <summary>
/// Writes meetings as iCalendar (RFC 5545). Each event is dated in the venue's own zone (DTSTART;TZID=Europe/Paris)
/// with a VTIMEZONE for every zone used, so a calendar client shows the meeting at the right hour wherever its user is
/// and keeps it right across a change of daylight-saving rules. The UID is stable per meeting and SEQUENCE follows the
/// meeting's version, so a re-import updates the event rather than duplicating it.
/// </summary>
public static class MeetingCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";
    private const string ProductId = "-//Entente//Summits//EN";

    /// <summary>
    /// The iCalendar text of <paramref name="meetings"/>; <paramref name="baseUri"/> makes the event URLs absolute.
    /// <paramref name="now"/> must be the present (UTC): it stamps the events and bounds the time zone descriptions.
    /// </summary>
    public static string Write(IReadOnlyList<Meeting> meetings, DateTime now, Uri baseUri, string? calendarName = null)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        ArgumentNullException.ThrowIfNull(baseUri);
        var calendar = new Calendar { ProductId = ProductId, Method = "PUBLISH" };
        if (calendarName is not null)
        {
            calendar.AddProperty("X-WR-CALNAME", calendarName);
        }

        foreach (var zone in meetings.GroupBy(m => m.TimeZone, StringComparer.Ordinal))
        {
            // The zone's rules from a year before the earliest meeting (or before today, for meetings ahead: the
            // library describes the zone from that point to its current, recurring rules, which cover what follows).
            var earliest = zone.Min(m => m.StartsAt);
            var from = (earliest < now ? earliest : now).AddYears(-1);
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone.Key, from, includeHistoricalData: false));
        }

        foreach (var meeting in meetings)
        {
            calendar.Events.Add(Event(meeting, now, baseUri));
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalendarEvent Event(Meeting m, DateTime now, Uri baseUri)
    {
        var start = Local(m.StartsAt, m.TimeZone);
        var end = Local(m.EndsAt, m.TimeZone);
        var description = string.Join('\n', new[]
        {
            $"Level: {Describe(m.Level)}. Format: {Describe(m.Format)}.",
            m.CoChairCodes.Count > 0 ? "Co-chairs: " + string.Join(", ", m.CoChairCodes) + "." : null,
            m.HostMember is not null ? "Host: " + m.HostMember + "." : null,
            "Invited: " + string.Join(", ", m.InvitedCodes) + ".",
            m.CancellationReason is not null ? "Cancelled: " + m.CancellationReason : null,
        }.Where(l => l is not null));
        var e = new CalendarEvent
        {
            Uid = $"meeting-{m.Id}@entente",
            Summary = m.Title,
            Description = description,
            Location = m.Venue ?? "Online",
            DtStart = new CalDateTime(start, m.TimeZone),
            DtEnd = new CalDateTime(end, m.TimeZone),
            DtStamp = new CalDateTime(DateTime.SpecifyKind(now, DateTimeKind.Utc)),
            LastModified = new CalDateTime(DateTime.SpecifyKind(m.UpdatedAt, DateTimeKind.Utc)),
            Sequence = m.Version,
            Status = m.Status == MeetingStatus.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            Url = new Uri(baseUri, $"/summits/meetings/{m.Id}"),
        };
        e.Categories.Add(Describe(m.Level));
        return e;
    }

    /// <summary>The wall-clock time at the venue, without a kind, as a TZID-qualified DATE-TIME expects.</summary>
    private static DateTime Local(DateTime utc, string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
    }

    public static string Describe(MeetingLevel level) => level switch
    {
        MeetingLevel.Leaders => "Leaders",
        MeetingLevel.Ministers => "Ministers",
        MeetingLevel.ChiefsOfDefence => "Chiefs of defence",
        MeetingLevel.SeniorOfficials => "Senior officials",
        MeetingLevel.WorkingGroup => "Working group",
    };

    public static string Describe(MeetingFormat format) => format switch
    {
        MeetingFormat.InPerson => "in person",
        MeetingFormat.Online => "online",
        MeetingFormat.Hybrid => "hybrid",
    };
}
