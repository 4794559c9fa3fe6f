using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Entente.Modules.Summits.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Summits.Features;

/// <summary>A break of silence with its reason; <c>member</c> is implied for a delegate.</summary>
public sealed record BreakSilenceRequest(string? Member, string? Reason);

/// <summary><c>POST /proposals/{id}/silence-breaks</c>: a member breaks silence, which returns the draft for revision.</summary>
public static class BreakSilence
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/proposals/{id:guid}/silence-breaks", HandleAsync)
            .RequireAuthorization(ProposalAccess.AnswerPolicy)
            .Idempotent()
            .WithName("BreakSilence")
            .WithSummary("Break silence")
            .WithDescription("Breaks silence before the deadline, with a reason: the procedure stops and the draft returns for revision. A second break is refused (409 summits.silence-already-broken), as is a break after the deadline (422 summits.deadline-passed).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<ProposalDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, BreakSilenceRequest request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(id, request, user, db, catalog, time, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Result<ProposalDetail>> ExecuteAsync(
        Guid id, BreakSilenceRequest request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var member = await ProposalAccess.ResolveMemberAsync(user, db, request.Member, cancellationToken);
        if (!member.IsSuccess)
        {
            return await ProposalAccess.ExistsAsync(db, id, cancellationToken) ? member.Error! : ProposalErrors.NotFound;
        }

        return await ProposalAccess.ChangeAsync(db, id, catalog.Current,
            p => (p.BreakSilence(member.Value!, request.Reason ?? "", ProposalAccess.ActorOf(db.Caller), time.UtcNow()).Error, null),
            cancellationToken);
    }
}
