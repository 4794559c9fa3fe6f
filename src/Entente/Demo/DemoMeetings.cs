using Entente.Infrastructure.Labels;
using Entente.Modules.Registry.Domain;
using Entente.Modules.Summits.Domain;

namespace Entente.Demo;

/// <summary>
/// Three illustrative meetings of the demo coalition, in 2026: the Paris leaders' summit of January (in person,
/// co-chaired by France and the United Kingdom), a hybrid leaders' meeting in Kyiv, and a chiefs-of-defence video
/// conference. Dates follow public reporting where there was any; times, agendas and attendance are invented, and
/// every title says the meeting is illustrative.
/// </summary>
public static class DemoMeetings
{
    /// <summary>Ends every demo meeting's title, so a reset finds them.</summary>
    public const string Marker = "(illustrative)";

    private const string Actor = "demo";

    public static IReadOnlyList<Meeting> Build(DateTime now)
    {
        var members = DemoRegistry.Members.Where(m => m.Kind != MemberKind.Secretariat).Select(m => m.Code).ToList();
        var restricted = Label.Create(ClassificationLevels.Restricted, originator: DemoSeeder.SecretariatCode);

        // 6 January 2026, Élysée Palace: 14:00–18:00 in Paris (UTC+1).
        var paris = Plan(new MeetingDetails($"Coalition of the willing — leaders' summit, Paris {Marker}", MeetingLevel.Leaders, MeetingFormat.InPerson,
            "Élysée Palace, Paris", "FRA", ["FRA", "GBR"], new DateTime(2026, 1, 6, 13, 0, 0, DateTimeKind.Utc),
            new DateTime(2026, 1, 6, 17, 0, 0, DateTimeKind.Utc), "Europe/Paris", members), restricted, now);
        Item(paris, "Security guarantees after a ceasefire", "FRA", null, 13, 0, 14, 0, AgendaLinkKind.Other, "paris-declaration");
        Item(paris, "Multinational force: contributions and command", "GBR", null, 14, 0, 15, 30, null, null);
        Item(paris, "Ceasefire monitoring", null, "Special envoy (illustrative)", 15, 30, 16, 30, null, null);
        foreach (var code in new[] { "FRA", "GBR", "UKR", "DEU", "ITA", "POL", "CAN", "NATO" })
        {
            paris.RegisterAttendance(code, AttendanceMode.InPerson, null, Actor, now);
        }

        // 24 February 2026 in Kyiv, most leaders joining online: 10:00–13:00 in Kyiv (UTC+2).
        var kyiv = Plan(new MeetingDetails($"Leaders' meeting, Kyiv — hybrid {Marker}", MeetingLevel.Leaders, MeetingFormat.Hybrid,
            "Kyiv", "UKR", ["FRA", "GBR"], new DateTime(2026, 2, 24, 8, 0, 0, DateTimeKind.Utc),
            new DateTime(2026, 2, 24, 11, 0, 0, DateTimeKind.Utc), "Europe/Kyiv", members), restricted, now);
        Item(kyiv, "Air defence needs before the spring", "UKR", null, 8, 0, 9, 30, AgendaLinkKind.Requirement, "air-defence-spring");
        Item(kyiv, "Aligned response to new threats", "GBR", null, 9, 30, 11, 0, null, null);
        kyiv.RegisterAttendance("UKR", AttendanceMode.InPerson, null, Actor, now);
        kyiv.RegisterAttendance("FRA", AttendanceMode.Remote, null, Actor, now);
        kyiv.RegisterAttendance("GBR", AttendanceMode.InPerson, null, Actor, now);

        // A chiefs-of-defence video conference: 14:00–16:00 in London.
        var chiefs = Plan(new MeetingDetails($"Chiefs of defence — video conference {Marker}", MeetingLevel.ChiefsOfDefence, MeetingFormat.Online,
            null, "GBR", ["GBR", "FRA"], new DateTime(2026, 12, 10, 14, 0, 0, DateTimeKind.Utc),
            new DateTime(2026, 12, 10, 16, 0, 0, DateTimeKind.Utc), "Europe/London", members),
            Label.Create(ClassificationLevels.Confidential, originator: DemoSeeder.SecretariatCode), now);
        Item(chiefs, "Force generation: readiness of the first rotation", "GBR", null, 14, 0, 15, 0, null, null);
        Item(chiefs, "Caveats and rules of engagement", "FRA", null, 15, 0, 16, 0, null, null);

        foreach (var meeting in new[] { paris, kyiv, chiefs }.Where(m => m.EndsAt < now))
        {
            meeting.MarkHeld(Actor, now);
        }

        return [paris, kyiv, chiefs];
    }

    private static Meeting Plan(MeetingDetails details, Label label, DateTime now) =>
        Meeting.Plan(details, label, Actor, now) is { IsSuccess: true } planned
            ? planned.Value!
            : throw new InvalidOperationException($"Demo meeting {details.Title} is not valid.");

    private static void Item(Meeting meeting, string title, string? member, string? person, int fromHour, int fromMinute, int toHour, int toMinute,
        AgendaLinkKind? kind, string? id)
    {
        var day = meeting.StartsAt.Date;
        var added = meeting.AddAgendaItem(new AgendaItemDetails(title, member, person,
            DateTime.SpecifyKind(day.AddHours(fromHour).AddMinutes(fromMinute), DateTimeKind.Utc),
            DateTime.SpecifyKind(day.AddHours(toHour).AddMinutes(toMinute), DateTimeKind.Utc),
            kind is { } k && id is not null ? new AgendaLink(k, id) : null), Actor, meeting.CreatedAt);
        if (!added.IsSuccess)
        {
            throw new InvalidOperationException($"Demo agenda item {title}: {added.Error!.Detail}");
        }
    }
}
