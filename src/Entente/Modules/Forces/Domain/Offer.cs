using System.Text.Json;
using System.Text.Json.Serialization;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;

namespace Entente.Modules.Forces.Domain;

/// <summary>Whether an offer still stands. A withdrawn offer is final: a nation that offers again records a new offer.</summary>
public enum OfferStatus
{
    Offered,
    Withdrawn,
}


/// <summary>A condition as a client states it, before it is checked.</summary>
public sealed record OfferConditionTerms(ConditionKind Kind, string? Member, string? Text);

/// <summary>A future step of the readiness plan as a client states it.</summary>
public sealed record OfferPlanStepTerms(ReadinessLevel Level, DateOnly ExpectedOn);

/// <summary>
/// Everything a nation states about an offer, checked together by <see cref="Offer.Record"/> and <see cref="Offer.Revise"/>.
/// The caveats arrive already built (<see cref="OfferCaveats.Create"/>) because they depend on the capability and window.
/// </summary>
public sealed record OfferTerms(
    Capability Capability,
    string? UnitType,
    int Quantity,
    bool Indivisible,
    int NoticeToMoveDays,
    ReadinessLevel Readiness,
    IReadOnlyList<OfferPlanStepTerms> ReadinessPlan,
    DateOnly AvailableFrom,
    DateOnly AvailableUntil,
    OfferCaveats Caveats,
    IReadOnlyList<OfferConditionTerms> Conditions,
    string? Notes);

/// <summary>
/// A member's national offer to the reassurance force: a capability in a quantity of units, at a UN PCRS readiness
/// level, available over a window, under structured caveats and political conditions.
/// </summary>
/// <remarks>
/// Invariants: the offering member is a known, active member (checked by the caller against the registry, passed in as
/// <c>activeMembers</c>); quantity is 1 to <see cref="MaxQuantity"/> units; notice to move is 0 to
/// <see cref="MaxNoticeDays"/> days; the window ends after it starts; the readiness plan's steps rise strictly above the
/// current level on strictly later dates; conditions are not duplicated, a member-participation condition names another
/// active member, an other-mandate condition says which mandate; the readiness history is only appended, and a move
/// down needs a reason. Every change raises <see cref="Version"/> (the optimistic concurrency token) and appends an
/// <see cref="OfferVersion"/> holding the whole offer as it stood after the change.
/// </remarks>
public sealed class Offer : ILabelled
{
    public const int MaxQuantity = 100_000;
    public const int MaxNoticeDays = 365;
    public const int MaxUnitTypeLength = 200;
    public const int MaxNotesLength = 4000;
    public const int MaxReasonLength = 1000;
    public const int MaxConditions = 20;
    public const int MaxConditionTextLength = 300;
    public const int MaxPlanSteps = 8;

    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly List<OfferCondition> _conditions = [];
    private readonly List<OfferPlanStep> _plan = [];
    private readonly List<OfferReadinessMove> _readiness = [];
    private readonly List<OfferVersion> _versions = [];

    private Offer()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Member code of the offering nation or organisation; never changes.</summary>
    public string MemberCode { get; private set; } = "";

    public Capability Capability { get; private set; }

    /// <summary>Derived from <see cref="Capability"/>, stored so lists filter by it in the query.</summary>
    public ForceComponent Component { get; private set; }

    /// <summary>What the units are, in the nation's words ("mechanised battlegroup", "Typhoon flight").</summary>
    public string? UnitType { get; private set; }

    /// <summary>Whole units offered, at least one.</summary>
    public int Quantity { get; private set; }

    /// <summary>When set, the units serve together on one line or not at all.</summary>
    public bool Indivisible { get; private set; }

    /// <summary>Days from the order to move until the units can move.</summary>
    public int NoticeToMoveDays { get; private set; }

    /// <summary>The UN PCRS level reached so far.</summary>
    public ReadinessLevel Readiness { get; private set; }

    /// <summary>First day the units are available.</summary>
    public DateOnly AvailableFrom { get; private set; }

    /// <summary>Last day the units are available; after <see cref="AvailableFrom"/>.</summary>
    public DateOnly AvailableUntil { get; private set; }

    public OfferCaveats Caveats { get; private set; } = OfferCaveats.None;

    public OfferStatus Status { get; private set; }

    public string? WithdrawalReason { get; private set; }

    public string? Notes { get; private set; }

    public Label Label { get; private set; } = Label.Public;

    /// <summary>Grows by one with every change; also the optimistic concurrency token.</summary>
    public int Version { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyList<OfferCondition> Conditions => _conditions;

    /// <summary>Future readiness steps, in order of date.</summary>
    public IReadOnlyList<OfferPlanStep> ReadinessPlan => _plan;

    /// <summary>Levels reached, in order; the first is the level the offer was recorded at.</summary>
    public IReadOnlyList<OfferReadinessMove> ReadinessHistory => _readiness;

    public IReadOnlyList<OfferVersion> Versions => _versions;

    /// <summary>Length of the availability window in days, both ends included.</summary>
    public int WindowDays => AvailableUntil.DayNumber - AvailableFrom.DayNumber + 1;

    /// <summary>Records a new offer; its first readiness entry is the level it is offered at, dated today.</summary>
    public static Result<Offer> Record(string memberCode, OfferTerms terms, Label label, IReadOnlySet<string> activeMembers,
        ForcesActor actor, DateTime now, DateOnly today)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(memberCode);
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(activeMembers);
        var code = memberCode.Trim().ToUpperInvariant();
        if (!activeMembers.Contains(code))
        {
            return UnknownMember("memberCode", code);
        }

        var offer = new Offer
        {
            Id = Guid.CreateVersion7(now),
            MemberCode = code,
            Status = OfferStatus.Offered,
            CreatedAt = now,
            CreatedBy = actor.Name,
        };
        var applied = offer.Apply(terms, label, activeMembers, now);
        if (!applied.IsSuccess)
        {
            return applied.Error!;
        }

        offer._readiness.Add(new OfferReadinessMove(offer.Id, 1, terms.Readiness, today, "Offered at this level.", actor, now));
        offer.Touch("recorded", null, actor, now);
        return offer;
    }

    /// <summary>Replaces what the offer states; the previous version stays in <see cref="Versions"/> with who, when and why.</summary>
    public Result Revise(OfferTerms terms, Label label, string? reason, IReadOnlySet<string> activeMembers, ForcesActor actor, DateTime now, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(activeMembers);
        if (Status == OfferStatus.Withdrawn)
        {
            return Withdrawn();
        }

        var checkedReason = PlainText.Check("reason", reason, MaxReasonLength, required: true, multiline: true);
        if (!checkedReason.IsSuccess)
        {
            return checkedReason.Error!;
        }

        var levelBefore = Readiness;
        var applied = Apply(terms, label, activeMembers, now);
        if (!applied.IsSuccess)
        {
            return applied;
        }

        if (terms.Readiness != levelBefore)
        {
            // A revision that restates the level is a readiness move too: the history must show when the level changed.
            _readiness.Add(new OfferReadinessMove(Id, _readiness.Count + 1, terms.Readiness, today, checkedReason.Value, actor, now));
        }

        Touch("revised", checkedReason.Value, actor, now);
        return Result.Success;
    }

    /// <summary>Withdraws the offer for a stated reason; it then fills no line and cannot change.</summary>
    public Result Withdraw(string? reason, ForcesActor actor, DateTime now)
    {
        if (Status == OfferStatus.Withdrawn)
        {
            return Withdrawn();
        }

        var checkedReason = PlainText.Check("reason", reason, MaxReasonLength, required: true, multiline: true);
        if (!checkedReason.IsSuccess)
        {
            return checkedReason.Error!;
        }

        Status = OfferStatus.Withdrawn;
        WithdrawalReason = checkedReason.Value;
        Touch("withdrawn", checkedReason.Value, actor, now);
        return Result.Success;
    }

    /// <summary>
    /// Records that the offer reached <paramref name="level"/> on <paramref name="reachedOn"/>: not in the future, not
    /// before the last recorded move, and a move down (an assessment failed, equipment returned) needs a reason. Plan steps
    /// the offer has now reached are dropped from the plan.
    /// </summary>
    public Result RecordReadiness(ReadinessLevel level, DateOnly reachedOn, string? reason, ForcesActor actor, DateTime now, DateOnly today)
    {
        if (Status == OfferStatus.Withdrawn)
        {
            return Withdrawn();
        }

        if (!Enum.IsDefined(level))
        {
            return DomainError.Invalid("level", $"Unknown readiness level. Use: {EnumText.Names<ReadinessLevel>()}.");
        }

        if (level == Readiness)
        {
            return new DomainError("forces.readiness-unchanged",
                $"The offer is already at level {ForcesVocabulary.LevelCode(level)} ({EnumText.ToText(level)}).", ErrorKind.RuleViolation, "level");
        }

        if (reachedOn > today)
        {
            return new DomainError("forces.readiness-in-future",
                $"A readiness move is recorded once it has happened: {reachedOn:yyyy-MM-dd} is after today. Put expected moves in the readiness plan.",
                ErrorKind.Validation, "reachedOn");
        }

        var last = _readiness.Count == 0 ? null : _readiness.MaxBy(r => r.Sequence);
        if (last is not null && reachedOn < last.ReachedOn)
        {
            return new DomainError("forces.readiness-out-of-order",
                $"The last move was recorded on {last.ReachedOn:yyyy-MM-dd}; a later move cannot be dated before it.",
                ErrorKind.Validation, "reachedOn");
        }

        var checkedReason = PlainText.Check("reason", reason, MaxReasonLength, multiline: true);
        if (!checkedReason.IsSuccess)
        {
            return checkedReason.Error!;
        }

        if (level < Readiness && checkedReason.Value is null)
        {
            return new DomainError("forces.readiness-backwards-without-reason",
                $"Moving down from level {ForcesVocabulary.LevelCode(Readiness)} to {ForcesVocabulary.LevelCode(level)} needs a reason (a failed assessment, equipment withdrawn ...).",
                ErrorKind.RuleViolation, "reason");
        }

        Readiness = level;
        _readiness.Add(new OfferReadinessMove(Id, _readiness.Count + 1, level, reachedOn, checkedReason.Value, actor, now));
        _plan.RemoveAll(s => s.Level <= level);
        Touch("readiness", checkedReason.Value, actor, now);
        return Result.Success;
    }

    /// <summary>The offer as JSON, as each version keeps it.</summary>
    public string Snapshot() => JsonSerializer.Serialize(new
    {
        MemberCode,
        Capability,
        UnitType,
        Quantity,
        Indivisible,
        NoticeToMoveDays,
        Readiness,
        ReadinessPlan = _plan.OrderBy(s => s.Sequence).Select(s => new { s.Level, s.ExpectedOn }),
        AvailableFrom,
        AvailableUntil,
        Caveats = new
        {
            AllowedSectors = Caveats.AllowedSectorCodes,
            RefusedSectors = Caveats.RefusedSectorCodes,
            RefusedTasks = Caveats.RefusedTaskList,
            Caveats.MaxRulesOfEngagement,
            Caveats.MaxDurationDays,
            Caveats.NationalApprovalRequired,
            Caveats.CommandArrangement,
            Caveats.Remarks,
        },
        Conditions = _conditions.OrderBy(c => c.Sequence).Select(c => new { c.Kind, c.Member, c.Text }),
        Status,
        WithdrawalReason,
        Notes,
        Label = new { Label.Classification, ReleasableTo = Label.ReleasableToCodes, Label.Originator },
    }, SnapshotJson);

    private static DomainError UnknownMember(string field, string code) => new(
        "forces.unknown-member",
        $"'{PlainText.Shorten(code, 16)}' is not an active member of the coalition that you may see. Give the code of a current member.",
        ErrorKind.Validation,
        field);

    private static DomainError Withdrawn() => new(
        "forces.offer-withdrawn",
        "The offer was withdrawn and can no longer change. Record a new offer if the nation offers again.",
        ErrorKind.Conflict,
        "status");

    private void Touch(string change, string? reason, ForcesActor actor, DateTime now)
    {
        UpdatedAt = now;
        Version++;
        _versions.Add(new OfferVersion(Id, Version, change, reason, actor, now, Snapshot()));
    }

    private Result Apply(OfferTerms t, Label label, IReadOnlySet<string> activeMembers, DateTime now)
    {
        if (!Enum.IsDefined(t.Capability))
        {
            return DomainError.Invalid("capability", $"Unknown capability. Use: {EnumText.Names<Capability>()}.");
        }

        if (!Enum.IsDefined(t.Readiness))
        {
            return DomainError.Invalid("readiness", $"Unknown readiness level. Use: {EnumText.Names<ReadinessLevel>()}.");
        }

        var unitType = PlainText.Check("unitType", t.UnitType, MaxUnitTypeLength);
        if (!unitType.IsSuccess)
        {
            return unitType.Error!;
        }

        if (t.Quantity is < 1 or > MaxQuantity)
        {
            return new DomainError("forces.offer-quantity-out-of-range",
                $"The quantity is a number of whole units from 1 to {MaxQuantity:N0}; {t.Quantity} offers nothing.", ErrorKind.Validation, "quantity");
        }

        if (t.NoticeToMoveDays is < 0 or > MaxNoticeDays)
        {
            return DomainError.Invalid("noticeToMoveDays", $"Notice to move is 0 to {MaxNoticeDays} days.");
        }

        if (t.AvailableUntil <= t.AvailableFrom)
        {
            return new DomainError("forces.offer-window-ends-before-start",
                $"The availability window must end after it starts: {t.AvailableUntil:yyyy-MM-dd} is not after {t.AvailableFrom:yyyy-MM-dd}.",
                ErrorKind.Validation, "availableUntil");
        }

        var plan = t.ReadinessPlan ?? [];
        if (plan.Count > MaxPlanSteps)
        {
            return DomainError.Invalid("readinessPlan", $"A readiness plan has at most {MaxPlanSteps} steps.");
        }

        var previousLevel = t.Readiness;
        DateOnly? previousDate = null;
        for (var i = 0; i < plan.Count; i++)
        {
            var step = plan[i];
            if (!Enum.IsDefined(step.Level) || step.Level <= previousLevel || (previousDate is { } d && step.ExpectedOn <= d))
            {
                return new DomainError("forces.readiness-plan-not-increasing",
                    "Each step of the readiness plan must reach a higher level than the one before it (starting above the current level), on a later date.",
                    ErrorKind.Validation, $"readinessPlan[{i}]");
            }

            previousLevel = step.Level;
            previousDate = step.ExpectedOn;
        }

        var notes = PlainText.Check("notes", t.Notes, MaxNotesLength, multiline: true);
        if (!notes.IsSuccess)
        {
            return notes.Error!;
        }

        var conditions = t.Conditions ?? [];
        if (conditions.Count > MaxConditions)
        {
            return DomainError.Invalid("conditions", $"An offer has at most {MaxConditions} conditions.");
        }

        var checkedConditions = new List<(ConditionKind Kind, string? Member, string? Text)>();
        for (var i = 0; i < conditions.Count; i++)
        {
            var field = $"conditions[{i}]";
            var c = conditions[i];
            if (!Enum.IsDefined(c.Kind))
            {
                return DomainError.Invalid($"{field}.kind", $"Unknown condition. Use: {EnumText.Names<ConditionKind>()}.");
            }

            string? member = null;
            if (c.Kind == ConditionKind.MemberParticipation)
            {
                member = PlainText.TrimToNull(c.Member)?.ToUpperInvariant();
                if (member is null)
                {
                    return DomainError.Invalid($"{field}.member", "A member-participation condition names the member whose participation it needs.");
                }

                if (member == MemberCode)
                {
                    return new DomainError("forces.condition-on-self",
                        "An offer cannot be conditional on its own member's participation: that always holds once the offer is used.",
                        ErrorKind.Validation, $"{field}.member");
                }

                if (!activeMembers.Contains(member))
                {
                    return UnknownMember($"{field}.member", member);
                }
            }
            else if (!string.IsNullOrWhiteSpace(c.Member))
            {
                return DomainError.Invalid($"{field}.member", "Only a member-participation condition names a member.");
            }

            var text = PlainText.Check($"{field}.text", c.Text, MaxConditionTextLength, required: c.Kind == ConditionKind.OtherMandate);
            if (!text.IsSuccess)
            {
                return text.Error!;
            }

            var duplicate = checkedConditions.Any(x => x.Kind == c.Kind
                && (c.Kind switch
                {
                    ConditionKind.MemberParticipation => x.Member == member,
                    ConditionKind.OtherMandate => string.Equals(x.Text, text.Value, StringComparison.OrdinalIgnoreCase),
                    _ => true,
                }));
            if (duplicate)
            {
                return new DomainError("forces.duplicate-condition",
                    $"The condition {EnumText.ToText(c.Kind)}{(member is null ? "" : " " + member)} is stated twice.", ErrorKind.Validation, field);
            }

            checkedConditions.Add((c.Kind, member, text.Value));
        }

        Capability = t.Capability;
        Component = ForcesVocabulary.ComponentOf(t.Capability);
        UnitType = unitType.Value;
        Quantity = t.Quantity;
        Indivisible = t.Indivisible;
        NoticeToMoveDays = t.NoticeToMoveDays;
        Readiness = t.Readiness;
        AvailableFrom = t.AvailableFrom;
        AvailableUntil = t.AvailableUntil;
        Caveats = t.Caveats;
        Notes = notes.Value;
        Label = label;
        _plan.Clear();
        _plan.AddRange(plan.Select((s, i) => new OfferPlanStep(Id, i + 1, s.Level, s.ExpectedOn, now)));
        _conditions.Clear();
        _conditions.AddRange(checkedConditions.Select((c, i) => new OfferCondition(Id, i + 1, c.Kind, c.Member, c.Text, now)));
        return Result.Success;
    }
}

/// <summary>A political condition that must hold for the offer to stand; scenarios switch them on and off.</summary>
public sealed class OfferCondition
{
    private OfferCondition()
    {
    }

    internal OfferCondition(Guid offerId, int sequence, ConditionKind kind, string? member, string? text, DateTime now)
    {
        Id = Guid.CreateVersion7(now);
        OfferId = offerId;
        Sequence = sequence;
        Kind = kind;
        Member = member;
        Text = text;
    }

    public Guid Id { get; private set; }

    public Guid OfferId { get; private set; }

    public int Sequence { get; private set; }

    public ConditionKind Kind { get; private set; }

    /// <summary>For <see cref="ConditionKind.MemberParticipation"/>: the other member whose participation is needed.</summary>
    public string? Member { get; private set; }

    /// <summary>For <see cref="ConditionKind.OtherMandate"/> (required): which mandate; otherwise an optional note.</summary>
    public string? Text { get; private set; }
}

/// <summary>A readiness level the nation expects the offer to reach by a date.</summary>
public sealed class OfferPlanStep
{
    private OfferPlanStep()
    {
    }

    internal OfferPlanStep(Guid offerId, int sequence, ReadinessLevel level, DateOnly expectedOn, DateTime now)
    {
        Id = Guid.CreateVersion7(now);
        OfferId = offerId;
        Sequence = sequence;
        Level = level;
        ExpectedOn = expectedOn;
    }

    public Guid Id { get; private set; }

    public Guid OfferId { get; private set; }

    public int Sequence { get; private set; }

    public ReadinessLevel Level { get; private set; }

    public DateOnly ExpectedOn { get; private set; }
}

/// <summary>A readiness level the offer reached on a day, who recorded it and, for a move down, why.</summary>
public sealed class OfferReadinessMove
{
    private OfferReadinessMove()
    {
    }

    internal OfferReadinessMove(Guid offerId, int sequence, ReadinessLevel level, DateOnly reachedOn, string? reason, ForcesActor actor, DateTime at)
    {
        Id = Guid.CreateVersion7(at);
        OfferId = offerId;
        Sequence = sequence;
        Level = level;
        ReachedOn = reachedOn;
        Reason = reason;
        By = actor.Name;
        ByMember = actor.Member;
        RecordedAt = at;
    }

    public Guid Id { get; private set; }

    public Guid OfferId { get; private set; }

    public int Sequence { get; private set; }

    public ReadinessLevel Level { get; private set; }

    public DateOnly ReachedOn { get; private set; }

    public string? Reason { get; private set; }

    public string By { get; private set; } = "";

    public string? ByMember { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime RecordedAt { get; private set; }
}

/// <summary>The offer as it stood after one change: who, when, why, and the whole offer as JSON. Only ever appended.</summary>
public sealed class OfferVersion
{
    private OfferVersion()
    {
    }

    internal OfferVersion(Guid offerId, int number, string change, string? reason, ForcesActor actor, DateTime at, string snapshot)
    {
        Id = Guid.CreateVersion7(at);
        OfferId = offerId;
        Number = number;
        Change = change;
        Reason = reason;
        By = actor.Name;
        ByMember = actor.Member;
        At = at;
        Snapshot = snapshot;
    }

    public Guid Id { get; private set; }

    public Guid OfferId { get; private set; }

    public int Number { get; private set; }

    /// <summary><c>recorded</c>, <c>revised</c>, <c>readiness</c> or <c>withdrawn</c>.</summary>
    public string Change { get; private set; } = "";

    public string? Reason { get; private set; }

    public string By { get; private set; } = "";

    public string? ByMember { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime At { get; private set; }

    /// <summary>The offer after the change, as JSON (<see cref="Offer.Snapshot"/>).</summary>
    public string Snapshot { get; private set; } = "";
}
