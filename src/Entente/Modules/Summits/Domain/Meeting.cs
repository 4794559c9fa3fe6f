using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;

namespace Entente.Modules.Summits.Domain;

/// <summary>
/// What a meeting is, as the Secretariat plans it; checked by <see cref="Meeting.Plan"/> and <see cref="Meeting.Revise"/>.
/// Start and end are UTC instants; the time zone is the venue's IANA zone, in which the meeting is shown and exported.
/// </summary>
public sealed record MeetingDetails(
    string Title,
    MeetingLevel Level,
    MeetingFormat Format,
    string? Venue,
    string? HostMember,
    IReadOnlyList<string> CoChairs,
    DateTime StartsAt,
    DateTime EndsAt,
    string TimeZone,
    IReadOnlyList<string> Invited);

/// <summary>
/// A meeting of the coalition. Invariants: it ends after it starts; its time zone is a known IANA zone; co-chairs and
/// the host are invited; attendance is registered only for invited members; an agenda item's slot lies within the
/// meeting; a document's label is at least as restrictive as the meeting's; every minutes revision is kept. Member
/// lists are stored in the canonical bar-delimited form of <see cref="Label.Canonicalise"/> so that "is X invited"
/// is a substring test both databases translate. <see cref="Version"/> is the optimistic concurrency token.
/// </summary>
public sealed class Meeting : ILabelled
{
    public const int MaxTitleLength = 200;
    public const int MaxVenueLength = 200;
    public const int MaxInvited = 64;
    public const int MaxAgendaItems = 100;

    private readonly List<AgendaItem> _agenda = [];
    private readonly List<MeetingAttendance> _attendance = [];

    private Meeting()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public MeetingLevel Level { get; private set; }

    public MeetingFormat Format { get; private set; }

    public string? Venue { get; private set; }

    public string? HostMember { get; private set; }

    /// <summary>Canonical <c>|FRA|GBR|</c> list.</summary>
    public string CoChairs { get; private set; } = "";

    /// <summary>UTC.</summary>
    public DateTime StartsAt { get; private set; }

    /// <summary>UTC, after <see cref="StartsAt"/>.</summary>
    public DateTime EndsAt { get; private set; }

    /// <summary>IANA time zone id of the venue.</summary>
    public string TimeZone { get; private set; } = "UTC";

    /// <summary>Canonical <c>|FRA|GBR|</c> list of invited members.</summary>
    public string Invited { get; private set; } = "";

    public MeetingStatus Status { get; private set; }

    public string? CancellationReason { get; private set; }

    public Label Label { get; private set; } = Label.Public;

    /// <summary>When the reminder job notified the invited delegations' users (UTC); null until it has.</summary>
    public DateTime? ReminderSentAt { get; private set; }

    public int Version { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; private set; }

    public string UpdatedBy { get; private set; } = "";

    public IReadOnlyList<AgendaItem> Agenda => _agenda;

    public IReadOnlyList<MeetingAttendance> Attendance => _attendance;

    public IReadOnlyList<string> CoChairCodes => Split(CoChairs);

    public IReadOnlyList<string> InvitedCodes => Split(Invited);

    public bool IsInvited(string member) => Invited.Contains(Label.TokenFor(member), StringComparison.Ordinal);

    public static Result<Meeting> Plan(MeetingDetails details, Label label, string actor, DateTime now)
    {
        var meeting = new Meeting { Id = Guid.CreateVersion7(), CreatedAt = now, Status = MeetingStatus.Planned };
        var applied = meeting.Apply(details, label, actor, now);
        return applied.IsSuccess ? meeting : applied.Error!;
    }

    public Result Revise(MeetingDetails details, Label label, string actor, DateTime now)
    {
        if (Status == MeetingStatus.Cancelled)
        {
            return new DomainError("summits.meeting-cancelled", "The meeting was cancelled; it can no longer be changed.");
        }

        if (details.StartsAt != StartsAt || details.EndsAt != EndsAt)
        {
            var outside = _agenda.FirstOrDefault(i => i.StartsAt < details.StartsAt || i.EndsAt > details.EndsAt);
            if (outside is not null)
            {
                return new DomainError("summits.agenda-outside-meeting",
                    $"The agenda item '{outside.Title}' would fall outside the new times; move it first.", ErrorKind.RuleViolation, "startsAt");
            }

            // A meeting moved to new times deserves a new reminder.
            ReminderSentAt = null;
        }

        var removed = _attendance.FirstOrDefault(a => !details.Invited.Contains(a.MemberCode, StringComparer.Ordinal));
        if (removed is not null)
        {
            return new DomainError("summits.invitee-has-attendance",
                $"{removed.MemberCode} has registered its attendance; it cannot be taken off the invitation list.", ErrorKind.RuleViolation, "invited");
        }

        return Apply(details, label, actor, now);
    }

    public Result Cancel(string? reason, string actor, DateTime now)
    {
        if (Status == MeetingStatus.Cancelled)
        {
            return new DomainError("summits.meeting-cancelled", "The meeting is already cancelled.", ErrorKind.Conflict);
        }

        if (Status == MeetingStatus.Held)
        {
            return new DomainError("summits.meeting-held", "The meeting has been held; it cannot be cancelled.");
        }

        Status = MeetingStatus.Cancelled;
        CancellationReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        Touch(actor, now);
        return Result.Success;
    }

    public Result MarkHeld(string actor, DateTime now)
    {
        if (Status != MeetingStatus.Planned)
        {
            return new DomainError("summits.meeting-not-planned", $"Only a planned meeting can be marked held; this one is {Status.ToString().ToLowerInvariant()}.");
        }

        if (now < StartsAt)
        {
            return new DomainError("summits.meeting-not-started", "The meeting has not started yet; it cannot have been held.");
        }

        Status = MeetingStatus.Held;
        Touch(actor, now);
        return Result.Success;
    }

    /// <summary>Registers (or replaces) a delegation's attendance; only invited members attend.</summary>
    public Result<MeetingAttendance> RegisterAttendance(string member, AttendanceMode mode, string? leadName, string actor, DateTime now)
    {
        if (Status == MeetingStatus.Cancelled)
        {
            return new DomainError("summits.meeting-cancelled", "The meeting was cancelled; attendance can no longer be registered.");
        }

        if (!IsInvited(member))
        {
            return new DomainError("summits.attendance-not-invited",
                $"{member} is not on the invitation list of this meeting; only invited members register attendance.", ErrorKind.RuleViolation, "member");
        }

        if (mode == AttendanceMode.InPerson && Format == MeetingFormat.Online)
        {
            return new DomainError("summits.attendance-in-person-online",
                "The meeting is held online; a delegation can only attend remotely.", ErrorKind.RuleViolation, "mode");
        }

        if (mode == AttendanceMode.Remote && Format == MeetingFormat.InPerson)
        {
            return new DomainError("summits.attendance-remote-in-person",
                "The meeting is held in person only; a delegation cannot attend remotely.", ErrorKind.RuleViolation, "mode");
        }

        var lead = string.IsNullOrWhiteSpace(leadName) ? null : leadName.Trim();
        var existing = _attendance.FirstOrDefault(a => a.MemberCode == member);
        if (existing is not null)
        {
            existing.Change(mode, lead, actor, now);
            return existing;
        }

        var attendance = new MeetingAttendance(Id, member, mode, lead, actor, now);
        _attendance.Add(attendance);
        return attendance;
    }

    public Result<AgendaItem> AddAgendaItem(AgendaItemDetails details, string actor, DateTime now)
    {
        if (_agenda.Count >= MaxAgendaItems)
        {
            return new DomainError("summits.agenda-full", $"An agenda holds at most {MaxAgendaItems} items.");
        }

        var check = CheckItem(details);
        if (!check.IsSuccess)
        {
            return check.Error!;
        }

        var item = new AgendaItem(Id, _agenda.Count == 0 ? 1 : _agenda.Max(i => i.Position) + 1, details);
        _agenda.Add(item);
        Touch(actor, now);
        return item;
    }

    public Result ChangeAgendaItem(Guid itemId, AgendaItemDetails details, string actor, DateTime now)
    {
        var item = _agenda.FirstOrDefault(i => i.Id == itemId);
        if (item is null)
        {
            return DomainError.NotFound("The agenda item");
        }

        var check = CheckItem(details);
        if (!check.IsSuccess)
        {
            return check;
        }

        item.Change(details);
        Touch(actor, now);
        return Result.Success;
    }

    public Result RemoveAgendaItem(Guid itemId, string actor, DateTime now)
    {
        var item = _agenda.FirstOrDefault(i => i.Id == itemId);
        if (item is null)
        {
            return DomainError.NotFound("The agenda item");
        }

        _agenda.Remove(item);
        var position = 1;
        foreach (var other in _agenda.OrderBy(i => i.Position))
        {
            other.MoveTo(position++);
        }

        Touch(actor, now);
        return Result.Success;
    }

    /// <summary>Puts the agenda in the order given; the list must name every item exactly once.</summary>
    public Result Reorder(IReadOnlyList<Guid> order, string actor, DateTime now)
    {
        if (order.Count != _agenda.Count || order.Distinct().Count() != order.Count || order.Any(id => _agenda.All(i => i.Id != id)))
        {
            return new DomainError("summits.agenda-order-incomplete",
                "The new order must name every item of the agenda exactly once.", ErrorKind.Validation, "itemIds");
        }

        for (var i = 0; i < order.Count; i++)
        {
            _agenda.First(a => a.Id == order[i]).MoveTo(i + 1);
        }

        Touch(actor, now);
        return Result.Success;
    }

    /// <summary>A document may not be less restrictive than its meeting: whoever reads the document can read the meeting.</summary>
    public Result CheckDocumentLabel(Label document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var restrictive = document.Classification >= Label.Classification
            && (Label.ReleasableTo.Length == 0
                || (document.ReleasableTo.Length > 0 && document.ReleasableToCodes.All(c => Label.ReleasableToCodes.Contains(c, StringComparer.Ordinal))))
            && (Label.SharingGroupId is null || document.SharingGroupId == Label.SharingGroupId);
        return restrictive
            ? Result.Success
            : new DomainError("summits.document-label-less-restrictive",
                "A document cannot be released more widely than its meeting: use at least the meeting's classification, and release it only to members the meeting is released to.",
                ErrorKind.RuleViolation, "label");
    }

    public void MarkReminded(DateTime now) => ReminderSentAt = now;

    internal void Touch(string actor, DateTime now)
    {
        UpdatedAt = now;
        UpdatedBy = actor;
        Version++;
    }

    private Result CheckItem(AgendaItemDetails details)
    {
        if (details.EndsAt <= details.StartsAt)
        {
            return new DomainError("summits.agenda-slot-ends-before-start", "An agenda item must end after it starts.", ErrorKind.Validation, "endsAt");
        }

        if (details.StartsAt < StartsAt || details.EndsAt > EndsAt)
        {
            return new DomainError("summits.agenda-outside-meeting",
                "An agenda item's time slot must lie within the meeting.", ErrorKind.RuleViolation, "startsAt");
        }

        if (details.RapporteurMember is { } member && !IsInvited(member))
        {
            return new DomainError("summits.rapporteur-not-invited",
                $"{member} is not invited to the meeting; a rapporteur member must be.", ErrorKind.RuleViolation, "rapporteurMember");
        }

        return Result.Success;
    }

    private Result Apply(MeetingDetails d, Label label, string actor, DateTime now)
    {
        if (d.EndsAt <= d.StartsAt)
        {
            return new DomainError("summits.meeting-ends-before-start", "A meeting must end after it starts.", ErrorKind.Validation, "endsAt");
        }

        if (d.EndsAt - d.StartsAt > TimeSpan.FromDays(14))
        {
            return new DomainError("summits.meeting-too-long", "A meeting lasts at most 14 days.", ErrorKind.Validation, "endsAt");
        }

        if (d.Invited.Count > MaxInvited)
        {
            return DomainError.Invalid("invited", $"At most {MaxInvited} members can be invited.");
        }

        var outsider = d.CoChairs.Concat(d.HostMember is null ? [] : [d.HostMember]).FirstOrDefault(c => !d.Invited.Contains(c, StringComparer.Ordinal));
        if (outsider is not null)
        {
            return new DomainError("summits.chair-not-invited",
                $"{outsider} chairs or hosts the meeting, so it must be on the invitation list.", ErrorKind.RuleViolation, "invited");
        }

        Title = d.Title;
        Level = d.Level;
        Format = d.Format;
        Venue = d.Venue;
        HostMember = d.HostMember;
        CoChairs = Label.Canonicalise(d.CoChairs);
        StartsAt = d.StartsAt;
        EndsAt = d.EndsAt;
        TimeZone = d.TimeZone;
        Invited = Label.Canonicalise(d.Invited);
        Label = label;
        Touch(actor, now);
        return Result.Success;
    }

    private static string[] Split(string canonical) => canonical.Split('|', StringSplitOptions.RemoveEmptyEntries);
}
