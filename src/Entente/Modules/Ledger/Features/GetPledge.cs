using System.Text.Json;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Ledger.Features;

/// <summary><c>GET /pledges/{id}</c>: one pledge with its timeline and sources; 404 when not released to the caller.</summary>
public static class GetPledge
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/pledges/{id:guid}", HandleAsync)
            .AllowAnonymous()
            .WithName("GetPledge")
            .WithSummary("Get a pledge")
            .WithDescription("The pledge, its sources and the timeline of its transitions. Anonymous callers see PUBLIC pledges only. Answers 404 when the pledge does not exist or is not released to you.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<PledgeDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var detail = await QueryAsync(db, id, catalog.Current, cancellationToken);
        return detail is null ? LedgerAccess.PledgeNotFound.ToProblem() : TypedResults.Ok(detail);
    }

    public static async Task<PledgeDetail?> QueryAsync(EntenteDbContext db, Guid id, PolicySnapshot policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pledge = await db.Pledges.AsNoTracking().Include(p => p.Transitions).Include(p => p.Sources).AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (pledge is null)
        {
            return null;
        }

        var tranches = await LedgerAccess.TranchesAsync(db, id, cancellationToken);
        return LedgerViews.Detail(pledge, tranches, policy);
    }
}

/// <summary><c>GET /pledges/{id}/versions</c>: every version of a pledge, newest first.</summary>
public static class ListPledgeVersions
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/pledges/{id:guid}/versions", HandleAsync)
            .WithName("ListPledgeVersions")
            .WithSummary("List a pledge's versions")
            .WithDescription("Every change to the pledge — announcement, revisions, transitions — with who made it, when, why and the pledge as it then stood. Newest first.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<Paged<PledgeVersionView>>, ProblemHttpResult>> HandleAsync(
        Guid id, [AsParameters] PageRequest page, EntenteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.Pledges.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return LedgerAccess.PledgeNotFound.ToProblem();
        }

        var versions = await db.PledgeVersions.AsNoTracking().Where(v => v.PledgeId == id).OrderByDescending(v => v.Number)
            .ToPagedAsync(page, v => new PledgeVersionView(v.Number, v.Change, v.Reason, v.By, v.ByMember, v.At,
                JsonDocument.Parse(v.Snapshot).RootElement.Clone()), cancellationToken);
        return TypedResults.Ok(versions);
    }
}
