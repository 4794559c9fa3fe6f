using Entente.Components.Dashboard;
using Entente.Infrastructure.Data;
using Entente.Modules.Summits.Domain;
using Entente.Modules.Summits.Pages.Actions;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Features.Actions;

/// <summary>The action items a member owes, as a source of the delegate's "pending" card.</summary>
public static class ActionPending
{
    public const int Listed = 6;

    /// <summary>Open and in-progress items of <paramref name="member"/> that the caller may see, overdue and soonest first.</summary>
    public static async Task<PendingSource> LoadAsync(EntenteDbContext db, string member, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var live = db.ActionItems.AsNoTracking()
            .Where(a => a.OwnerMember == member && (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress));
        var open = await live.CountAsync(cancellationToken);
        var overdue = await live.CountAsync(a => a.DueOn < today, cancellationToken);
        var first = await live.OrderBy(a => a.DueOn).ThenBy(a => a.Id).Take(Listed)
            .Select(a => new { a.Id, a.Title, a.DueOn, a.Status }).ToListAsync(cancellationToken);
        var summary = open switch
        {
            0 => $"{member} owes no open action.",
            1 => $"{member} owes 1 open action{(overdue > 0 ? ", overdue" : "")}.",
            _ => $"{member} owes {open} open actions{(overdue > 0 ? $", {overdue} overdue" : "")}.",
        };
        var items = first.Select(a => new PendingItem("Action", a.Title, $"/summits/actions/{a.Id}", a.DueOn, a.DueOn < today,
            ActionFormat.Due(a.DueOn, today, closed: false))).ToList();
        return new PendingSource("Actions", summary, $"/summits/actions?member={member}", items);
    }
}
