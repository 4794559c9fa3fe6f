using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;

namespace Entente.Modules.Summits.Domain;

/// <summary>The kind of record a rapid consultation answers.</summary>
public enum ConsultationOriginKind
{
    Alert,
    Event,
    Decision,
    Meeting,
}

/// <summary>
/// A rapid consultation: the Secretariat's urgent answer to an alert, an event, a decision or a meeting, made of an
/// online meeting and/or a proposal under a short silence procedure. It records the origin (kind, id and the title it
/// had then) and what was opened for it. Invariants: at least one of <see cref="MeetingId"/> and
/// <see cref="ProposalId"/> is set; its label is at least as restrictive as the origin's, so whoever can see the
/// consultation could see what it answers.
/// </summary>
public sealed class Consultation : ILabelled
{
    public const int MaxOriginTitleLength = 300;

    /// <summary>How far ahead an urgent meeting may be called; further than this is ordinary planning.</summary>
    public static readonly TimeSpan MaxLeadTime = TimeSpan.FromDays(7);

    private Consultation()
    {
    }

    public Guid Id { get; private set; }

    public ConsultationOriginKind OriginKind { get; private set; }

    public Guid OriginId { get; private set; }

    /// <summary>The origin's title when the consultation was opened.</summary>
    public string OriginTitle { get; private set; } = "";

    public Guid? MeetingId { get; private set; }

    public Guid? ProposalId { get; private set; }

    public Label Label { get; private set; } = Label.Public;

    public string OpenedBy { get; private set; } = "";

    /// <summary>UTC.</summary>
    public DateTime OpenedAt { get; private set; }

    public static Result<Consultation> Open(
        ConsultationOriginKind kind, Guid originId, string originTitle, Guid? meetingId, Guid? proposalId, Label label, string actor, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(originTitle);
        if (meetingId is null && proposalId is null)
        {
            return NothingChosen;
        }

        return new Consultation
        {
            Id = Guid.CreateVersion7(),
            OriginKind = kind,
            OriginId = originId,
            OriginTitle = originTitle.Length > MaxOriginTitleLength ? originTitle[..MaxOriginTitleLength] : originTitle,
            MeetingId = meetingId,
            ProposalId = proposalId,
            Label = label,
            OpenedBy = actor,
            OpenedAt = now,
        };
    }

    public static DomainError NothingChosen { get; } = new("summits.consultation-empty",
        "Choose an online meeting, a silence procedure, or both.", ErrorKind.Validation, "meeting");

    /// <summary>
    /// True when <paramref name="label"/> releases no more widely than <paramref name="origin"/>: at least its
    /// classification, released only to members the origin is released to, and in its sharing group if it has one.
    /// </summary>
    public static bool IsAtLeastAsRestrictive(Label label, Label origin)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(origin);
        return label.Classification >= origin.Classification
            && (origin.ReleasableTo.Length == 0
                || (label.ReleasableTo.Length > 0 && label.ReleasableToCodes.All(c => origin.ReleasableToCodes.Contains(c, StringComparer.Ordinal))))
            && (origin.SharingGroupId is null || label.SharingGroupId == origin.SharingGroupId);
    }
}
