using System.Globalization;
using Entente.Modules.Summits.Domain;
using Entente.Modules.Summits.Features;

namespace Entente.Modules.Summits.Pages;

/// <summary>How the meeting pages write times and vocabulary.</summary>
public static class MeetingText
{
    /// <summary>The time at the venue with its zone, for example <c>2026-03-10 10:00 (Europe/Paris, UTC+01:00)</c>.</summary>
    public static string AtVenue(DateTime utc, string zone)
    {
        var local = MeetingAccess.InZone(utc, zone);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return string.Create(CultureInfo.InvariantCulture,
            $"{local:yyyy-MM-dd HH:mm} ({zone}, UTC{sign}{offset.Duration():hh\\:mm})");
    }

    public static string Time(DateTime utc, string zone) =>
        MeetingAccess.InZone(utc, zone).ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Describe(MeetingStatus status) => status switch
    {
        MeetingStatus.Planned => "Planned",
        MeetingStatus.Held => "Held",
        MeetingStatus.Cancelled => "Cancelled",
    };

    public static string Describe(AttendanceMode mode) => mode switch
    {
        AttendanceMode.InPerson => "In person",
        AttendanceMode.Remote => "Remote",
    };

    public static string Describe(AgendaLinkKind kind) => kind switch
    {
        AgendaLinkKind.Proposal => "Proposal",
        AgendaLinkKind.Requirement => "Requirement",
        AgendaLinkKind.Pledge => "Pledge",
        AgendaLinkKind.Other => "Other",
    };

    /// <summary>Parses a <c>datetime-local</c> form value as a wall-clock time in <paramref name="zone"/>; null when it is not one.</summary>
    public static DateTimeOffset? FromLocal(string? value, string? zone)
    {
        if (string.IsNullOrWhiteSpace(value) || !DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var tz = zone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zone.Trim(), out var z) ? z : TimeZoneInfo.Utc;
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, tz.GetUtcOffset(unspecified));
    }

    public static string ToLocalInput(DateTime utc, string zone) =>
        MeetingAccess.InZone(utc, zone).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
}
