using Entente.Infrastructure.Data;
using Entente.Infrastructure.Jobs;
using Entente.Infrastructure.Security;
using Entente.Modules.Summits.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Contracts;

/// <summary>
/// Background job: the instance holding the <c>summits-overdue-actions</c> lease records an overdue notice for the
/// owner member of every action item past its due date — once when it falls overdue and once more for each further
/// week it stays so. What was already noticed is in the database (one row per item and overdue week, unique), so a
/// restart, a second run on the same day or a second instance adds nothing.
/// </summary>
public sealed class OverdueActionJob(IServiceScopeFactory scopes, JobLeases leases, ILogger<OverdueActionJob> logger, TimeProvider time)
    : LeasedJob(scopes, leases, logger, time)
{
    public const string LeaseName = "summits-overdue-actions";

    /// <summary>How often the job looks; notices are per day and week, so hourly is prompt enough.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    /// <summary>Records the notices due on the day <paramref name="clock"/> says it is; returns how many were recorded.</summary>
    public static async Task<int> RunOnceAsync(IServiceProvider services, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(clock);
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().SetSystem("system:overdue-actions", "system");
        var db = scope.ServiceProvider.GetRequiredService<EntenteDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);

        var overdue = await db.ActionItems.AsNoTracking()
            .Where(a => (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress) && a.DueOn < today)
            .Select(a => new { a.Id, a.OwnerMember, a.DueOn })
            .ToListAsync(cancellationToken);
        if (overdue.Count == 0)
        {
            return 0;
        }

        var ids = overdue.Select(o => o.Id).ToList();
        var noticed = (await db.ActionNotices.AsNoTracking().Where(n => ids.Contains(n.ActionItemId))
            .Select(n => new { n.ActionItemId, n.OverdueWeek }).ToListAsync(cancellationToken))
            .Select(n => (n.ActionItemId, n.OverdueWeek)).ToHashSet();

        var recorded = 0;
        foreach (var item in overdue)
        {
            var week = ActionNotice.WeekOf(item.DueOn, today);
            if (noticed.Contains((item.Id, week)))
            {
                continue;
            }

            db.ActionNotices.Add(new ActionNotice(item.Id, item.OwnerMember, week, item.DueOn, today.DayNumber - item.DueOn.DayNumber, now));
            try
            {
                // One save per notice: if another instance recorded the same one meanwhile, only that one is skipped.
                await db.SaveChangesAsync(cancellationToken);
                recorded++;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }
        }

        return recorded;
    }

    protected override string Lease => LeaseName;

    protected override TimeSpan Interval => Every;

    protected override string Work => "record overdue action notices";

    protected override async Task TickAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var recorded = await RunOnceAsync(services, Time, cancellationToken);
        if (recorded > 0)
        {
            Logger.LogInformation("Recorded {Count} overdue action notice(s)", recorded);
        }
    }
}
