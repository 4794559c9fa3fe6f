using Entente.Infrastructure.Data;
using Entente.Infrastructure.Jobs;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Security;
using Entente.Modules.Registry.Features;
using Entente.Modules.Summits.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Entente.Modules.Summits.Contracts;

/// <summary>Settings of the meeting reminders (<c>Entente:Summits:Reminders</c>).</summary>
public sealed class MeetingReminderOptions
{
    public const string Section = "Entente:Summits:Reminders";

    /// <summary>Whether the background job runs in this instance.</summary>
    public bool Run { get; set; } = true;

    /// <summary>How long before a meeting starts its reminder goes out, in hours.</summary>
    public int LeadHours { get; set; } = 24;

    /// <summary>How often the job looks for meetings to remind of.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Sends each planned meeting's reminder once: <see cref="MeetingReminderOptions.LeadHours"/> before it starts, a
/// notification for every active user of every invited member who may read the meeting. Runs under a database lease
/// (one instance at a time); what was sent is in the database (<see cref="Meeting.ReminderSentAt"/> and a unique index on
/// user, meeting and kind), so a restart or a second run sends nothing twice.
/// </summary>
public sealed class MeetingReminderJob(IServiceScopeFactory scopes, JobLeases leases, IOptions<MeetingReminderOptions> options,
    ILogger<MeetingReminderJob> logger, TimeProvider time) : LeasedJob(scopes, leases, logger, time)
{
    public const string LeaseName = "summits-meeting-reminders";

    /// <summary>Sends the reminders that are due; returns how many notifications were recorded.</summary>
    public static async Task<int> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().SetSystem("system:meeting-reminders", "system");
        var db = scope.ServiceProvider.GetRequiredService<EntenteDbContext>();
        var settings = scope.ServiceProvider.GetRequiredService<IOptions<MeetingReminderOptions>>().Value;
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().UtcNow();
        var horizon = now.AddHours(Math.Max(1, settings.LeadHours));
        var due = await db.Meetings
            .Where(m => m.Status == MeetingStatus.Planned && m.ReminderSentAt == null && m.StartsAt > now && m.StartsAt <= horizon)
            .OrderBy(m => m.StartsAt).Take(100).ToListAsync(cancellationToken);
        var recorded = 0;
        foreach (var meeting in due)
        {
            recorded += await RemindAsync(db, meeting, now, cancellationToken);
        }

        return recorded;
    }

    private static async Task<int> RemindAsync(EntenteDbContext db, Meeting meeting, DateTime now, CancellationToken cancellationToken)
    {
        var invited = meeting.InvitedCodes.ToList();
        var userIds = await db.Users.AsNoTracking().Where(u => !u.IsDisabled && u.MemberCode != null && invited.Contains(u.MemberCode))
            .Select(u => u.Id).ToListAsync(cancellationToken);
        var scopes = await UserScopes.OfAsync(db, userIds, cancellationToken);
        var already = await db.MeetingNotifications.Where(n => n.MeetingId == meeting.Id && n.Kind == MeetingNotification.ReminderKind)
            .Select(n => n.UserId).ToListAsync(cancellationToken);
        var start = Features.MeetingAccess.InZone(meeting.StartsAt, meeting.TimeZone);
        var text = $"{meeting.Title} starts {start:yyyy-MM-dd HH:mm} ({meeting.TimeZone}).";
        var added = 0;
        foreach (var (userId, scope) in scopes)
        {
            // Only those who may read the meeting hear of it.
            if (scope.CanRead(meeting.Label) && !already.Contains(userId))
            {
                db.MeetingNotifications.Add(new MeetingNotification(userId, meeting.Id, MeetingNotification.ReminderKind, text, now));
                added++;
            }
        }

        meeting.MarkReminded(now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return added;
        }
        catch (DbUpdateException)
        {
            // Another run recorded these reminders first; the unique index kept them single.
            db.ChangeTracker.Clear();
            return 0;
        }
    }

    protected override string Lease => LeaseName;

    protected override TimeSpan Interval => options.Value.Interval > TimeSpan.Zero ? options.Value.Interval : TimeSpan.FromMinutes(5);

    protected override string Work => "send meeting reminders";

    protected override async Task TickAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var sent = await RunOnceAsync(services, cancellationToken);
        if (sent > 0)
        {
            Logger.LogInformation("Recorded {Count} meeting reminder(s)", sent);
        }
    }
}
