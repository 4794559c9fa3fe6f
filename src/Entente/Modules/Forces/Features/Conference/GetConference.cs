using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Forces.Features.Conference;

/// <summary><c>GET /force-generation/conferences/{id}</c>: the conference view; 404 when the caller may not see it.</summary>
public static class GetConference
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/force-generation/conferences/{id:guid}", HandleAsync)
            .RequireAuthorization()
            .WithName("GetConference")
            .WithSummary("Get a force-generation conference")
            .WithDescription("The conference with its rounds, the bids you may see (each under its offer's label) and, per active requirement line, the units bid, confirmed and still short of the minimum and desired quantity. Bids on offers not released to you are neither shown nor counted.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<ConferenceDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var conference = await ConferenceAccess.FindAsync(db, id, track: false, cancellationToken);
        return conference is null
            ? ConferenceErrors.NotFound.ToProblem()
            : TypedResults.Ok(await ConferenceAccess.DetailAsync(db, conference, catalog.Current, cancellationToken));
    }
}
