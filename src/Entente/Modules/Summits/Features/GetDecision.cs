using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Summits.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Features;

/// <summary><c>GET /decisions/{id}</c>: one decision with its text, procedure, statements and communiqué.</summary>
public static class GetDecision
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/decisions/{id:guid}", HandleAsync)
            .RequireAuthorization()
            .WithName("GetDecision")
            .WithSummary("Get a decision")
            .WithDescription("The adopted text, the procedure that adopted it, when (UTC), the members' statements and the public communiqué if released. 404 when the decision does not exist or is not released to you.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<DecisionDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var detail = await QueryAsync(db, id, catalog.Current, cancellationToken);
        return detail is null ? ProposalErrors.DecisionNotFound.ToProblem() : TypedResults.Ok(detail);
    }

    public static async Task<DecisionDetail?> QueryAsync(EntenteDbContext db, Guid id, PolicySnapshot policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var d = await db.Decisions.AsNoTracking().Include(x => x.Statements).FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (d is null)
        {
            return null;
        }

        var communique = await db.Communiques.AsNoTracking().FirstOrDefaultAsync(c => c.DecisionId == id, cancellationToken);
        return new DecisionDetail(d.Id, d.ProposalId, d.Title, d.Text, d.Procedure, d.AdoptedAt, d.VersionNumber, d.MeetingId,
            LabelView.From(d.Label, policy),
            d.Statements.OrderBy(s => s.Member, StringComparer.Ordinal).Select(s => new DecisionStatementView(s.Member, s.Stance, s.Statement)).ToList(),
            communique is null ? null : ProposalViews.Communique(communique));
    }
}
