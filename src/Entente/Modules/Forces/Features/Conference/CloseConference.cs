using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Forces.Features.Conference;

/// <summary><c>POST /force-generation/conferences/{id}/close</c>: closes the conference and its open round.</summary>
public static class CloseConference
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/force-generation/conferences/{id:guid}/close", HandleAsync)
            .RequireAuthorization(ConferenceAccess.RunPolicy)
            .Idempotent()
            .WithName("CloseConference")
            .WithSummary("Close a conference")
            .WithDescription("Closes the conference (and its open round); its confirmed bids stay and still feed the readiness timeline.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Ok<ConferenceDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var conference = await ConferenceAccess.FindAsync(db, id, track: true, cancellationToken);
        if (conference is null)
        {
            return ConferenceErrors.NotFound.ToProblem();
        }

        var closed = conference.Close(ForcesActors.Of(db.Caller), time.UtcNow());
        if (!closed.IsSuccess)
        {
            db.ChangeTracker.Clear();
            return closed.Error!.ToProblem();
        }

        var saved = await ConferenceAccess.SaveAsync(db, cancellationToken);
        return saved.IsSuccess ? TypedResults.Ok(await ConferenceAccess.DetailAsync(db, conference, catalog.Current, cancellationToken)) : saved.Error!.ToProblem();
    }
}
