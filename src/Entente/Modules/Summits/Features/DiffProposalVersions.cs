using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Summits.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Features;

/// <summary><c>GET /proposals/{id}/diff?from=1&amp;to=2</c>: what changed between two versions of the text.</summary>
public static class DiffProposalVersions
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/proposals/{id:guid}/diff", HandleAsync)
            .RequireAuthorization()
            .WithName("DiffProposalVersions")
            .WithSummary("Compare two versions of a proposal")
            .WithDescription("The difference between versions `from` and `to` (default: the previous and the current version), by words or lines, as segments marked same, deleted or inserted.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<ProposalDiff>, ProblemHttpResult>> HandleAsync(
        Guid id, int? from, int? to, DiffGranularity? by, EntenteDbContext db, CancellationToken cancellationToken)
    {
        var result = await QueryAsync(db, id, from, to, by ?? DiffGranularity.Words, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Result<ProposalDiff>> QueryAsync(
        EntenteDbContext db, Guid id, int? from, int? to, DiffGranularity granularity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var current = await db.Proposals.Where(p => p.Id == id).Select(p => (int?)p.CurrentVersion).FirstOrDefaultAsync(cancellationToken);
        if (current is null)
        {
            return ProposalErrors.NotFound;
        }

        var newer = to ?? current.Value;
        var older = from ?? Math.Max(1, newer - 1);
        var texts = await db.ProposalVersions.AsNoTracking().Where(v => v.ProposalId == id && (v.Number == older || v.Number == newer))
            .ToDictionaryAsync(v => v.Number, v => v.Text, cancellationToken);
        if (!texts.TryGetValue(older, out var olderText))
        {
            return DomainError.Invalid("from", $"The proposal has no version {older}; its versions are 1 to {current}.");
        }

        if (!texts.TryGetValue(newer, out var newerText))
        {
            return DomainError.Invalid("to", $"The proposal has no version {newer}; its versions are 1 to {current}.");
        }

        return ProposalViews.Diff(older, newer, granularity, TextDiff.Compare(olderText, newerText, granularity));
    }
}
