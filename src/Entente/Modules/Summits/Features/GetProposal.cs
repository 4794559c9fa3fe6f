using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Summits.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Features;

/// <summary><c>GET /proposals/{id}</c>: a proposal with its versions, positions and breaks; 404 when not released to the caller.</summary>
public static class GetProposal
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/proposals/{id:guid}", HandleAsync)
            .RequireAuthorization()
            .WithName("GetProposal")
            .WithSummary("Get a proposal")
            .WithDescription("The proposal's current text, status, procedure, the members' latest positions in the current round (flagged when they answered an older version), breaks of silence and every version. 404 when the proposal does not exist or is not released to you.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<ProposalDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var detail = await QueryAsync(db, id, catalog.Current, cancellationToken);
        return detail is null ? ProposalErrors.NotFound.ToProblem() : TypedResults.Ok(detail);
    }

    public static async Task<ProposalDetail?> QueryAsync(EntenteDbContext db, Guid id, PolicySnapshot policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var proposal = await db.Proposals.AsNoTracking().Include(p => p.Versions).Include(p => p.Positions).Include(p => p.Breaks)
            .AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (proposal is null)
        {
            return null;
        }

        var decisionId = await db.Decisions.Where(d => d.ProposalId == id).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
        return ProposalViews.Detail(proposal, decisionId, policy);
    }
}

/// <summary><c>GET /proposals/{id}/versions</c>: every version of the text, newest first.</summary>
public static class ListProposalVersions
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/proposals/{id:guid}/versions", HandleAsync)
            .RequireAuthorization()
            .WithName("ListProposalVersions")
            .WithSummary("List a proposal's versions")
            .WithDescription("Every version of the draft text with who amended it, when (UTC) and why. Newest first.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<IReadOnlyList<ProposalVersionView>>, ProblemHttpResult>> HandleAsync(
        Guid id, EntenteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.Proposals.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return ProposalErrors.NotFound.ToProblem();
        }

        var versions = await db.ProposalVersions.AsNoTracking().Where(v => v.ProposalId == id).OrderByDescending(v => v.Number).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ProposalVersionView>>(versions.Select(ProposalViews.Version).ToList());
    }
}
