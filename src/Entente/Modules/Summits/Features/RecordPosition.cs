using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Entente.Modules.Summits.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Summits.Features;

/// <summary>A member's position; <c>member</c> is implied for a delegate and required from the Secretariat.</summary>
public sealed record RecordPositionRequest(string? Member, Stance? Stance, string? Statement);

/// <summary><c>POST /proposals/{id}/positions</c>: records a member's position against the current version.</summary>
public static class RecordPosition
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/proposals/{id:guid}/positions", HandleAsync)
            .RequireAuthorization(ProposalAccess.AnswerPolicy)
            .Idempotent()
            .WithName("RecordPosition")
            .WithSummary("Record a member's position")
            .WithDescription("Records support, support with a statement, abstention, a reservation or opposition against the current version while a procedure runs. A delegate answers for its own member; the Secretariat records positions taken in a meeting. Refused after a silence procedure's deadline and on a withdrawn proposal.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<ProposalDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, RecordPositionRequest request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(id, request, user, db, catalog, time, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Result<ProposalDetail>> ExecuteAsync(
        Guid id, RecordPositionRequest request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        if (request.Stance is not { } stance)
        {
            return DomainError.Invalid("stance", "Give the position: support, supportWithStatement, abstain, reservation or oppose.");
        }

        // A proposal the caller may not see is not found, before anything is said about the member.
        var member = await ProposalAccess.ResolveMemberAsync(user, db, request.Member, cancellationToken);
        if (!member.IsSuccess)
        {
            return await ProposalAccess.ExistsAsync(db, id, cancellationToken) ? member.Error! : ProposalErrors.NotFound;
        }

        return await ProposalAccess.ChangeAsync(db, id, catalog.Current,
            p => (p.RecordPosition(member.Value!, stance, request.Statement, ProposalAccess.ActorOf(db.Caller), time.UtcNow()).Error, null),
            cancellationToken);
    }
}
