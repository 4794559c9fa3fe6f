using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Domain;
using Entente.Modules.Registry.Features;
using Entente.Modules.Summits.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Features;

/// <summary>The online meeting of a rapid consultation: when it starts (an instant with its offset) and how long it lasts.</summary>
public sealed record ConsultationMeetingInput
{
    public DateTimeOffset? StartsAt { get; init; }

    /// <summary>Minutes; 90 when absent.</summary>
    public int? DurationMinutes { get; init; }

    /// <summary>Senior officials when absent.</summary>
    public MeetingLevel? Level { get; init; }

    /// <summary>IANA zone the meeting is shown in; UTC when absent.</summary>
    public string? TimeZone { get; init; }
}

/// <summary>The silence procedure of a rapid consultation: its deadline, an instant with its offset.</summary>
public sealed record ConsultationSilenceInput(string? Deadline);

/// <summary>
/// A rapid consultation: the record it answers, the draft's title and text, the label (the origin's when absent) and
/// an online meeting, a silence procedure, or both.
/// </summary>
public sealed record OpenConsultationRequest
{
    public ConsultationOriginKind? OriginKind { get; init; }

    public Guid? OriginId { get; init; }

    public string? Title { get; init; }

    public string? Text { get; init; }

    public LabelInput? Label { get; init; }

    public ConsultationMeetingInput? Meeting { get; init; }

    public ConsultationSilenceInput? Silence { get; init; }
}

/// <summary>What a rapid consultation opened.</summary>
public sealed record ConsultationView(
    Guid Id, ConsultationOriginKind OriginKind, Guid OriginId, string OriginTitle, Guid? MeetingId, Guid? ProposalId, LabelView Label,
    string OpenedBy, DateTime OpenedAt);

/// <summary>The title and label of the record a consultation answers, read through the label filter.</summary>
public sealed record ConsultationOrigin(ConsultationOriginKind Kind, Guid Id, string Title, Label Label);

/// <summary>
/// <c>POST /consultations</c>: the Secretariat's urgent answer to an alert, event, decision or meeting — an online
/// meeting of all current members and/or a proposal circulated under a short silence procedure — in one request and
/// one transaction. The meeting and the proposal are made by their own aggregates, so every rule of theirs applies.
/// </summary>
public static class OpenConsultation
{
    public const int DefaultDurationMinutes = 90;

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/consultations", HandleAsync)
            .RequireAuthorization(SummitsPolicies.ManageMeetings)
            .Idempotent()
            .WithName("OpenConsultation")
            .WithSummary("Open a rapid consultation")
            .WithDescription("From an alert, event, decision or meeting the caller can see, opens an online meeting (senior officials by default, every current member invited) and/or a proposal under a silence procedure, linked to the origin. The label is the origin's when absent and never less restrictive than it. Secretariat and administrators only.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Created<ConsultationView>, ProblemHttpResult>> HandleAsync(
        OpenConsultationRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(request, db, catalog, time, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/consultations/{result.Value!.Id}", View(result.Value, catalog.Current))
            : result.Error!.ToProblem();
    }

    public static ConsultationView View(Consultation c, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new ConsultationView(c.Id, c.OriginKind, c.OriginId, c.OriginTitle, c.MeetingId, c.ProposalId, LabelView.From(c.Label, policy),
            c.OpenedBy, c.OpenedAt);
    }

    /// <summary>The record a consultation would answer, or null when it does not exist for the caller.</summary>
    public static async Task<ConsultationOrigin?> FindOriginAsync(EntenteDbContext db, ConsultationOriginKind kind, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        switch (kind)
        {
            case ConsultationOriginKind.Alert:
                var alert = await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
                return alert is null ? null : new ConsultationOrigin(kind, id, alert.Headline, alert.Label);
            case ConsultationOriginKind.Event:
                var e = await db.Events.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
                return e is null ? null : new ConsultationOrigin(kind, id,
                    $"{e.Type} on {e.StartsAt:yyyy-MM-dd}{(e.Oblast is null ? "" : $", {e.Oblast}")}", e.Label);
            case ConsultationOriginKind.Decision:
                var decision = await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
                return decision is null ? null : new ConsultationOrigin(kind, id, decision.Title, decision.Label);
            case ConsultationOriginKind.Meeting:
                var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
                return meeting is null ? null : new ConsultationOrigin(kind, id, meeting.Title, meeting.Label);
            default:
                return null;
        }
    }

    /// <summary>Codes of the members whose status in force on <paramref name="today"/> is co-chair, member, partner or observer.</summary>
    public static Task<List<string>> CurrentMembersAsync(EntenteDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Members.AsNoTracking()
            .Where(m => m.Statuses.Any(s => s.From <= today && (s.To == null || s.To >= today) && s.Status != CoalitionStatus.Former))
            .OrderBy(m => m.Code).Select(m => m.Code).ToListAsync(cancellationToken);
    }

    public static async Task<Result<Consultation>> ExecuteAsync(
        OpenConsultationRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.UtcNow();
        if (request.OriginKind is not { } kind || request.OriginId is not { } originId)
        {
            return DomainError.Invalid("originKind", "Name the record the consultation answers: originKind (alert, event, decision or meeting) and originId.");
        }

        if (request.Meeting is null && request.Silence is null)
        {
            return Consultation.NothingChosen;
        }

        // Checked before anything is looked up so that a bad deadline is reported as such, whatever the origin.
        DateTime? deadline = null;
        if (request.Silence is not null)
        {
            var parsed = ProposalAccess.ParseInstant(request.Silence.Deadline, "silence.deadline");
            if (!parsed.IsSuccess)
            {
                return parsed.Error!;
            }

            if (parsed.Value <= now)
            {
                return DomainError.Invalid("silence.deadline", "The deadline of a silence procedure must be in the future.");
            }

            deadline = parsed.Value;
        }

        var origin = await FindOriginAsync(db, kind, originId, cancellationToken);
        if (origin is null)
        {
            return DomainError.NotFound($"The {kind.ToString().ToLowerInvariant()}");
        }

        Label label;
        if (request.Label is null)
        {
            label = origin.Label;
        }
        else
        {
            var resolved = await LabelRules.ResolveAsync(request.Label, db.Caller, catalog, db, cancellationToken: cancellationToken);
            if (!resolved.IsSuccess)
            {
                return resolved.Error!;
            }

            label = resolved.Value!;
        }

        if (!Consultation.IsAtLeastAsRestrictive(label, origin.Label))
        {
            return new DomainError("summits.consultation-label-less-restrictive",
                $"The consultation cannot be released more widely than the {kind.ToString().ToLowerInvariant()} it answers: use at least its classification, and release it only to members it is released to.",
                ErrorKind.RuleViolation, "label");
        }

        var title = string.IsNullOrWhiteSpace(request.Title) ? $"Urgent consultation: {origin.Title}" : request.Title.Trim();
        Meeting? meeting = null;
        if (request.Meeting is { } m)
        {
            var planned = await PlanAsync(db, m, title, label, now, cancellationToken);
            if (!planned.IsSuccess)
            {
                return planned.Error!;
            }

            meeting = planned.Value!;
            db.Meetings.Add(meeting);
        }

        Proposal? proposal = null;
        if (deadline is { } d)
        {
            var actor = ProposalAccess.ActorOf(db.Caller);
            var drafted = Proposal.Draft(title, request.Text ?? "", meeting?.Id, label, actor, now);
            if (!drafted.IsSuccess)
            {
                db.ChangeTracker.Clear();
                return drafted.Error!;
            }

            proposal = drafted.Value!;
            var opened = proposal.OpenSilence(d, now);
            if (!opened.IsSuccess)
            {
                db.ChangeTracker.Clear();
                return opened.Error!;
            }

            db.Proposals.Add(proposal);
        }

        var consultation = Consultation.Open(kind, originId, origin.Title, meeting?.Id, proposal?.Id, label, db.Caller.ActorName, now);
        if (!consultation.IsSuccess)
        {
            db.ChangeTracker.Clear();
            return consultation.Error!;
        }

        db.Consultations.Add(consultation.Value!);

        // One SaveChanges: the meeting, the proposal with its procedure and the link are stored together or not at all.
        var saved = await ProposalAccess.SaveAsync(db, null, cancellationToken);
        return saved.IsSuccess ? consultation.Value! : saved.Error!;
    }

    private static async Task<Result<Meeting>> PlanAsync(
        EntenteDbContext db, ConsultationMeetingInput input, string title, Label label, DateTime now, CancellationToken cancellationToken)
    {
        if (input.StartsAt is not { } starts)
        {
            return DomainError.Invalid("meeting.startsAt", "Give the start of the meeting as an instant with its offset, for example 2026-03-10T16:00:00+01:00.");
        }

        var start = starts.UtcDateTime;
        if (start < now.AddMinutes(-5))
        {
            return DomainError.Invalid("meeting.startsAt", "An urgent meeting cannot start in the past.");
        }

        if (start > now + Consultation.MaxLeadTime)
        {
            return DomainError.Invalid("meeting.startsAt",
                $"An urgent meeting starts within {Consultation.MaxLeadTime.TotalDays:0} days; plan a later one as an ordinary meeting.");
        }

        var minutes = input.DurationMinutes ?? DefaultDurationMinutes;
        if (minutes is < 15 or > 24 * 60)
        {
            return DomainError.Invalid("meeting.durationMinutes", "An urgent meeting lasts between 15 minutes and 24 hours.");
        }

        var zone = MeetingAccess.ResolveTimeZone(input.TimeZone ?? "UTC");
        if (!zone.IsSuccess)
        {
            return zone.Error!;
        }

        var invited = await CurrentMembersAsync(db, DateOnly.FromDateTime(now), cancellationToken);
        var details = new MeetingDetails(PlainText.Shorten(title, Meeting.MaxTitleLength), input.Level ?? MeetingLevel.SeniorOfficials,
            MeetingFormat.Online, null, null, [], start, start.AddMinutes(minutes), input.TimeZone?.Trim() ?? "UTC", invited);
        return Meeting.Plan(details, label, db.Caller.ActorName, now);
    }
}
