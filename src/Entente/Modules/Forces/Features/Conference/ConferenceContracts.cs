using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Registry.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Forces.Features.Conference;

/// <summary>A conference in a list.</summary>
public sealed record ConferenceSummary(
    Guid Id, string Title, DateOnly HeldOn, string? Venue, bool Online, ConferenceStatus Status, int Rounds, int? OpenRound, LabelView Label,
    DateTime CreatedAt, string CreatedBy);

/// <summary>A round: who opened and closed it, when.</summary>
public sealed record ConferenceRoundView(int Number, bool IsOpen, DateTime OpenedAt, string OpenedBy, DateTime? ClosedAt, string? ClosedBy);

/// <summary>
/// A bid with every entry on it (made, confirmed, withdrawn: round, who, when). It reveals its offer, so it carries the
/// offer's label and is shown only to those who may read the offer. <c>Incompatibility</c> is the first term or caveat of
/// the offer that keeps it off the line under the solver's matching rules, in words; null when the offer can fill the line.
/// </summary>
public sealed record ConferenceBidView(
    Guid Id, int Round, string MemberCode, Guid OfferId, Capability Capability, string? OfferUnitType, Guid RequirementLineId, string LineCode,
    int Quantity, string? Note, BidStatus Status, DateTime BidAt, string BidBy, string? BidByMember,
    int? ConfirmedInRound, DateTime? ConfirmedAt, string? ConfirmedBy,
    int? WithdrawnInRound, DateTime? WithdrawnAt, string? WithdrawnBy, string? WithdrawalReason, string? Incompatibility, LabelView Label);

/// <summary>
/// The conference view of one requirement line: what it asks for, units under bid (not yet confirmed) and confirmed,
/// and the shortfall of the confirmed units against the minimum and the desired quantity. Counts only bids the reader may see.
/// </summary>
public sealed record ConferenceTallyLine(
    Guid LineId, string Code, Capability Capability, string UnitType, Priority Priority, int MinimumQuantity, int DesiredQuantity,
    int Bid, int Confirmed, int ShortfallToMinimum, int ShortfallToDesired);

/// <summary>A conference with its rounds, the bids the reader may see and the tally per line.</summary>
public sealed record ConferenceDetail(
    Guid Id, string Title, DateOnly HeldOn, string? Venue, bool Online, ConferenceStatus Status, int? OpenRound, LabelView Label,
    DateTime CreatedAt, string CreatedBy, DateTime? ClosedAt, string? ClosedBy,
    IReadOnlyList<ConferenceRoundView> Rounds, IReadOnlyList<ConferenceBidView> Bids, IReadOnlyList<ConferenceTallyLine> Tally);

/// <summary>Explicit mapping from conferences to what the API and the pages show.</summary>
public static class ConferenceViews
{
    public static ConferenceSummary Summary(ForceGenerationConference c, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new ConferenceSummary(c.Id, c.Title, c.HeldOn, c.Venue, c.Online, c.Status, c.Rounds.Count, c.OpenRound?.Number,
            LabelView.From(c.Label, policy), c.CreatedAt, c.CreatedBy);
    }

    public static ConferenceRoundView Round(ConferenceRound r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new ConferenceRoundView(r.Number, r.IsOpen, r.OpenedAt, r.OpenedBy, r.ClosedAt, r.ClosedBy);
    }

    public static ConferenceBidView Bid(ConferenceBid b, Offer offer, RequirementLine line, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(line);
        return new ConferenceBidView(b.Id, b.RoundNumber, b.MemberCode, b.OfferId, offer.Capability, offer.UnitType, b.RequirementLineId, line.Code,
            b.Quantity, b.Note, b.Status, b.BidAt, b.BidBy, b.BidByMember, b.ConfirmedInRound, b.ConfirmedAt, b.ConfirmedBy,
            b.WithdrawnInRound, b.WithdrawnAt, b.WithdrawnBy, b.WithdrawalReason, BidCompatibility.Blocking(offer, line), LabelView.From(offer.Label, policy));
    }

    /// <summary>The tally of <paramref name="bids"/> over <paramref name="lines"/>, in the statement's order.</summary>
    public static List<ConferenceTallyLine> Tally(IEnumerable<RequirementLine> lines, IReadOnlyCollection<ConferenceBid> bids)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(bids);
        return lines.OrderBy(l => l.Number).Select(l =>
        {
            var onLine = bids.Where(b => b.RequirementLineId == l.Id).ToList();
            var pending = onLine.Where(b => b.Status == BidStatus.Bid).Sum(b => b.Quantity);
            var confirmed = onLine.Where(b => b.Status == BidStatus.Confirmed).Sum(b => b.Quantity);
            return new ConferenceTallyLine(l.Id, l.Code, l.Capability, l.UnitType, l.Priority, l.MinimumQuantity, l.DesiredQuantity, pending, confirmed,
                Math.Max(0, l.MinimumQuantity - confirmed), Math.Max(0, l.DesiredQuantity - confirmed));
        }).ToList();
    }
}

/// <summary>Who runs conferences, and the loading and saving every use case shares.</summary>
public static class ConferenceAccess
{
    /// <summary>Authorization policy: the Secretariat and administrators run force-generation conferences.</summary>
    public const string RunPolicy = "forces-run-conferences";

    /// <summary>A conference the caller may see, with its rounds and the bids the caller may see.</summary>
    public static Task<ForceGenerationConference?> FindAsync(EntenteDbContext db, Guid id, bool track, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var conferences = track ? db.ForceGenerationConferences : db.ForceGenerationConferences.AsNoTracking();
        return conferences.Include(c => c.Rounds).Include(c => c.Bids).AsSplitQuery().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
    }

    /// <summary>The conference view: rounds, the visible bids with their offers' labels, and the tally over the visible active lines.</summary>
    public static async Task<ConferenceDetail> DetailAsync(EntenteDbContext db, ForceGenerationConference c, PolicySnapshot policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(c);
        var offerIds = c.Bids.Select(b => b.OfferId).Distinct().ToList();
        var offers = await db.Offers.AsNoTracking().Where(o => offerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var lines = await db.RequirementLines.AsNoTracking().Where(l => l.Status == RequirementStatus.Active).ToListAsync(cancellationToken);
        var bidLineIds = c.Bids.Select(b => b.RequirementLineId).Except(lines.Select(l => l.Id)).ToList();
        var codes = lines.ToDictionary(l => l.Id);
        foreach (var extra in await db.RequirementLines.AsNoTracking().Where(l => bidLineIds.Contains(l.Id)).ToListAsync(cancellationToken))
        {
            codes[extra.Id] = extra;
        }

        // The bids loaded are already filtered; a bid whose offer is visible but not loaded cannot happen, yet stay safe.
        var bids = c.Bids.Where(b => offers.ContainsKey(b.OfferId) && codes.ContainsKey(b.RequirementLineId)).ToList();
        return new ConferenceDetail(c.Id, c.Title, c.HeldOn, c.Venue, c.Online, c.Status, c.OpenRound?.Number, LabelView.From(c.Label, policy),
            c.CreatedAt, c.CreatedBy, c.ClosedAt, c.ClosedBy,
            c.Rounds.OrderBy(r => r.Number).Select(ConferenceViews.Round).ToList(),
            bids.OrderBy(b => b.RoundNumber).ThenBy(b => b.MemberCode).ThenBy(b => b.BidAt)
                .Select(b => ConferenceViews.Bid(b, offers[b.OfferId], codes[b.RequirementLineId], policy)).ToList(),
            ConferenceViews.Tally(lines, bids));
    }

    /// <summary>Someone else recorded a bid on the same offer between reading what was left of it and storing this bid.</summary>
    public static DomainError OfferBidConcurrently { get; } = new("forces.offer-bid-concurrently",
        "Someone else recorded a bid on this offer at the same moment, so what is left of it has changed. Nothing was stored: reload the conference and bid again.",
        ErrorKind.Conflict);

    /// <summary>
    /// Stores the conference's changes, all or nothing. Two officers opening the same round meet the unique round number;
    /// two bids on the same offer computed from the same remaining quantity meet the unique bid number per offer.
    /// Either way the second writer gets <paramref name="conflict"/> (a 409) and nothing of its change is kept.
    /// </summary>
    public static async Task<Result> SaveAsync(EntenteDbContext db, CancellationToken cancellationToken, DomainError? conflict = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return conflict ?? new DomainError("forces.conference-changed",
                "Someone else changed the conference at the same moment. Reload it and try again.", ErrorKind.Conflict);
        }
    }
}
