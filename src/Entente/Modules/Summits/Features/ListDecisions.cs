using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Summits.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Features;

/// <summary>Search of the decisions register.</summary>
public sealed record DecisionFilter
{
    /// <summary>Words to find in the title or the adopted text.</summary>
    public string? Q { get; init; }

    public DecisionProcedure? Procedure { get; init; }

    /// <summary>Adopted on or after this day (UTC).</summary>
    public DateOnly? From { get; init; }

    /// <summary>Adopted on or before this day (UTC).</summary>
    public DateOnly? To { get; init; }
}

/// <summary><c>GET /decisions</c>: the decisions register, searchable; only decisions released to the caller, newest first.</summary>
public static class ListDecisions
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/decisions", HandleAsync)
            .RequireAuthorization()
            .WithName("ListDecisions")
            .WithSummary("Search the decisions register")
            .WithDescription("Adopted decisions released to you, newest first; search words in the title or text, filter by procedure and by the day of adoption (from/to, UTC). Totals count only what you may see. Public communiqués are at GET /communiques.");

    public static async Task<Ok<Paged<DecisionSummary>>> HandleAsync(
        [AsParameters] DecisionFilter filter, [AsParameters] PageRequest page, EntenteDbContext db, ISecurityPolicyCatalog catalog,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return TypedResults.Ok(await QueryAsync(db, filter, page, catalog.Current, cancellationToken));
    }

    public static async Task<Paged<DecisionSummary>> QueryAsync(
        EntenteDbContext db, DecisionFilter filter, PageRequest page, PolicySnapshot policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.Decisions.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var pattern = ProposalAccess.ContainsPattern(filter.Q);
            query = db.IsPostgres
                ? query.Where(d => EF.Functions.ILike(d.Title, pattern, ProposalAccess.LikeEscape) || EF.Functions.ILike(d.Text, pattern, ProposalAccess.LikeEscape))
                : query.Where(d => EF.Functions.Like(d.Title, pattern, ProposalAccess.LikeEscape) || EF.Functions.Like(d.Text, pattern, ProposalAccess.LikeEscape));
        }

        if (filter.Procedure is { } procedure)
        {
            query = query.Where(d => d.Procedure == procedure);
        }

        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(d => d.AdoptedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(d => d.AdoptedAt < end);
        }

        var paged = await query.OrderByDescending(d => d.AdoptedAt).ThenBy(d => d.Id).ToPagedAsync(page, d => d, cancellationToken);
        var ids = paged.Items.Select(d => d.Id).ToList();
        var released = await db.Communiques.Where(c => ids.Contains(c.DecisionId)).Select(c => c.DecisionId).ToListAsync(cancellationToken);
        return new Paged<DecisionSummary>(
            paged.Items.Select(d => ProposalViews.DecisionSummary(d, released.Contains(d.Id), policy)).ToList(), paged.Page, paged.PageSize, paged.Total);
    }
}
