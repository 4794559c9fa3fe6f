using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Forces.Features.Conference;

/// <summary>Why the nation takes its bid back.</summary>
public sealed record WithdrawBidRequest
{
    [Required]
    [StringLength(ForceGenerationConference.MaxNoteLength)]
    public string? Reason { get; init; }
}

/// <summary><c>POST /force-generation/conferences/{id}/bids/{bidId}/withdraw</c>: the nation takes its bid back.</summary>
public static class WithdrawBid
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/force-generation/conferences/{id:guid}/bids/{bidId:guid}/withdraw", HandleAsync)
            .RequireAuthorization(ConferenceAccess.RunPolicy)
            .Idempotent()
            .WithName("WithdrawBid")
            .WithSummary("Withdraw a bid")
            .WithDescription("Records, in the open round and with a reason, that the nation takes a bid (confirmed or not) back; its units can be bid again.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<ConferenceBidView>, ProblemHttpResult>> HandleAsync(
        Guid id, Guid bidId, WithdrawBidRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var conference = await ConferenceAccess.FindAsync(db, id, track: true, cancellationToken);
        if (conference is null)
        {
            return ConferenceErrors.NotFound.ToProblem();
        }

        var withdrawn = conference.Withdraw(bidId, request.Reason, ForcesActors.Of(db.Caller), time.UtcNow());
        if (!withdrawn.IsSuccess)
        {
            db.ChangeTracker.Clear();
            return withdrawn.Error!.ToProblem();
        }

        var saved = await ConferenceAccess.SaveAsync(db, cancellationToken);
        return saved.IsSuccess
            ? TypedResults.Ok(await ConfirmBid.BidViewAsync(db, conference.Bids.First(b => b.Id == bidId), catalog.Current, cancellationToken))
            : saved.Error!.ToProblem();
    }
}
