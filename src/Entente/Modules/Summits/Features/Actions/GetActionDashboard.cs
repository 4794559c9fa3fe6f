using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Summits.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Features.Actions;

/// <summary>
/// What one member owes. <see cref="Open"/> counts items open or in progress; <see cref="Overdue"/> and
/// <see cref="DueSoon"/> are among them (due soon: today to <see cref="ActionDashboardQuery.SoonDays"/> days ahead).
/// </summary>
public sealed record MemberActions(string Member, string? Name, int Open, int InProgress, int Overdue, int DueSoon, int Done, int Cancelled);

/// <summary>The dashboard: what each member owes, the caller's own member first, and totals over what the caller may see.</summary>
public sealed record ActionDashboard(DateOnly Today, DateOnly SoonUntil, string? OwnMember, MemberActions? Own, IReadOnlyList<MemberActions> Members, MemberActions Totals);

/// <summary>Counts per member over the label-filtered action items, shared by the API, the pages and the home card.</summary>
public static class ActionDashboardQuery
{
    public const int SoonDays = 14;

    public static async Task<ActionDashboard> LoadAsync(EntenteDbContext db, ActionFilter filter, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var soon = today.AddDays(SoonDays);

        // The label filter applies here as everywhere: a member that may not see an item does not count it.
        var rows = await filter.Apply(db.ActionItems.AsNoTracking(), today)
            .Select(a => new { a.OwnerMember, a.Status, a.DueOn })
            .ToListAsync(cancellationToken);
        var codes = rows.Select(r => r.OwnerMember).Distinct().ToList();
        var names = await db.Members.AsNoTracking().Where(m => codes.Contains(m.Code))
            .Select(m => new { m.Code, m.Name }).ToDictionaryAsync(m => m.Code, m => m.Name, cancellationToken);

        MemberActions Count(string member, string? name, IEnumerable<(ActionStatus Status, DateOnly DueOn)> items)
        {
            var list = items.ToList();
            var live = list.Where(i => i.Status is ActionStatus.Open or ActionStatus.InProgress).ToList();
            return new MemberActions(member, name,
                live.Count,
                live.Count(i => i.Status == ActionStatus.InProgress),
                live.Count(i => i.DueOn < today),
                live.Count(i => i.DueOn >= today && i.DueOn <= soon),
                list.Count(i => i.Status == ActionStatus.Done),
                list.Count(i => i.Status == ActionStatus.Cancelled));
        }

        var members = rows.GroupBy(r => r.OwnerMember)
            .Select(g => Count(g.Key, names.GetValueOrDefault(g.Key), g.Select(r => (r.Status, r.DueOn))))
            .OrderByDescending(m => m.Overdue).ThenByDescending(m => m.Open).ThenBy(m => m.Member, StringComparer.Ordinal)
            .ToList();
        var own = db.Caller.Member;
        var ownRow = own is null ? null : members.FirstOrDefault(m => m.Member == own) ?? new MemberActions(own, null, 0, 0, 0, 0, 0, 0);
        var totals = Count("ALL", null, rows.Select(r => (r.Status, r.DueOn)));
        return new ActionDashboard(today, soon, own, ownRow, members, totals);
    }
}

/// <summary><c>GET /actions/dashboard</c>: what each member owes.</summary>
public static class GetActionDashboard
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/actions/dashboard", HandleAsync)
            .RequireAuthorization()
            .WithName("GetActionDashboard")
            .WithSummary("What each member owes")
            .WithDescription("Per owner member: open (of which in progress), overdue, due in the next 14 days, done and cancelled; the caller's own member separately; totals count only what you may see. Filters as for the list.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    public static async Task<Results<Ok<ActionDashboard>, ProblemHttpResult>> HandleAsync(
        [AsParameters] ActionFilter filter, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Check() is { } error)
        {
            return error.ToProblem();
        }

        return TypedResults.Ok(await ActionDashboardQuery.LoadAsync(db, filter, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), cancellationToken));
    }
}
