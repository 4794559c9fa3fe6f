using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Forces.Features.Conference;

/// <summary><c>POST /force-generation/conferences/{id}/bids/{bidId}/confirm</c>: the nation confirms its bid.</summary>
public static class ConfirmBid
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/force-generation/conferences/{id:guid}/bids/{bidId:guid}/confirm", HandleAsync)
            .RequireAuthorization(ConferenceAccess.RunPolicy)
            .Idempotent()
            .WithName("ConfirmBid")
            .WithSummary("Confirm a bid")
            .WithDescription("Records, in the open round, that the nation confirms a bid. Confirmed bids feed the tally's confirmed units and the readiness timeline.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<ConferenceBidView>, ProblemHttpResult>> HandleAsync(
        Guid id, Guid bidId, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var conference = await ConferenceAccess.FindAsync(db, id, track: true, cancellationToken);
        if (conference is null)
        {
            return ConferenceErrors.NotFound.ToProblem();
        }

        var confirmed = conference.Confirm(bidId, ForcesActors.Of(db.Caller), time.UtcNow());
        if (!confirmed.IsSuccess)
        {
            db.ChangeTracker.Clear();
            return confirmed.Error!.ToProblem();
        }

        var saved = await ConferenceAccess.SaveAsync(db, cancellationToken);
        return saved.IsSuccess ? TypedResults.Ok(await BidViewAsync(db, conference.Bids.First(b => b.Id == bidId), catalog.Current, cancellationToken)) : saved.Error!.ToProblem();
    }

    internal static async Task<ConferenceBidView> BidViewAsync(EntenteDbContext db, ConferenceBid bid, PolicySnapshot policy, CancellationToken cancellationToken)
    {
        var offer = await db.Offers.AsNoTracking().FirstAsync(o => o.Id == bid.OfferId, cancellationToken);
        var line = await db.RequirementLines.AsNoTracking().FirstAsync(l => l.Id == bid.RequirementLineId, cancellationToken);
        return ConferenceViews.Bid(bid, offer, line, policy);
    }
}
