using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Summits.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Features;

/// <summary>Filters of the proposals list.</summary>
public sealed record ProposalFilter
{
    /// <summary>Words to find in the title or the current text.</summary>
    public string? Q { get; init; }

    public ProposalStatus? Status { get; init; }

    public DecisionProcedure? Procedure { get; init; }
}

/// <summary><c>GET /proposals</c>: the proposals the caller may see, most recently changed first.</summary>
public static class ListProposals
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/proposals", HandleAsync)
            .RequireAuthorization()
            .WithName("ListProposals")
            .WithSummary("List proposals")
            .WithDescription("Proposals released to you, most recently changed first; filter by words in the title or text, status and procedure. Totals count only what you may see.");

    public static async Task<Ok<Paged<ProposalSummary>>> HandleAsync(
        [AsParameters] ProposalFilter filter, [AsParameters] PageRequest page, EntenteDbContext db, ISecurityPolicyCatalog catalog,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return TypedResults.Ok(await QueryAsync(db, filter, page, catalog.Current, cancellationToken));
    }

    public static Task<Paged<ProposalSummary>> QueryAsync(
        EntenteDbContext db, ProposalFilter filter, PageRequest page, PolicySnapshot policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.Proposals.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var pattern = ProposalAccess.ContainsPattern(filter.Q);
            query = db.IsPostgres
                ? query.Where(p => EF.Functions.ILike(p.Title, pattern, ProposalAccess.LikeEscape) || EF.Functions.ILike(p.Text, pattern, ProposalAccess.LikeEscape))
                : query.Where(p => EF.Functions.Like(p.Title, pattern, ProposalAccess.LikeEscape) || EF.Functions.Like(p.Text, pattern, ProposalAccess.LikeEscape));
        }

        if (filter.Status is { } status)
        {
            query = query.Where(p => p.Status == status);
        }

        if (filter.Procedure is { } procedure)
        {
            query = query.Where(p => p.Procedure == procedure);
        }

        return query.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id).ToPagedAsync(page, p => ProposalViews.Summary(p, policy), cancellationToken);
    }
}
