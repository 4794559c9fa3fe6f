using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Forces.Features.Conference;

/// <summary><c>POST /force-generation/conferences/{id}/rounds/{number}/close</c>: closes the open round.</summary>
public static class CloseConferenceRound
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/force-generation/conferences/{id:guid}/rounds/{number:int}/close", HandleAsync)
            .RequireAuthorization(ConferenceAccess.RunPolicy)
            .Idempotent()
            .WithName("CloseConferenceRound")
            .WithSummary("Close a round")
            .WithDescription("Closes the open round; nothing more is recorded in it. The next round can then be opened.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<ConferenceRoundView>, ProblemHttpResult>> HandleAsync(
        Guid id, int number, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var conference = await ConferenceAccess.FindAsync(db, id, track: true, cancellationToken);
        if (conference is null)
        {
            return ConferenceErrors.NotFound.ToProblem();
        }

        var closed = conference.CloseRound(number, ForcesActors.Of(db.Caller), time.UtcNow());
        if (!closed.IsSuccess)
        {
            db.ChangeTracker.Clear();
            return closed.Error!.ToProblem();
        }

        var saved = await ConferenceAccess.SaveAsync(db, cancellationToken);
        return saved.IsSuccess ? TypedResults.Ok(ConferenceViews.Round(conference.Rounds.First(r => r.Number == number))) : saved.Error!.ToProblem();
    }
}
