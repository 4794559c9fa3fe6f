using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Summits.Features;

/// <summary>The deadline of a silence procedure, as an instant with its offset (for example <c>2026-12-01T17:00:00+01:00</c>).</summary>
public sealed record OpenSilenceRequest(string? Deadline);

/// <summary><c>POST /proposals/{id}/silence</c>: circulates the current text under silence until a deadline.</summary>
public static class OpenSilenceProcedure
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/proposals/{id:guid}/silence", HandleAsync)
            .RequireAuthorization(ProposalAccess.ManagePolicy)
            .Idempotent()
            .WithName("OpenSilenceProcedure")
            .WithSummary("Open a silence procedure")
            .WithDescription("Circulates the current version under silence. The deadline must state its time zone offset and lie in the future (at most 90 days). Adopted when the deadline passes unbroken; any member may break silence before it.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<ProposalDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, OpenSilenceRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(id, request, db, catalog, time, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Result<ProposalDetail>> ExecuteAsync(
        Guid id, OpenSilenceRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(catalog);
        var deadline = ProposalAccess.ParseInstant(request.Deadline, "deadline");
        if (!deadline.IsSuccess)
        {
            return deadline.Error!;
        }

        return await ProposalAccess.ChangeAsync(db, id, catalog.Current,
            p => (p.OpenSilence(deadline.Value, time.UtcNow()).Error, null), cancellationToken);
    }
}
