using Entente.Infrastructure.Security;
using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Features.Actions;

/// <summary>A reminder that an action item of the member is overdue.</summary>
public sealed record ActionNoticeView(Guid Id, Guid ActionItemId, string Title, string Member, DateOnly DueOn, int DaysOverdue, int OverdueWeek, DateTime CreatedAt);

/// <summary><c>GET /actions/notices</c>: overdue reminders for the caller's member (the Secretariat: for every member), newest first.</summary>
public static class ListActionNotices
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/actions/notices", HandleAsync)
            .RequireAuthorization()
            .WithName("ListActionNotices")
            .WithSummary("Overdue reminders")
            .WithDescription("One notice per overdue action item when it falls overdue, and again each week while it stays overdue: for a delegate, its own member's; for the Secretariat, every member's. Only notices about items you may see.");

    public static async Task<Ok<Paged<ActionNoticeView>>> HandleAsync(
        [AsParameters] PageRequest page, ClaimsPrincipal user, EntenteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var notices = Query(db, user);
        var result = await notices.ToPagedAsync(page, n => n, cancellationToken);
        return TypedResults.Ok(result);
    }

    /// <summary>The notices addressed to the caller, joined to the items it may see.</summary>
    public static IQueryable<ActionNoticeView> Query(EntenteDbContext db, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(db);
        var notices = db.ActionNotices.AsNoTracking();
        if (!MemberAccess.IsStaff(user))
        {
            var member = db.Caller.Member ?? "";
            notices = notices.Where(n => n.MemberCode == member);
        }

        return notices
            .Join(db.ActionItems, n => n.ActionItemId, a => a.Id, (n, a) => new { n, a.Title })
            .OrderByDescending(x => x.n.CreatedAt).ThenBy(x => x.n.Id)
            .Select(x => new ActionNoticeView(x.n.Id, x.n.ActionItemId, x.Title, x.n.MemberCode, x.n.DueOn, x.n.DaysOverdue, x.n.OverdueWeek, x.n.CreatedAt));
    }
}
