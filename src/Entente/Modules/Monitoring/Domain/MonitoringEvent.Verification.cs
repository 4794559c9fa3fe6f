using Entente.Infrastructure.Problems;

namespace Entente.Modules.Monitoring.Domain;

/// <summary>
/// Verification of an event: reported → under review → confirmed, not confirmed or rejected, each step a recorded
/// decision. Four eyes: an event of <see cref="FourEyesFrom"/> severity or above is confirmed by two different
/// analysts; the first confirmation leaves it awaiting the second. A decided event can be reopened (taken under
/// review again); splits and merges change an event only while it is reported or under review. Automatic correlation
/// may still link new observations to a decided event, or merge another event into it, because the ground does not
/// wait for analysts: such a change takes the event back under review (<see cref="ChangedByCorrelation"/>), so no
/// decision stands on contents it was not taken on.
/// </summary>
public sealed partial class MonitoringEvent
{
    /// <summary>Events at least this severe need a second, different analyst's confirmation.</summary>
    public const EventSeverity FourEyesFrom = EventSeverity.High;

    /// <summary>Explosions, shots or items from which a violation counts as severe whatever the weapon.</summary>
    public const int SevereCount = 20;

    /// <summary>Who gave the first confirmation while the event awaits the second.</summary>
    public string? FirstConfirmedBy { get; private set; }

    public Guid? FirstConfirmedById { get; private set; }

    /// <summary>How many decisions the event has; the next one is numbered one more.</summary>
    public int DecisionCount { get; private set; }

    public EventSeverity Severity => SeverityOf(Family, Weapon, IsViolation, Count);

    public bool NeedsFourEyes => Severity >= FourEyesFrom;

    /// <summary>Severity from what the event's observations say: casualties first, then violations by weapon and scale.</summary>
    public static EventSeverity SeverityOf(TypeFamily family, WeaponClass weapon, bool isViolation, int count) =>
        family == TypeFamily.Casualties ? EventSeverity.Critical
        : isViolation && (Vocabulary.IsHeavy(weapon) || count >= SevereCount) ? EventSeverity.High
        : isViolation || Vocabulary.IsHeavy(weapon) ? EventSeverity.Medium
        : EventSeverity.Low;

    public static DomainError TransitionNotAllowed(EventStatus from, EventAction action) => new(
        "monitoring.transition-not-allowed",
        $"An event that is {Describe(from)} cannot be {Verb(action)}. Events are taken under review before they are confirmed or not confirmed; a decided event is reopened by taking it under review again.",
        ErrorKind.RuleViolation, "status");

    public static DomainError FourEyes { get; } = new(
        "monitoring.four-eyes",
        "You gave this event its first confirmation; a severe event is confirmed by a second, different analyst.",
        ErrorKind.RuleViolation, "status");

    public static DomainError IsMerged { get; } = new(
        "monitoring.event-merged",
        "This event was merged into another; decide on that event instead.",
        ErrorKind.RuleViolation);

    public static DomainError IsDecided { get; } = new(
        "monitoring.event-decided",
        "Only events that are reported or under review can be split or merged; take a decided event under review again first.",
        ErrorKind.RuleViolation);

    /// <summary>Applies a verification decision; returns the decision to store, or why it is refused.</summary>
    public Result<EventDecision> Decide(EventAction action, string? reason, Decider who, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(who);
        if (MergedInto is not null)
        {
            return IsMerged;
        }

        var why = reason?.Trim();
        if (string.IsNullOrEmpty(why))
        {
            return DomainError.Invalid("reason", "Say why: every decision on an event is recorded with its reason.");
        }

        if (why.Length > EventDecision.MaxReasonLength)
        {
            return DomainError.Invalid("reason", $"A reason is at most {EventDecision.MaxReasonLength:N0} characters.");
        }

        var from = Status;
        EventStatus to;
        var recorded = action;
        switch (action)
        {
            case EventAction.Review when from != EventStatus.UnderReview:
                to = EventStatus.UnderReview;
                break;
            case EventAction.Confirm when from == EventStatus.UnderReview:
                to = NeedsFourEyes ? EventStatus.AwaitingSecondConfirmation : EventStatus.Confirmed;
                break;
            case EventAction.Confirm when from == EventStatus.AwaitingSecondConfirmation:
                if (SameAnalyst(who))
                {
                    return FourEyes;
                }

                to = EventStatus.Confirmed;
                recorded = EventAction.SecondConfirmation;
                break;
            case EventAction.NotConfirm when from is EventStatus.UnderReview or EventStatus.AwaitingSecondConfirmation:
                to = EventStatus.NotConfirmed;
                break;
            case EventAction.Reject when from is EventStatus.Reported or EventStatus.UnderReview or EventStatus.AwaitingSecondConfirmation:
                to = EventStatus.Rejected;
                break;
            default:
                return TransitionNotAllowed(from, action);
        }

        if (to == EventStatus.AwaitingSecondConfirmation)
        {
            FirstConfirmedBy = who.Name;
            FirstConfirmedById = who.UserId;
        }
        else
        {
            FirstConfirmedBy = null;
            FirstConfirmedById = null;
        }

        Status = to;
        return Record(recorded, from, why, null, who, now);
    }

    /// <summary>Refuses a split or merge of an event that is merged away or already (partly) decided.</summary>
    public Result CanRestructure()
    {
        if (MergedInto is not null)
        {
            return IsMerged;
        }

        return Status is EventStatus.Reported or EventStatus.UnderReview ? Result.Success : IsDecided;
    }

    /// <summary>Whether a decision stands on the event's current contents: confirmed, not confirmed, rejected, or confirmed once.</summary>
    public bool HasDecision => Status is EventStatus.Confirmed or EventStatus.NotConfirmed or EventStatus.Rejected or EventStatus.AwaitingSecondConfirmation;

    /// <summary>
    /// Automatic correlation changed the event's observations, for the reason given. An event with a decision goes
    /// back under review (a first confirmation is void: it was given on other contents) and the step is returned to
    /// be recorded in its history; an event that is reported or under review is already waiting for an analyst, and
    /// nothing is recorded (null). A merged-away event is never changed.
    /// </summary>
    public EventDecision? ChangedByCorrelation(string reason, Guid? relatedEventId, Decider who, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentNullException.ThrowIfNull(who);
        if (MergedInto is not null || !HasDecision)
        {
            return null;
        }

        var from = Status;
        Status = EventStatus.UnderReview;
        FirstConfirmedBy = null;
        FirstConfirmedById = null;
        var why = reason.Length > EventDecision.MaxReasonLength ? reason[..EventDecision.MaxReasonLength] : reason;
        return Record(EventAction.ChangedAfterDecision, from, why, relatedEventId, who, now);
    }

    /// <summary>Records a split or merge in the event's history; the status stays as it was.</summary>
    public EventDecision RecordRestructure(EventAction action, Guid relatedEventId, string reason, Decider who, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(who);
        return Record(action, Status, reason, relatedEventId, who, now);
    }

    private bool SameAnalyst(Decider who) =>
        FirstConfirmedById is { } first ? first == who.UserId : string.Equals(FirstConfirmedBy, who.Name, StringComparison.Ordinal);

    private EventDecision Record(EventAction action, EventStatus from, string reason, Guid? related, Decider who, DateTime now)
    {
        DecisionCount++;
        UpdatedAt = now;
        Version++;
        return new EventDecision(Id, DecisionCount, action, from, Status, reason, related, who.Name, who.UserId, who.Member, now);
    }

    private static string Describe(EventStatus status) => status switch
    {
        EventStatus.Reported => "reported",
        EventStatus.UnderReview => "under review",
        EventStatus.AwaitingSecondConfirmation => "awaiting a second confirmation",
        EventStatus.Confirmed => "confirmed",
        EventStatus.NotConfirmed => "not confirmed",
        EventStatus.Rejected => "rejected",
    };

    private static string Verb(EventAction action) => action switch
    {
        EventAction.Review => "taken under review",
        EventAction.Confirm or EventAction.SecondConfirmation => "confirmed",
        EventAction.NotConfirm => "marked not confirmed",
        EventAction.Reject => "rejected",
        EventAction.Split or EventAction.SplitFrom => "split",
        EventAction.Merge or EventAction.MergedInto => "merged",
        EventAction.ChangedAfterDecision => "changed after a decision",
    };
}
