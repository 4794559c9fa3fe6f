using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Summits.Features;

/// <summary>An amendment: the new text (and, optionally, title) and why it changed.</summary>
public sealed record AmendProposalRequest(string? Title, string? Text, string? Reason);

/// <summary><c>POST /proposals/{id}/amendments</c>: a new version of the draft text.</summary>
public static class AmendProposal
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/proposals/{id:guid}/amendments", HandleAsync)
            .RequireAuthorization(ProposalAccess.ManagePolicy)
            .Idempotent()
            .WithName("AmendProposal")
            .WithSummary("Amend a proposal")
            .WithDescription("Adds a version of the text with who, when and why. Refused while the text is under silence, and once the proposal is adopted or withdrawn. During a consensus round, positions on the earlier version stay on record but no longer count towards adoption.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<ProposalDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, AmendProposalRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(id, request, db, catalog, time, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static Task<Result<ProposalDetail>> ExecuteAsync(
        Guid id, AmendProposalRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        return ProposalAccess.ChangeAsync(db, id, catalog.Current,
            p => (p.Amend(request.Title, request.Text ?? "", request.Reason ?? "", ProposalAccess.ActorOf(db.Caller), time.UtcNow()).Error, null),
            cancellationToken);
    }
}
