using System.Security.Claims;
using Entente.Infrastructure.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Sharing.Features.Groups;

/// <summary><c>GET /sharing-groups</c>: the groups the caller's member belongs to (every group for administrators).</summary>
public static class ListSharingGroups
{
    public const string Description =
        "The sharing groups your member belongs to; administrators see every group (for support). Nobody else learns that a group exists. " +
        "A group that hides its members shows members that neither own nor extend it only its name and their own membership: no member list, no owner, no count.";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/sharing-groups", HandleAsync)
            .RequireAuthorization()
            .WithName("ListSharingGroups")
            .WithSummary("List your sharing groups")
            .WithDescription(Description);

    public static async Task<Ok<IReadOnlyList<SharingGroupView>>> HandleAsync(ClaimsPrincipal user, EntenteDbContext db, CancellationToken cancellationToken)
    {
        var groups = await QueryAsync(db, user, cancellationToken);
        return TypedResults.Ok(groups);
    }

    public static async Task<IReadOnlyList<SharingGroupView>> QueryAsync(EntenteDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var admin = SharingGroupAccess.IsAdministrator(user);
        var member = db.Caller.Member;
        var query = db.SharingGroups.AsNoTracking().Include(g => g.Members).AsQueryable();
        if (!admin)
        {
            query = member is null ? query.Where(_ => false) : query.Where(g => g.Members.Any(m => m.MemberCode == member));
        }

        var groups = await query.OrderBy(g => g.Name).ToListAsync(cancellationToken);
        return [.. groups.Select(g => SharingGroupAccess.View(g, member, admin))];
    }
}
