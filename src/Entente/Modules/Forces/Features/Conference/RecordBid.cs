using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Forces.Features.Conference;

/// <summary>A member puts units of one of its offers against a requirement line.</summary>
public sealed record RecordBidRequest
{
    /// <summary>The round; the open round when absent. A closed round is refused.</summary>
    public int? Round { get; init; }

    [Required]
    [StringLength(8)]
    public string MemberCode { get; init; } = "";

    [Required]
    public Guid? OfferId { get; init; }

    [Required]
    public Guid? RequirementLineId { get; init; }

    /// <summary>Whole units of the offer; the offer's whole quantity when absent.</summary>
    public int? Quantity { get; init; }

    [StringLength(ForceGenerationConference.MaxNoteLength)]
    public string? Note { get; init; }
}

/// <summary><c>POST /force-generation/conferences/{id}/bids</c>: records a bid in the open round.</summary>
public static class RecordBid
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/force-generation/conferences/{id:guid}/bids", HandleAsync)
            .RequireAuthorization(ConferenceAccess.RunPolicy)
            .Idempotent()
            .WithName("RecordBid")
            .WithSummary("Record a bid")
            .WithDescription("Records that a member puts units of one of its offers against an active requirement line of the same capability, in the open round. The units bid may not exceed what of the offer is not already bid or confirmed (in any conference); an indivisible offer is bid whole. A bid whose offer cannot fill the line under the matching rules (a caveat, the notice to move, readiness, availability) is still recorded, as nations bid it, and the answer's incompatibility names the blocking term in words. Two bids on the same offer at the same moment: the second gets 409 forces.offer-bid-concurrently and nothing is stored. The Secretariat and administrators only.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Created<ConferenceBidView>, ProblemHttpResult>> HandleAsync(
        Guid id, RecordBidRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var prepared = await PrepareAsync(id, request, db, time, cancellationToken);
        if (!prepared.IsSuccess)
        {
            db.ChangeTracker.Clear();
            return prepared.Error!.ToProblem();
        }

        var (bid, offer, line) = prepared.Value!;
        var saved = await ConferenceAccess.SaveAsync(db, cancellationToken, ConferenceAccess.OfferBidConcurrently);
        return saved.IsSuccess
            ? TypedResults.Created($"/api/v1/force-generation/conferences/{id}", ConferenceViews.Bid(bid, offer, line, catalog.Current))
            : saved.Error!.ToProblem();
    }

    /// <summary>
    /// Everything before storing: reads the conference, the offer and the line as the caller may see them, what is left of
    /// the offer, and adds the bid to the tracked conference. Storing it (<see cref="ConferenceAccess.SaveAsync"/>) is the
    /// step where a concurrent bid on the same offer is caught.
    /// </summary>
    public static async Task<Result<PreparedBid>> PrepareAsync(
        Guid id, RecordBidRequest request, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        var conference = await ConferenceAccess.FindAsync(db, id, track: true, cancellationToken);
        if (conference is null)
        {
            return ConferenceErrors.NotFound;
        }

        if (string.IsNullOrWhiteSpace(request.MemberCode))
        {
            return DomainError.Invalid("memberCode", "Give the code of the member that bids.");
        }

        if (request.RequirementLineId is not { } lineId || lineId == Guid.Empty)
        {
            return DomainError.Invalid("requirementLineId", "Give the requirement line the bid is put against.");
        }

        if (request.OfferId is not { } offerId || offerId == Guid.Empty)
        {
            return DomainError.Invalid("offerId", "Give the offer the member bids.");
        }

        // Both ids are re-scoped: an offer or line the caller may not see does not exist for it.
        var line = await db.RequirementLines.AsNoTracking().FirstOrDefaultAsync(l => l.Id == lineId, cancellationToken);
        if (line is null)
        {
            return ConferenceErrors.UnknownLine;
        }

        var offer = await db.Offers.AsNoTracking().Include(o => o.Conditions).FirstOrDefaultAsync(o => o.Id == offerId, cancellationToken);
        if (offer is null)
        {
            return ConferenceErrors.UnknownOffer;
        }

        // Units already on the table are counted over every bid on the offer, seen or not: the offer is seen, so its
        // remaining quantity is the caller's to know, and a hidden bid must not let the same units be bid twice. The
        // units and the last bid number come from one statement, so the number claimed matches the units counted.
        var ledger = await db.ConferenceBids.IgnoreQueryFilters([EntenteDbContext.LabelFilter])
            .Where(b => b.OfferId == offer.Id)
            .GroupBy(b => b.OfferId)
            .Select(g => new { Committed = g.Sum(b => b.Status != BidStatus.Withdrawn ? b.Quantity : 0), Last = g.Max(b => b.OfferSequence) })
            .FirstOrDefaultAsync(cancellationToken);
        var committed = ledger?.Committed ?? 0;
        var bid = conference.Bid(request.Round, request.MemberCode,
            new BidOffer(offer.Id, offer.MemberCode, offer.Capability, offer.Quantity, offer.Indivisible, offer.Status == OfferStatus.Offered, committed, ledger?.Last ?? 0),
            new BidLine(line.Id, line.Code, line.Capability, line.IsActive),
            request.Quantity ?? Math.Max(1, offer.Quantity - committed), request.Note, ForcesActors.Of(db.Caller), time.UtcNow());
        return bid.IsSuccess ? new PreparedBid(bid.Value!, offer, line) : bid.Error!;
    }
}

/// <summary>A bid added to its tracked conference, not stored yet, with the offer and line it was judged against.</summary>
public sealed record PreparedBid(ConferenceBid Bid, Offer Offer, RequirementLine Line);
