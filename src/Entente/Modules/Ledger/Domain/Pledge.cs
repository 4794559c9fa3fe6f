using System.Text.Json;
using System.Text.Json.Serialization;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;
using Entente.Modules.Ledger.Contracts;

namespace Entente.Modules.Ledger.Domain;

/// <summary>Who changes the ledger: a user name (or system actor) and the member the user belongs to.</summary>
public readonly record struct LedgerActor(string Name, string? Member);

/// <summary>
/// Support a donor announced, and what became of it. The pledge owns its dated, sourced transitions — announced,
/// committed, allocated (in tranches), delivered (in tranches) or cancelled — and keeps running totals of them so
/// that aggregates read one row per pledge. Invariants: delivered ≤ allocated ≤ committed ≤ announced, in amount
/// and in quantity where the pledge has them; transitions are dated in order, between the announcement and today;
/// every change adds a <see cref="PledgeVersion"/>.
/// </summary>
public sealed class Pledge : ILabelled
{
    public const int MaxSources = 20;

    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly List<PledgeTransition> _transitions = [];
    private readonly List<PledgeSource> _sources = [];
    private readonly List<PledgeVersion> _newVersions = [];

    private Pledge()
    {
    }

    public Guid Id { get; private set; }

    public string DonorCode { get; private set; } = "";

    public MeasureKind Kind { get; private set; }

    public DateOnly AnnouncedOn { get; private set; }

    public string Measure { get; private set; } = "";

    public AidCategory Category { get; private set; }

    public AidType Type { get; private set; }

    public string? Item { get; private set; }

    public long? Quantity { get; private set; }

    /// <summary>Reported value in minor units of <see cref="Currency"/>; null when undisclosed.</summary>
    public long? Amount { get; private set; }

    public string Currency { get; private set; } = "EUR";

    public ValuationBasis Valuation { get; private set; }

    /// <summary>The reported value in euro cents at the ECB rate of the announcement date.</summary>
    public long? ValueEur { get; private set; }

    /// <summary>The ECB business day whose rate valued <see cref="ValueEur"/>.</summary>
    public DateOnly? RateDate { get; private set; }

    /// <summary>Units of <see cref="Currency"/> per euro applied.</summary>
    public decimal? Rate { get; private set; }

    /// <summary>True when the announcement date is later than the newest ECB rate known, so the newest rate stood in.</summary>
    public bool RateIsProvisional { get; private set; }

    public FundingChannel Channel { get; private set; }

    /// <summary>The package this pledge is a tranche of.</summary>
    public Guid? ParentId { get; private set; }

    /// <summary>
    /// True when other pledges are tranches of this one: the package is then only an umbrella, and aggregates
    /// count its tranches instead, so nothing is counted twice.
    /// </summary>
    public bool IsPackage { get; private set; }

    public string? Explanation { get; private set; }

    public Label Label { get; private set; } = Label.Public;

    public PledgeStatus Status { get; private set; }

    /// <summary>Minor units; 0 until committed.</summary>
    public long CommittedAmount { get; private set; }

    public long AllocatedAmount { get; private set; }

    public long DeliveredAmount { get; private set; }

    /// <summary>Euro cents, each tranche at the rate of its own date.</summary>
    public long CommittedEur { get; private set; }

    public long AllocatedEur { get; private set; }

    public long DeliveredEur { get; private set; }

    public long? CommittedQuantity { get; private set; }

    public long? AllocatedQuantity { get; private set; }

    public long? DeliveredQuantity { get; private set; }

    public DateOnly? CommittedOn { get; private set; }

    public DateOnly? FirstDeliveryOn { get; private set; }

    public DateOnly? LastDeliveryOn { get; private set; }

    public DateOnly? CancelledOn { get; private set; }

    /// <summary>Days from the commitment (or the announcement) to the first delivery.</summary>
    public int? DeliveryDelayDays { get; private set; }

    /// <summary>The number of the latest version; also the optimistic concurrency token.</summary>
    public int Version { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyList<PledgeTransition> Transitions => _transitions;

    public IReadOnlyList<PledgeSource> Sources => _sources;

    /// <summary>Versions added since the pledge was loaded; <see cref="TakeNewVersions"/> hands them over to be stored.</summary>
    public IReadOnlyList<PledgeVersion> NewVersions => _newVersions;

    /// <summary>Returns the versions added since the last call and forgets them, so each is stored once.</summary>
    public IReadOnlyList<PledgeVersion> TakeNewVersions()
    {
        var taken = _newVersions.ToList();
        _newVersions.Clear();
        return taken;
    }

    /// <summary>Records an announced pledge with its first sources; the announcement is its first transition and version.</summary>
    public static Result<Pledge> Announce(
        string donorCode, PledgeDetails details, IReadOnlyList<Citation> sources, Label label, Guid? parentId,
        IFxRates rates, LedgerActor actor, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(rates);
        if (sources.Count is 0)
        {
            return DomainError.Invalid("sources", "Cite at least one source for the pledge.");
        }

        var pledge = new Pledge { Id = Guid.CreateVersion7(), DonorCode = donorCode, CreatedAt = now, ParentId = parentId };
        var applied = pledge.Apply(details, sources, label, rates);
        if (!applied.IsSuccess)
        {
            return applied.Error!;
        }

        pledge._transitions.Add(new PledgeTransition(pledge.Id, 1, PledgeStage.Announced, details.AnnouncedOn, pledge.Amount,
            pledge.ValueEur, pledge.RateDate, pledge.Quantity, sources[0], null, now, actor.Name));
        pledge.AddVersion("announced", null, actor, now);
        return pledge;
    }

    /// <summary>Replaces what was announced (a correction or a revised announcement); the reason is required and kept.</summary>
    public Result Revise(PledgeDetails details, IReadOnlyList<Citation> sources, Label label, Guid? parentId, string? reason,
        IFxRates rates, LedgerActor actor, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(sources);
        var checkedReason = PlainText.Check("reason", reason, PledgeVersion.MaxReasonLength, required: true, multiline: true);
        if (!checkedReason.IsSuccess)
        {
            return checkedReason.Error!;
        }

        if (sources.Count is 0)
        {
            return DomainError.Invalid("sources", "Cite at least one source for the pledge.");
        }

        var progressed = _transitions.Any(t => t.Stage != PledgeStage.Announced);
        if (progressed && (details.Currency != Currency || (details.Amount is null) != (Amount is null)))
        {
            return new DomainError("ledger.currency-locked",
                "The currency and whether the value is disclosed cannot change once the pledge has moved past its announcement: its transitions are recorded in them.",
                ErrorKind.RuleViolation, "currency");
        }

        if (details.Amount is { } amount && amount < CommittedAmount)
        {
            return new DomainError("ledger.revision-below-commitment",
                "The announced value cannot be lower than what is already committed.", ErrorKind.RuleViolation, "amount");
        }

        if (details.Quantity is { } quantity && CommittedQuantity is { } committed && quantity < committed)
        {
            return new DomainError("ledger.revision-below-commitment",
                "The announced quantity cannot be lower than what is already committed.", ErrorKind.RuleViolation, "quantity");
        }

        var firstStep = _transitions.Where(t => t.Stage != PledgeStage.Announced).Select(t => (DateOnly?)t.On).Min();
        if (firstStep is { } first && details.AnnouncedOn > first)
        {
            return new DomainError("ledger.transition-out-of-order",
                $"The announcement cannot be dated after the pledge's first step on {first:yyyy-MM-dd}.", ErrorKind.RuleViolation, "announcedOn");
        }

        if (parentId == Id)
        {
            return DomainError.Invalid("parentId", "A pledge cannot be a tranche of itself.");
        }

        var applied = Apply(details, sources, label, rates);
        if (!applied.IsSuccess)
        {
            return applied;
        }

        ParentId = parentId;
        UpdatedAt = now;
        AddVersion("revised", checkedReason.Value, actor, now);
        return Result.Success;
    }

    /// <summary>Marks the pledge as a package that other pledges are tranches of (or not, when the last tranche left).</summary>
    public void SetPackage(bool isPackage) => IsPackage = isPackage;

    /// <summary>
    /// Records a step: a commitment, an allocation or a delivered tranche (partial or whole), or the cancellation of
    /// what remains. Amounts default to what remains of the previous stage.
    /// </summary>
    public Result<PledgeTransition> Record(
        PledgeStage stage, DateOnly on, long? amount, long? quantity, Citation source, string? note,
        IFxRates rates, LedgerActor actor, DateTime now, DateOnly coalitionFounded, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(rates);
        if (!Enum.IsDefined(stage))
        {
            return DomainError.Invalid("stage", "Unknown stage: use committed, allocated, delivered or cancelled.");
        }

        if (Status is PledgeStatus.Cancelled or PledgeStatus.Delivered)
        {
            return new DomainError("ledger.pledge-closed",
                $"The pledge is {AidTypes.Display(Status).ToLowerInvariant()}: nothing more can be recorded against it. Revise it, or record a new pledge.",
                ErrorKind.RuleViolation, "stage");
        }

        var dateError = PledgeRules.CheckDate("on", on, coalitionFounded, today);
        if (dateError is not null)
        {
            return dateError;
        }

        var last = _transitions.MaxBy(t => t.Sequence)!;
        if (on < last.On)
        {
            return OutOfOrder("on", $"This step is dated {on:yyyy-MM-dd}, before the previous one ({last.Stage.ToString().ToLowerInvariant()} on {last.On:yyyy-MM-dd}).");
        }

        var checkedNote = PlainText.Check("note", note, PledgeTransition.MaxNoteLength, required: stage == PledgeStage.Cancelled, multiline: true);
        if (!checkedNote.IsSuccess)
        {
            return checkedNote.Error!;
        }

        if (amount is not null && Amount is null)
        {
            return DomainError.Invalid("amount", "The pledge's value is undisclosed: record quantities, not amounts.");
        }

        if (amount is <= 0)
        {
            return DomainError.Invalid("amount", "An amount must be greater than zero.");
        }

        if (quantity is { } q && (q <= 0 || q > PledgeDetails.MaxQuantity))
        {
            return DomainError.Invalid("quantity", $"A quantity must be a whole number from 1 to {PledgeDetails.MaxQuantity:N0}.");
        }

        long? stepAmount = null;
        long? stepQuantity = null;
        switch (stage)
        {
            case PledgeStage.Announced:
                return OutOfOrder("stage", "A pledge is announced once, when it is recorded.");

            case PledgeStage.Committed:
                if (CommittedOn is not null)
                {
                    return OutOfOrder("stage", "The pledge is already committed. To change what was committed, revise the pledge.");
                }

                stepAmount = Amount is null ? null : amount ?? Amount;
                if (stepAmount > Amount)
                {
                    return Exceeds("ledger.commitment-exceeds-announcement", "amount", "The commitment is larger than the announced value.");
                }

                stepQuantity = quantity ?? Quantity;
                if (Quantity is { } announced && stepQuantity > announced)
                {
                    return Exceeds("ledger.commitment-exceeds-announcement", "quantity", "The committed quantity is larger than the announced one.");
                }

                break;

            case PledgeStage.Allocated:
                if (CommittedOn is null)
                {
                    return OutOfOrder("stage", "Record the commitment before an allocation.");
                }

                if (Amount is not null)
                {
                    var remaining = CommittedAmount - AllocatedAmount;
                    stepAmount = amount ?? remaining;
                    if (stepAmount > remaining || stepAmount <= 0)
                    {
                        return Exceeds("ledger.allocation-exceeds-commitment", "amount",
                            $"Only {Iso4217.ToMajor(remaining, Currency):N2} {Currency} of the commitment is not yet allocated.");
                    }
                }

                stepQuantity = quantity ?? (CommittedQuantity is { } cq ? cq - (AllocatedQuantity ?? 0) : null);
                if (CommittedQuantity is { } committedQuantity && stepQuantity > committedQuantity - (AllocatedQuantity ?? 0))
                {
                    return Exceeds("ledger.allocation-exceeds-commitment", "quantity",
                        $"Only {committedQuantity - (AllocatedQuantity ?? 0):N0} of the committed quantity are not yet allocated.");
                }

                break;

            case PledgeStage.Delivered:
                if (!_transitions.Any(t => t.Stage == PledgeStage.Allocated))
                {
                    return OutOfOrder("stage", "Record an allocation before a delivery.");
                }

                if (Amount is not null)
                {
                    var remaining = AllocatedAmount - DeliveredAmount;
                    stepAmount = amount ?? remaining;
                    if (stepAmount > remaining || stepAmount <= 0)
                    {
                        return Exceeds("ledger.delivery-exceeds-allocation", "amount",
                            $"The delivery is larger than what was allocated and not yet delivered ({Iso4217.ToMajor(remaining, Currency):N2} {Currency}).");
                    }
                }

                stepQuantity = quantity ?? (AllocatedQuantity is { } aq ? aq - (DeliveredQuantity ?? 0) : null);
                if (AllocatedQuantity is { } allocatedQuantity && stepQuantity > allocatedQuantity - (DeliveredQuantity ?? 0))
                {
                    return Exceeds("ledger.delivery-exceeds-allocation", "quantity",
                        $"The delivery is larger than the allocated quantity not yet delivered ({allocatedQuantity - (DeliveredQuantity ?? 0):N0}).");
                }

                break;

            case PledgeStage.Cancelled:
                if (amount is not null || quantity is not null)
                {
                    return DomainError.Invalid("amount", "A cancellation cancels whatever is not yet delivered; give no amount or quantity.");
                }

                break;
        }

        long? stepEur = null;
        DateOnly? rateDate = null;
        if (stepAmount is { } value)
        {
            var quote = rates.QuoteOn(Currency, on);
            if (!quote.IsSuccess)
            {
                return quote.Error! with { Field = "on" };
            }

            stepEur = quote.Value!.ToEurCents(value);
            rateDate = quote.Value.RateDate;
        }

        var transition = new PledgeTransition(Id, last.Sequence + 1, stage, on, stepAmount, stepEur, rateDate, stepQuantity,
            source, checkedNote.Value, now, actor.Name);
        _transitions.Add(transition);
        Apply(transition);
        UpdatedAt = now;
        AddVersion(stage.ToString().ToLowerInvariant(), checkedNote.Value, actor, now);
        return transition;
    }

    /// <summary>
    /// Values the pledge and every tranche again at the rates now known — after a newer ECB file replaced rates that
    /// stood in provisionally. Adds a version only when a value changed; returns whether one did.
    /// </summary>
    public bool Revalue(IFxRates rates, LedgerActor actor, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(rates);
        var changed = false;
        if (Amount is { } amount && rates.QuoteOn(Currency, AnnouncedOn) is { IsSuccess: true } quoted)
        {
            var quote = quoted.Value!;
            var value = quote.ToEurCents(amount);
            if (value != ValueEur || quote.RateDate != RateDate || quote.IsProvisional != RateIsProvisional)
            {
                ValueEur = value;
                RateDate = quote.RateDate;
                Rate = quote.UnitsPerEur;
                RateIsProvisional = quote.IsProvisional;
                changed = true;
            }
        }

        foreach (var t in _transitions.Where(t => t.Amount is not null))
        {
            if (rates.QuoteOn(Currency, t.On) is { IsSuccess: true } q && (q.Value!.RateDate != t.RateDate || q.Value.ToEurCents(t.Amount!.Value) != t.AmountEur))
            {
                t.Revalue(q.Value.ToEurCents(t.Amount!.Value), q.Value.RateDate);
                changed = true;
            }
        }

        if (!changed)
        {
            return false;
        }

        CommittedEur = _transitions.Where(t => t.Stage == PledgeStage.Committed).Sum(t => t.AmountEur ?? 0);
        AllocatedEur = _transitions.Where(t => t.Stage == PledgeStage.Allocated).Sum(t => t.AmountEur ?? 0);
        DeliveredEur = _transitions.Where(t => t.Stage == PledgeStage.Delivered).Sum(t => t.AmountEur ?? 0);
        UpdatedAt = now;
        AddVersion("revalued", "Valued again at the ECB reference rates now published.", actor, now);
        return true;
    }

    /// <summary>The pledge as JSON, for its version history.</summary>
    public string Snapshot() => JsonSerializer.Serialize(new
    {
        Id,
        Donor = DonorCode,
        Kind,
        AnnouncedOn,
        Measure,
        Category,
        Type,
        Item,
        Quantity,
        Amount,
        Currency,
        Valuation,
        ValueEur,
        RateDate,
        Rate,
        Channel,
        ParentId,
        Explanation,
        Label = new { Label.Policy, Label.Classification, ReleasableTo = Label.ReleasableToCodes, Label.SharingGroupId, Label.Originator, Label.Tlp },
        Status,
        CommittedAmount,
        AllocatedAmount,
        DeliveredAmount,
        CommittedQuantity,
        AllocatedQuantity,
        DeliveredQuantity,
        Sources = _sources.OrderBy(s => s.Position).Select(s => s.Citation),
        Transitions = _transitions.OrderBy(t => t.Sequence).Select(t => new { t.Sequence, t.Stage, t.On, t.Amount, t.AmountEur, t.Quantity, t.Source, t.Note }),
    }, SnapshotJson);

    private static DomainError OutOfOrder(string field, string detail) =>
        new("ledger.transition-out-of-order", detail, ErrorKind.RuleViolation, field);

    private static DomainError Exceeds(string code, string field, string detail) => new(code, detail, ErrorKind.RuleViolation, field);

    private Result Apply(PledgeDetails details, IReadOnlyList<Citation> sources, Label label, IFxRates rates)
    {
        if (sources.Count > MaxSources)
        {
            return DomainError.Invalid("sources", $"A pledge may cite at most {MaxSources} sources.");
        }

        long? valueEur = null;
        FxQuote? quote = null;
        if (details.Amount is { } amount)
        {
            var quoted = rates.QuoteOn(details.Currency, details.AnnouncedOn);
            if (!quoted.IsSuccess)
            {
                return quoted.Error!;
            }

            quote = quoted.Value!;
            try
            {
                valueEur = quote.ToEurCents(amount);
            }
            catch (OverflowException)
            {
                return PledgeRules.ImplausibleValue("amount");
            }

            if (valueEur > PledgeDetails.MaxValueEurCents)
            {
                return PledgeRules.ImplausibleValue("amount");
            }
        }

        Kind = details.Kind;
        AnnouncedOn = details.AnnouncedOn;
        Measure = details.Measure;
        Type = details.Type;
        Category = AidTypes.CategoryOf(details.Type);
        Item = details.Item;
        Quantity = details.Quantity;
        Amount = details.Amount;
        Currency = details.Currency;
        Valuation = details.Valuation;
        ValueEur = valueEur;
        RateDate = quote?.RateDate;
        Rate = quote?.UnitsPerEur;
        RateIsProvisional = quote?.IsProvisional ?? false;
        Channel = details.Channel;
        Explanation = details.Explanation;
        Label = label;
        _sources.Clear();
        for (var i = 0; i < sources.Count; i++)
        {
            _sources.Add(new PledgeSource(Id, i + 1, sources[i]));
        }

        return Result.Success;
    }

    private void Apply(PledgeTransition t)
    {
        switch (t.Stage)
        {
            case PledgeStage.Committed:
                CommittedOn = t.On;
                CommittedAmount = t.Amount ?? 0;
                CommittedEur = t.AmountEur ?? 0;
                CommittedQuantity = t.Quantity;
                break;
            case PledgeStage.Allocated:
                AllocatedAmount += t.Amount ?? 0;
                AllocatedEur += t.AmountEur ?? 0;
                AllocatedQuantity = Add(AllocatedQuantity, t.Quantity);
                break;
            case PledgeStage.Delivered:
                DeliveredAmount += t.Amount ?? 0;
                DeliveredEur += t.AmountEur ?? 0;
                DeliveredQuantity = Add(DeliveredQuantity, t.Quantity);
                FirstDeliveryOn ??= t.On;
                LastDeliveryOn = t.On;
                DeliveryDelayDays ??= t.On.DayNumber - (CommittedOn ?? AnnouncedOn).DayNumber;
                break;
            case PledgeStage.Cancelled:
                CancelledOn = t.On;
                break;
            case PledgeStage.Announced:
                break;
        }

        Status = DeriveStatus();
    }

    private PledgeStatus DeriveStatus()
    {
        if (CancelledOn is not null)
        {
            return PledgeStatus.Cancelled;
        }

        if (FirstDeliveryOn is not null)
        {
            var complete = Amount is not null
                ? DeliveredAmount >= CommittedAmount
                : CommittedQuantity is not { } committed || (DeliveredQuantity ?? 0) >= committed;
            return complete ? PledgeStatus.Delivered : PledgeStatus.PartlyDelivered;
        }

        if (_transitions.Any(t => t.Stage == PledgeStage.Allocated))
        {
            return PledgeStatus.Allocated;
        }

        return CommittedOn is not null ? PledgeStatus.Committed : PledgeStatus.Announced;
    }

    private static long? Add(long? total, long? step) => step is null ? total : (total ?? 0) + step;

    private void AddVersion(string change, string? reason, LedgerActor actor, DateTime now)
    {
        Version++;
        _newVersions.Add(new PledgeVersion(Id, Version, change, reason, actor.Name, actor.Member, now, Snapshot()));
    }
}
