using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Summits.Features;

public sealed record WithdrawProposalRequest(string? Reason);

/// <summary><c>POST /proposals/{id}/withdrawal</c>: withdraws a proposal that has not been adopted.</summary>
public static class WithdrawProposal
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/proposals/{id:guid}/withdrawal", HandleAsync)
            .RequireAuthorization(ProposalAccess.ManagePolicy)
            .Idempotent()
            .WithName("WithdrawProposal")
            .WithSummary("Withdraw a proposal")
            .WithDescription("Withdraws the proposal with a reason, stopping any procedure on it. An adopted proposal cannot be withdrawn; nothing can be recorded on a withdrawn one.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<ProposalDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, WithdrawProposalRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(id, request, db, catalog, time, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static Task<Result<ProposalDetail>> ExecuteAsync(
        Guid id, WithdrawProposalRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(catalog);
        return ProposalAccess.ChangeAsync(db, id, catalog.Current, p => (p.Withdraw(request.Reason ?? "", time.UtcNow()).Error, null), cancellationToken);
    }
}
