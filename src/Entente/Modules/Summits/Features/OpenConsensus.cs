using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Features;

/// <summary>The quorum of a consensus round: a number of members, or a share (percent) of the coalition's members.</summary>
public sealed record OpenConsensusRequest(int? QuorumCount, int? QuorumPercent);

/// <summary><c>POST /proposals/{id}/consensus</c>: puts the current text to consensus in a meeting.</summary>
public static class OpenConsensus
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/proposals/{id:guid}/consensus", HandleAsync)
            .RequireAuthorization(ProposalAccess.ManagePolicy)
            .Idempotent()
            .WithName("OpenConsensus")
            .WithSummary("Open a consensus round")
            .WithDescription("Opens a consensus round with its quorum: `quorumCount` members, or `quorumPercent` of the coalition's members (rounded up). The chair concludes it with POST /proposals/{id}/conclusion.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<ProposalDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, OpenConsensusRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(id, request, db, catalog, time, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Result<ProposalDetail>> ExecuteAsync(
        Guid id, OpenConsensusRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        if ((request.QuorumCount is null) == (request.QuorumPercent is null))
        {
            return DomainError.Invalid("quorum", "Give the quorum either as quorumCount (members) or as quorumPercent (share of members), not both.");
        }

        if (request.QuorumPercent is < 1 or > 100)
        {
            return DomainError.Invalid("quorumPercent", "The quorum share is a percentage between 1 and 100.");
        }

        var members = await db.Members.CountAsync(cancellationToken);
        var count = request.QuorumCount ?? (int)Math.Ceiling(members * request.QuorumPercent!.Value / 100.0);
        return await ProposalAccess.ChangeAsync(db, id, catalog.Current,
            p => (p.OpenConsensus(count, request.QuorumPercent, members, time.UtcNow()).Error, null), cancellationToken);
    }
}
