using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Security;
using Entente.Infrastructure.Text;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Summits.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Features;

/// <summary>What the meeting use cases share: resolving input, loading through the label filter, mapping, saving.</summary>
public static class MeetingAccess
{
    public static DomainError MeetingNotFound { get; } = DomainError.NotFound("The meeting");

    public static DomainError VersionConflict(int current) =>
        new("summits.meeting-version-conflict",
            $"The meeting was changed by someone else meanwhile (it is now at version {current}); reload it and apply your change again.",
            ErrorKind.Conflict, "version");

    /// <summary>True for the Secretariat and administrators, who manage every meeting.</summary>
    public static bool Manages(ClaimsPrincipal user)
    {
        return MemberAccess.IsStaff(user);
    }

    /// <summary>Resolves an IANA time zone id; refuses Windows ids and unknown names so exports carry a real TZID.</summary>
    public static Result<TimeZoneInfo> ResolveTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return new DomainError("summits.time-zone-missing",
                "Give the IANA time zone of the venue (for example Europe/Paris): times are shown and exported in it.",
                ErrorKind.Validation, "timeZone");
        }

        var trimmed = id.Trim();
        var isIana = trimmed is "UTC" or "Etc/UTC" || TimeZoneInfo.TryConvertIanaIdToWindowsId(trimmed, out _);
        if (!isIana || !TimeZoneInfo.TryFindSystemTimeZoneById(trimmed, out var zone))
        {
            return new DomainError("summits.time-zone-unknown",
                $"'{PlainText.Shorten(trimmed, 40)}' is not an IANA time zone (for example Europe/Kyiv or America/New_York).",
                ErrorKind.Validation, "timeZone");
        }

        return zone;
    }

    public static DateTimeOffset InZone(DateTime utc, string zoneId)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var z) ? z : TimeZoneInfo.Utc;
        var utcValue = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return new DateTimeOffset(utcValue).ToOffset(zone.GetUtcOffset(utcValue));
    }

    /// <summary>Checks the input and turns it into meeting details and a label for the caller.</summary>
    public static async Task<Result<(MeetingDetails Details, Label Label)>> ResolveAsync(
        MeetingInput input, Caller caller, ISecurityPolicyCatalog catalog, EntenteDbContext db, Label? current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(db);
        var title = PlainText.Check("title", input.Title, Meeting.MaxTitleLength, required: true);
        if (!title.IsSuccess)
        {
            return title.Error!;
        }

        var venue = PlainText.Check("venue", input.Venue, Meeting.MaxVenueLength);
        if (!venue.IsSuccess)
        {
            return venue.Error!;
        }

        if (input.Level is not { } level)
        {
            return DomainError.Invalid("level", "Give the level: leaders, ministers, chiefsOfDefence, seniorOfficials or workingGroup.");
        }

        if (input.Format is not { } format)
        {
            return DomainError.Invalid("format", "Give the format: inPerson, online or hybrid.");
        }

        if (input.StartsAt is not { } starts)
        {
            return DomainError.Invalid("startsAt", "Give the start as an instant with its offset, for example 2026-03-10T10:00:00+01:00.");
        }

        if (input.EndsAt is not { } ends)
        {
            return DomainError.Invalid("endsAt", "Give the end as an instant with its offset, for example 2026-03-10T18:00:00+01:00.");
        }

        var zone = ResolveTimeZone(input.TimeZone);
        if (!zone.IsSuccess)
        {
            return zone.Error!;
        }

        if (format != MeetingFormat.Online && venue.Value is null)
        {
            return DomainError.Invalid("venue", "A meeting held in person or hybrid needs a venue.");
        }

        var invited = Codes(input.Invited);
        var coChairs = Codes(input.CoChairs);
        var host = string.IsNullOrWhiteSpace(input.HostMember) ? null : input.HostMember.Trim().ToUpperInvariant();
        var named = invited.Concat(coChairs).Concat(host is null ? [] : [host]).Distinct(StringComparer.Ordinal).ToList();
        var known = await KnownMembersAsync(db, named, cancellationToken);
        var unknown = named.Where(c => !known.Contains(c)).ToList();
        if (unknown.Count > 0)
        {
            return new DomainError("summits.not-a-member",
                $"Not a member of the coalition: {string.Join(", ", unknown.Take(10).Select(c => PlainText.Shorten(c, 10)))}.",
                ErrorKind.Validation, invited.Contains(unknown[0]) ? "invited" : coChairs.Contains(unknown[0]) ? "coChairs" : "hostMember");
        }

        var label = await LabelRules.ResolveAsync(input.Label ?? new LabelInput { Classification = "RESTRICTED" }, caller, catalog, db, current,
            cancellationToken: cancellationToken);
        if (!label.IsSuccess)
        {
            return label.Error!;
        }

        var details = new MeetingDetails(title.Value!, level, format, venue.Value, host, coChairs, starts.UtcDateTime, ends.UtcDateTime,
            input.TimeZone!.Trim(), invited);
        return (details, label.Value!);
    }

    /// <summary>The codes among <paramref name="codes"/> of members the caller can see (through the label filter).</summary>
    public static async Task<HashSet<string>> KnownMembersAsync(EntenteDbContext db, IReadOnlyList<string> codes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (codes.Count == 0)
        {
            return [];
        }

        var found = await db.Members.AsNoTracking().Where(m => codes.Contains(m.Code)).Select(m => m.Code).ToListAsync(cancellationToken);
        return found.ToHashSet(StringComparer.Ordinal);
    }

    public static List<string> Codes(IReadOnlyList<string>? codes) =>
        (codes ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Loads a meeting the caller may read, with its agenda and attendance, tracked for a change.</summary>
    public static Task<Meeting?> LoadAsync(EntenteDbContext db, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Meetings.Include(m => m.Agenda).Include(m => m.Attendance).AsSplitQuery().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
    }

    public static async Task<Result> SaveAsync(EntenteDbContext db, Guid meetingId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId).Select(m => (int?)m.Version).FirstOrDefaultAsync(cancellationToken);
            return VersionConflict(current ?? 0);
        }
    }

    public static MeetingSummary Summary(Meeting m, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new MeetingSummary(m.Id, m.Title, m.Level, m.Format, m.Venue, m.HostMember, m.CoChairCodes, m.StartsAt, m.EndsAt, m.TimeZone,
            InZone(m.StartsAt, m.TimeZone), InZone(m.EndsAt, m.TimeZone), m.Status, LabelView.From(m.Label, policy), m.Version);
    }

    public static async Task<MeetingDetail> DetailAsync(EntenteDbContext db, Meeting m, PolicySnapshot policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(m);
        var documents = await db.MeetingDocuments.AsNoTracking().Where(d => d.MeetingId == m.Id).OrderBy(d => d.AddedAt)
            .Select(d => new { d.Id, d.Title, d.FileName, d.ContentType, d.Size, d.Sha256, d.Label, d.AddedBy, d.AddedAt })
            .ToListAsync(cancellationToken);
        var revisions = await db.MinutesRevisions.CountAsync(r => r.MeetingId == m.Id, cancellationToken);
        return new MeetingDetail(
            Summary(m, policy),
            m.InvitedCodes,
            m.CancellationReason,
            m.Agenda.OrderBy(i => i.Position).Select(Item).ToList(),
            m.Attendance.OrderBy(a => a.MemberCode, StringComparer.Ordinal)
                .Select(a => new AttendanceView(a.MemberCode, a.Mode, a.LeadName, a.RegisteredBy, a.RegisteredAt)).ToList(),
            documents.Select(d => new DocumentView(d.Id, d.Title, d.FileName, d.ContentType, d.Size, d.Sha256, LabelView.From(d.Label, policy), d.AddedBy, d.AddedAt))
                .ToList(),
            revisions,
            m.UpdatedAt,
            m.UpdatedBy);
    }

    public static AgendaItemView Item(AgendaItem i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new AgendaItemView(i.Id, i.Position, i.Title, i.RapporteurMember, i.RapporteurName, i.StartsAt, i.EndsAt,
            i.Decides is { } link ? new AgendaLinkView(link.Kind, link.Id) : null);
    }
}
