namespace Entente.Modules.Monitoring.Domain;

/// <summary>What an analyst did to an event.</summary>
public enum EventAction
{
    /// <summary>Took the event under review (or reopened a decided one).</summary>
    Review,

    /// <summary>Confirmed it: the first of two confirmations for a severe event, otherwise final.</summary>
    Confirm,

    /// <summary>The second, different analyst's confirmation of a severe event.</summary>
    SecondConfirmation,

    NotConfirm,

    Reject,

    /// <summary>Moved some of its observations to a new event (<see cref="EventDecision.RelatedEventId"/>).</summary>
    Split,

    /// <summary>Created from another event's observations by a split (<see cref="EventDecision.RelatedEventId"/>).</summary>
    SplitFrom,

    /// <summary>Received the observations of another event (<see cref="EventDecision.RelatedEventId"/>), which was merged into it.</summary>
    Merge,

    /// <summary>Merged into another event (<see cref="EventDecision.RelatedEventId"/>); it stays, empty, pointing there.</summary>
    MergedInto,

    /// <summary>
    /// Taken back under review because automatic correlation changed what a decided event holds (new observations
    /// linked to it, or another event merged into it: <see cref="EventDecision.RelatedEventId"/>). Recorded in the
    /// name of whoever filed the observations that caused it.
    /// </summary>
    ChangedAfterDecision,
}

/// <summary>
/// One decision on an event, with who took it, when and why. Decisions are never edited or removed: the history of
/// an event is the list of its decisions in <see cref="Sequence"/> order. A decision carries no label of its own; it
/// is read only through its event (whose label it shares) and is audited under that label.
/// </summary>
public sealed class EventDecision
{
    public const int MaxReasonLength = 2000;

    private EventDecision()
    {
    }

    internal EventDecision(
        Guid eventId, int sequence, EventAction action, EventStatus from, EventStatus to, string reason, Guid? relatedEventId,
        string decidedBy, Guid? decidedById, string? decidedByMember, DateTime decidedAt)
    {
        Id = Guid.CreateVersion7();
        EventId = eventId;
        Sequence = sequence;
        Action = action;
        FromStatus = from;
        ToStatus = to;
        Reason = reason;
        RelatedEventId = relatedEventId;
        DecidedBy = decidedBy;
        DecidedById = decidedById;
        DecidedByMember = decidedByMember;
        DecidedAt = decidedAt;
    }

    public Guid Id { get; private set; }

    public Guid EventId { get; private set; }

    /// <summary>1 for the first decision on the event, then in the order taken.</summary>
    public int Sequence { get; private set; }

    public EventAction Action { get; private set; }

    public EventStatus FromStatus { get; private set; }

    public EventStatus ToStatus { get; private set; }

    /// <summary>Why, in the analyst's words; never empty.</summary>
    public string Reason { get; private set; } = "";

    /// <summary>For splits and merges: the other event.</summary>
    public Guid? RelatedEventId { get; private set; }

    /// <summary>The analyst's user name, as the audit log names them.</summary>
    public string DecidedBy { get; private set; } = "";

    /// <summary>The analyst's user id: four eyes compare ids, not names.</summary>
    public Guid? DecidedById { get; private set; }

    public string? DecidedByMember { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime DecidedAt { get; private set; }
}

/// <summary>How much an event matters for verification: severe events need two analysts' confirmations.</summary>
public enum EventSeverity
{
    /// <summary>No zone rule broken and no heavy weapon.</summary>
    Low,

    /// <summary>A zone rule broken with light weapons, or heavy weapons where they are allowed.</summary>
    Medium,

    /// <summary>A zone rule broken with heavy weapons (mortars and above), or with twenty or more explosions, shots or items.</summary>
    High,

    /// <summary>Casualties.</summary>
    Critical,
}

/// <summary>Who is deciding: the analyst as the audit log and the four-eyes rule know them.</summary>
public sealed record Decider(string Name, Guid? UserId, string? Member);
