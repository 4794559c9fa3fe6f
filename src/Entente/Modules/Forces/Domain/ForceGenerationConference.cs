using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;

namespace Entente.Modules.Forces.Domain;

/// <summary>Whether a conference still takes bids.</summary>
public enum ConferenceStatus
{
    Open,
    Closed,
}

/// <summary>Where a bid stands: put on the table, confirmed by the nation, or taken back.</summary>
public enum BidStatus
{
    Bid,
    Confirmed,
    Withdrawn,
}

/// <summary>
/// What a bid needs to know of the offer it puts forward, read by the caller from an offer the caller may see.
/// <c>Committed</c> is the units of the offer already under a bid or confirmation that is not withdrawn, in any conference;
/// <c>LastSequence</c> is the sequence number of the last bid ever made on the offer (0 for none), read in the same query.
/// </summary>
public sealed record BidOffer(Guid Id, string MemberCode, Capability Capability, int Quantity, bool Indivisible, bool Stands, int Committed, int LastSequence);

/// <summary>What a bid needs to know of the requirement line it is put against.</summary>
public sealed record BidLine(Guid Id, string Code, Capability Capability, bool IsActive);

/// <summary>
/// A force-generation conference (the NATO idea): the Secretariat convenes the offering nations, and round by round
/// records what each nation puts against the lines of the statement of requirements (bids), then which bids the nations
/// confirm and which they take back.
/// </summary>
/// <remarks>
/// Invariants: rounds are numbered from 1 without gaps and at most one is open, always the last; a round once closed
/// stays closed; bids, confirmations and withdrawals are recorded only while the conference is open and in an open round;
/// a bid names an offer of the member it is recorded for, a line of the same capability that is still active, and no
/// more units than the offer has left once every other standing bid on it (in any conference) is counted; an
/// indivisible offer is bid whole. Every entry keeps who recorded it, for which member, when and in which round.
/// Bids on one offer are numbered 1, 2, 3 ... across all conferences (<see cref="ConferenceBid.OfferSequence"/>), and the
/// database holds that number unique per offer: two officers who read the same remaining quantity at the same moment both
/// claim the same next number, so the second insert fails and the offer is never over-committed.
/// </remarks>
public sealed class ForceGenerationConference : ILabelled
{
    public const int MaxTitleLength = 200;
    public const int MaxVenueLength = 200;
    public const int MaxNoteLength = 1000;

    private readonly List<ConferenceRound> _rounds = [];
    private readonly List<ConferenceBid> _bids = [];

    private ForceGenerationConference()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    /// <summary>The day the conference opens.</summary>
    public DateOnly HeldOn { get; private set; }

    /// <summary>Where the delegations meet; null for a conference held online only.</summary>
    public string? Venue { get; private set; }

    /// <summary>Delegations can take part online (alone, or beside the venue for a hybrid conference).</summary>
    public bool Online { get; private set; }

    public ConferenceStatus Status { get; private set; }

    public Label Label { get; private set; } = Label.Public;

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; private set; }

    /// <summary>UTC; set when the conference is closed.</summary>
    public DateTime? ClosedAt { get; private set; }

    public string? ClosedBy { get; private set; }

    public IReadOnlyList<ConferenceRound> Rounds => _rounds;

    /// <summary>The bids the loading query returned: under the label filter, only those on offers the reader may see.</summary>
    public IReadOnlyList<ConferenceBid> Bids => _bids;

    /// <summary>The open round, if any (always the last one).</summary>
    public ConferenceRound? OpenRound => _rounds.FirstOrDefault(r => r.IsOpen);

    /// <summary>Convenes a conference, open and without rounds yet. A venue, online participation, or both.</summary>
    public static Result<ForceGenerationConference> Convene(string? title, DateOnly heldOn, string? venue, bool online, Label label, ForcesActor actor, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(label);
        var checkedTitle = PlainText.Check("title", title, MaxTitleLength, required: true);
        if (!checkedTitle.IsSuccess)
        {
            return checkedTitle.Error!;
        }

        var checkedVenue = PlainText.Check("venue", venue, MaxVenueLength);
        if (!checkedVenue.IsSuccess)
        {
            return checkedVenue.Error!;
        }

        if (checkedVenue.Value is null && !online)
        {
            return ConferenceErrors.NowhereToMeet;
        }

        return new ForceGenerationConference
        {
            Id = Guid.CreateVersion7(now),
            Title = checkedTitle.Value!,
            HeldOn = heldOn,
            Venue = checkedVenue.Value,
            Online = online,
            Status = ConferenceStatus.Open,
            Label = label,
            CreatedAt = now,
            CreatedBy = actor.Name,
            UpdatedAt = now,
        };
    }

    /// <summary>Opens the next round; the one before must be closed.</summary>
    public Result<ConferenceRound> OpenNextRound(ForcesActor actor, DateTime now)
    {
        if (Status == ConferenceStatus.Closed)
        {
            return ConferenceErrors.ConferenceClosed;
        }

        if (OpenRound is { } open)
        {
            return ConferenceErrors.RoundStillOpen(open.Number);
        }

        var round = new ConferenceRound(Id, _rounds.Count + 1, actor, now);
        _rounds.Add(round);
        UpdatedAt = now;
        return round;
    }

    /// <summary>Closes round <paramref name="number"/>; it must be the open one.</summary>
    public Result CloseRound(int number, ForcesActor actor, DateTime now)
    {
        var round = _rounds.FirstOrDefault(r => r.Number == number);
        if (round is null)
        {
            return ConferenceErrors.RoundNotFound(number);
        }

        if (!round.IsOpen)
        {
            return ConferenceErrors.RoundClosed(number);
        }

        round.Close(actor, now);
        UpdatedAt = now;
        return Result.Success;
    }

    /// <summary>Closes the conference and its open round, if any; nothing more is recorded in it.</summary>
    public Result Close(ForcesActor actor, DateTime now)
    {
        if (Status == ConferenceStatus.Closed)
        {
            return ConferenceErrors.ConferenceClosed;
        }

        OpenRound?.Close(actor, now);
        Status = ConferenceStatus.Closed;
        ClosedAt = now;
        ClosedBy = actor.Name;
        UpdatedAt = now;
        return Result.Success;
    }

    /// <summary>
    /// Records that <paramref name="memberCode"/> puts <paramref name="quantity"/> units of <paramref name="offer"/> against
    /// <paramref name="line"/>, in round <paramref name="roundNumber"/> (the open round when null).
    /// </summary>
    public Result<ConferenceBid> Bid(int? roundNumber, string memberCode, BidOffer offer, BidLine line, int quantity, string? note, ForcesActor actor, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(line);
        var round = RoundForEntry(roundNumber);
        if (!round.IsSuccess)
        {
            return round.Error!;
        }

        var member = memberCode.Trim().ToUpperInvariant();
        if (!string.Equals(offer.MemberCode, member, StringComparison.Ordinal))
        {
            return ConferenceErrors.OfferOfAnotherMember(member, offer.MemberCode);
        }

        if (!offer.Stands)
        {
            return ConferenceErrors.OfferWithdrawn;
        }

        if (!line.IsActive)
        {
            return RequirementErrors.Withdrawn(line.Code);
        }

        if (offer.Capability != line.Capability)
        {
            return ConferenceErrors.CapabilityMismatch(offer.Capability, line.Code, line.Capability);
        }

        if (quantity < 1)
        {
            return ConferenceErrors.QuantityNotPositive(quantity);
        }

        var left = Math.Max(0, offer.Quantity - offer.Committed);
        if (quantity > left)
        {
            return ConferenceErrors.OverBid(quantity, offer.Quantity, left);
        }

        if (offer.Indivisible && quantity != offer.Quantity)
        {
            return ConferenceErrors.IndivisiblePart(offer.Quantity);
        }

        var checkedNote = PlainText.Check("note", note, MaxNoteLength, multiline: true);
        if (!checkedNote.IsSuccess)
        {
            return checkedNote.Error!;
        }

        var bid = new ConferenceBid(Id, round.Value!.Number, member, offer.Id, offer.LastSequence + 1, line.Id, quantity, checkedNote.Value, actor, now);
        _bids.Add(bid);
        UpdatedAt = now;
        return bid;
    }

    /// <summary>Records, in the open round, that the nation confirms a bid.</summary>
    public Result Confirm(Guid bidId, ForcesActor actor, DateTime now)
    {
        var bid = _bids.FirstOrDefault(b => b.Id == bidId);
        if (bid is null)
        {
            return ConferenceErrors.BidNotFound;
        }

        var round = RoundForEntry(null);
        if (!round.IsSuccess)
        {
            return round.Error!;
        }

        if (bid.Status != BidStatus.Bid)
        {
            return ConferenceErrors.BidNotPending(bid.Status);
        }

        bid.Confirm(round.Value!.Number, actor, now);
        UpdatedAt = now;
        return Result.Success;
    }

    /// <summary>Records, in the open round, that the nation takes a bid (confirmed or not) back; its units are free again.</summary>
    public Result Withdraw(Guid bidId, string? reason, ForcesActor actor, DateTime now)
    {
        var bid = _bids.FirstOrDefault(b => b.Id == bidId);
        if (bid is null)
        {
            return ConferenceErrors.BidNotFound;
        }

        var round = RoundForEntry(null);
        if (!round.IsSuccess)
        {
            return round.Error!;
        }

        if (bid.Status == BidStatus.Withdrawn)
        {
            return ConferenceErrors.BidNotPending(bid.Status);
        }

        var checkedReason = PlainText.Check("reason", reason, MaxNoteLength, required: true, multiline: true);
        if (!checkedReason.IsSuccess)
        {
            return checkedReason.Error!;
        }

        bid.Withdraw(round.Value!.Number, checkedReason.Value!, actor, now);
        UpdatedAt = now;
        return Result.Success;
    }

    private Result<ConferenceRound> RoundForEntry(int? number)
    {
        if (Status == ConferenceStatus.Closed)
        {
            return ConferenceErrors.ConferenceClosed;
        }

        if (number is { } n)
        {
            var named = _rounds.FirstOrDefault(r => r.Number == n);
            if (named is null)
            {
                return ConferenceErrors.RoundNotFound(n);
            }

            return named.IsOpen ? named : ConferenceErrors.RoundClosed(n);
        }

        return OpenRound is { } open ? open : ConferenceErrors.NoOpenRound;
    }
}

/// <summary>One round of a conference: who opened and closed it, when.</summary>
public sealed class ConferenceRound
{
    private ConferenceRound()
    {
    }

    internal ConferenceRound(Guid conferenceId, int number, ForcesActor actor, DateTime now)
    {
        Id = Guid.CreateVersion7(now);
        ConferenceId = conferenceId;
        Number = number;
        OpenedAt = now;
        OpenedBy = actor.Name;
    }

    public Guid Id { get; private set; }

    public Guid ConferenceId { get; private set; }

    /// <summary>From 1, in order.</summary>
    public int Number { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime OpenedAt { get; private set; }

    public string OpenedBy { get; private set; } = "";

    /// <summary>UTC; null while the round is open.</summary>
    public DateTime? ClosedAt { get; private set; }

    public string? ClosedBy { get; private set; }

    public bool IsOpen => ClosedAt is null;

    internal void Close(ForcesActor actor, DateTime now)
    {
        ClosedAt = now;
        ClosedBy = actor.Name;
    }
}

/// <summary>
/// A member's offer (or some of its units) put against a requirement line in a round; later confirmed or withdrawn.
/// A bid carries no label of its own: it reveals its offer, so it is read under the offer's label (and those of its line
/// and conference).
/// </summary>
public sealed class ConferenceBid
{
    private ConferenceBid()
    {
    }

    internal ConferenceBid(Guid conferenceId, int round, string member, Guid offerId, int offerSequence, Guid lineId, int quantity, string? note, ForcesActor actor, DateTime now)
    {
        OfferSequence = offerSequence;
        Id = Guid.CreateVersion7(now);
        ConferenceId = conferenceId;
        RoundNumber = round;
        MemberCode = member;
        OfferId = offerId;
        RequirementLineId = lineId;
        Quantity = quantity;
        Note = note;
        Status = BidStatus.Bid;
        BidAt = now;
        BidBy = actor.Name;
        BidByMember = actor.Member;
    }

    public Guid Id { get; private set; }

    public Guid ConferenceId { get; private set; }

    /// <summary>The round the bid was made in.</summary>
    public int RoundNumber { get; private set; }

    public string MemberCode { get; private set; } = "";

    public Guid OfferId { get; private set; }

    /// <summary>
    /// The bid's place among every bid ever made on its offer, from 1, in any conference; unique per offer in the
    /// database, so that of two bids computed from the same remaining quantity only the first is stored.
    /// </summary>
    public int OfferSequence { get; private set; }

    public Guid RequirementLineId { get; private set; }

    /// <summary>Whole units of the offer, at least 1.</summary>
    public int Quantity { get; private set; }

    public string? Note { get; private set; }

    public BidStatus Status { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime BidAt { get; private set; }

    public string BidBy { get; private set; } = "";

    public string? BidByMember { get; private set; }

    public int? ConfirmedInRound { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime? ConfirmedAt { get; private set; }

    public string? ConfirmedBy { get; private set; }

    public int? WithdrawnInRound { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime? WithdrawnAt { get; private set; }

    public string? WithdrawnBy { get; private set; }

    public string? WithdrawalReason { get; private set; }

    internal void Confirm(int round, ForcesActor actor, DateTime now)
    {
        Status = BidStatus.Confirmed;
        ConfirmedInRound = round;
        ConfirmedAt = now;
        ConfirmedBy = actor.Name;
    }

    internal void Withdraw(int round, string reason, ForcesActor actor, DateTime now)
    {
        Status = BidStatus.Withdrawn;
        WithdrawnInRound = round;
        WithdrawnAt = now;
        WithdrawnBy = actor.Name;
        WithdrawalReason = reason;
    }
}

/// <summary>The named errors of force-generation conferences; their codes are the problem types clients compare.</summary>
public static class ConferenceErrors
{
    public static DomainError NotFound { get; } = DomainError.NotFound("The conference");

    public static DomainError BidNotFound { get; } = DomainError.NotFound("The bid");

    public static DomainError NowhereToMeet { get; } = new(
        "forces.conference-without-venue",
        "Say where the conference meets: give a venue, or hold it online (or both, for a hybrid conference).",
        ErrorKind.Validation,
        "venue");

    public static DomainError ConferenceClosed { get; } = new(
        "forces.conference-closed",
        "The conference is closed; nothing more is recorded in it. Convene a new conference for further rounds.",
        ErrorKind.Conflict,
        "status");

    public static DomainError NoOpenRound { get; } = new(
        "forces.no-open-round",
        "No round is open. Open the next round before recording bids, confirmations or withdrawals.",
        ErrorKind.RuleViolation,
        "round");

    public static DomainError RoundStillOpen(int number) => new(
        "forces.round-still-open",
        $"Round {number} is still open; close it before opening the next one.",
        ErrorKind.Conflict,
        "round");

    public static DomainError RoundNotFound(int number) => new(
        "forces.unknown-round",
        $"The conference has no round {number}.",
        ErrorKind.NotFound,
        "round");

    public static DomainError RoundClosed(int number) => new(
        "forces.round-closed",
        $"Round {number} is closed; nothing more is recorded in it. Record the entry in the open round.",
        ErrorKind.RuleViolation,
        "round");

    public static DomainError UnknownOffer { get; } = new(
        "forces.unknown-offer",
        "There is no such offer that you may see. Give the id of an offer of the bidding member (GET /api/v1/offers lists them).",
        ErrorKind.Validation,
        "offerId");

    public static DomainError UnknownLine { get; } = new(
        "forces.unknown-requirement-line",
        "There is no such requirement line that you may see. Give the id of a line of the statement (GET /api/v1/requirements lists them).",
        ErrorKind.Validation,
        "requirementLineId");

    public static DomainError OfferWithdrawn { get; } = new(
        "forces.bid-offer-withdrawn",
        "The offer was withdrawn by its nation and cannot be bid.",
        ErrorKind.RuleViolation,
        "offerId");

    public static DomainError OfferOfAnotherMember(string member, string owner) => new(
        "forces.bid-offer-of-another-member",
        $"The offer belongs to {owner}, not to {PlainText.Shorten(member, 16)}: a member bids only its own offers.",
        ErrorKind.RuleViolation,
        "offerId");

    public static DomainError CapabilityMismatch(Capability offered, string lineCode, Capability asked) => new(
        "forces.bid-capability-mismatch",
        $"The offer provides {EnumText.ToText(offered)} but line {lineCode} asks for {EnumText.ToText(asked)}; an offer fills only a line of its own capability.",
        ErrorKind.RuleViolation,
        "requirementLineId");

    public static DomainError QuantityNotPositive(int quantity) => new(
        "forces.bid-quantity-out-of-range",
        $"A bid puts at least one whole unit on the table; {quantity} puts nothing.",
        ErrorKind.Validation,
        "quantity");

    public static DomainError OverBid(int quantity, int offered, int left) => new(
        "forces.bid-exceeds-offer",
        $"The bid puts {quantity} units forward, but the offer has {offered} and only {left} are not already bid or confirmed elsewhere.",
        ErrorKind.RuleViolation,
        "quantity");

    public static DomainError IndivisiblePart(int offered) => new(
        "forces.bid-splits-indivisible-offer",
        $"The offer is indivisible: its {offered} units serve together, so a bid puts all {offered} forward.",
        ErrorKind.RuleViolation,
        "quantity");

    public static DomainError BidNotPending(BidStatus status) => new(
        "forces.bid-not-pending",
        status == BidStatus.Withdrawn ? "The bid was withdrawn; record a new bid instead." : "The bid is already confirmed.",
        ErrorKind.Conflict,
        "status");
}
