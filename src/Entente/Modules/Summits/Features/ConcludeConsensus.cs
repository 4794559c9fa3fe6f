using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Summits.Features;

/// <summary><c>POST /proposals/{id}/conclusion</c>: the chair concludes a consensus round.</summary>
public static class ConcludeConsensus
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/proposals/{id:guid}/conclusion", HandleAsync)
            .RequireAuthorization(ProposalAccess.ManagePolicy)
            .Idempotent()
            .WithName("ConcludeConsensus")
            .WithSummary("Conclude a consensus round")
            .WithDescription("Adopts the current version when no member opposes and the quorum of positions on the current version is met, and records the decision in the register. Otherwise answers 422 (summits.consensus-opposed or summits.quorum-not-met) and the round stays open.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<ProposalDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(id, db, catalog, time, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static Task<Result<ProposalDetail>> ExecuteAsync(
        Guid id, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        return ProposalAccess.ChangeAsync(db, id, catalog.Current, p =>
        {
            var concluded = p.ConcludeConsensus(ProposalAccess.ActorOf(db.Caller), time.UtcNow());
            return (concluded.Error, concluded.Value);
        }, cancellationToken);
    }
}
