using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Labels;
using Entente.Modules.Summits.Domain;

namespace Entente.Modules.Summits.Features;

/// <summary>
/// A meeting as the Secretariat plans or revises it. Start and end are instants with their offsets (RFC 3339, for
/// example <c>2026-03-10T10:00:00+01:00</c>); the IANA time zone of the venue (for example <c>Europe/Paris</c>) is
/// required; <c>version</c> is the version being revised (required on update): a concurrent change answers 409.
/// </summary>
public sealed record MeetingInput
{
    [Required]
    [StringLength(Meeting.MaxTitleLength)]
    public string Title { get; init; } = "";

    public MeetingLevel? Level { get; init; }

    public MeetingFormat? Format { get; init; }

    [StringLength(Meeting.MaxVenueLength)]
    public string? Venue { get; init; }

    [StringLength(8)]
    public string? HostMember { get; init; }

    public IReadOnlyList<string>? CoChairs { get; init; }

    public DateTimeOffset? StartsAt { get; init; }

    public DateTimeOffset? EndsAt { get; init; }

    [StringLength(64)]
    public string? TimeZone { get; init; }

    public IReadOnlyList<string>? Invited { get; init; }

    public LabelInput? Label { get; init; }

    public int? Version { get; init; }
}

/// <summary>A meeting in a list; <c>localStart</c> and <c>localEnd</c> are the times at the venue, with its offset.</summary>
public sealed record MeetingSummary(
    Guid Id, string Title, MeetingLevel Level, MeetingFormat Format, string? Venue, string? HostMember, IReadOnlyList<string> CoChairs,
    DateTime StartsAt, DateTime EndsAt, string TimeZone, DateTimeOffset LocalStart, DateTimeOffset LocalEnd, MeetingStatus Status,
    LabelView Label, int Version);

/// <summary>A meeting with its agenda, attendance and documents (content apart).</summary>
public sealed record MeetingDetail(
    MeetingSummary Meeting, IReadOnlyList<string> Invited, string? CancellationReason, IReadOnlyList<AgendaItemView> Agenda,
    IReadOnlyList<AttendanceView> Attendance, IReadOnlyList<DocumentView> Documents, int MinutesRevisions, DateTime UpdatedAt, string UpdatedBy);

public sealed record AgendaItemView(
    Guid Id, int Position, string Title, string? RapporteurMember, string? RapporteurName, DateTime StartsAt, DateTime EndsAt, AgendaLinkView? Decides);

public sealed record AgendaLinkView(AgendaLinkKind Kind, string Id);

public sealed record AttendanceView(string Member, AttendanceMode Mode, string? LeadName, string RegisteredBy, DateTime RegisteredAt);

public sealed record DocumentView(Guid Id, string Title, string FileName, string ContentType, int Size, string Sha256, LabelView Label, string AddedBy, DateTime AddedAt);

public sealed record MinutesRevisionView(int Number, string Text, string By, DateTime At);
