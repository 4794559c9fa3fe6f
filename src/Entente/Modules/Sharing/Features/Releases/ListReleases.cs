using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Sharing.Features.Releases;

/// <summary><c>GET /releases?view=queue|mine|all</c>: release requests the caller may read.</summary>
public static class ListReleases
{
    public const int Limit = 200;

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/releases", HandleAsync)
            .RequireAuthorization()
            .WithName("ListReleases")
            .WithSummary("List release requests")
            .WithDescription("view=queue: pending requests you may approve (you are a releaser of the originating member and neither asked nor approved yet); view=mine: your own requests; view=all (default): every request you may read, newest first, at most 200. " + ReleaseAccess.VisibilityRule);

    public static async Task<Ok<IReadOnlyList<ReleaseView>>> HandleAsync(
        string? view, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return TypedResults.Ok(await QueryAsync(db, user, view, catalog.Current, cancellationToken));
    }

    public static async Task<IReadOnlyList<ReleaseView>> QueryAsync(
        EntenteDbContext db, ClaimsPrincipal user, string? view, PolicySnapshot policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var userId = db.Caller.UserId ?? Guid.Empty;
        var query = view?.Trim().ToLowerInvariant() switch
        {
            "queue" => ReleaseAccess.QueueOf(db, user),
            "mine" => db.ReleaseRequests.Where(r => r.RequestedBy == userId),
            _ => db.ReleaseRequests,
        };
        var rows = await query.AsNoTracking().Include(r => r.Approvals)
            .OrderByDescending(r => r.RequestedAt).Take(Limit).ToListAsync(cancellationToken);
        return [.. rows.Select(r => ReleaseAccess.View(r, user, db, policy))];
    }
}
