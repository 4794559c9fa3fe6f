using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Forces.Features.Conference;

/// <summary><c>POST /force-generation/conferences/{id}/rounds</c>: opens the next round.</summary>
public static class OpenConferenceRound
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/force-generation/conferences/{id:guid}/rounds", HandleAsync)
            .RequireAuthorization(ConferenceAccess.RunPolicy)
            .Idempotent()
            .WithName("OpenConferenceRound")
            .WithSummary("Open the next round")
            .WithDescription("Opens round 1, or the round after the last one, which must be closed. Bids, confirmations and withdrawals are recorded in the open round.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Created<ConferenceRoundView>, ProblemHttpResult>> HandleAsync(
        Guid id, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var conference = await ConferenceAccess.FindAsync(db, id, track: true, cancellationToken);
        if (conference is null)
        {
            return ConferenceErrors.NotFound.ToProblem();
        }

        var opened = conference.OpenNextRound(ForcesActors.Of(db.Caller), time.UtcNow());
        if (!opened.IsSuccess)
        {
            db.ChangeTracker.Clear();
            return opened.Error!.ToProblem();
        }

        var saved = await ConferenceAccess.SaveAsync(db, cancellationToken);
        return saved.IsSuccess
            ? TypedResults.Created($"/api/v1/force-generation/conferences/{id}", ConferenceViews.Round(opened.Value!))
            : saved.Error!.ToProblem();
    }
}
