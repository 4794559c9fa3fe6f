using System.Net;
using Entente.Infrastructure.Labels;
using Entente.Modules.Summits.Contracts;
using Entente.Testing;
using Entente.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Entente.Tests.Summits;

public abstract class MeetingRemindersTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    [Fact]
    public async Task Each_invited_reader_gets_one_reminder_however_often_the_job_runs()
    {
        using var secretariat = await app.SecretariatAsync();
        var french = await app.CreateUserAsync("Delegate", "FRA", ClassificationLevels.Restricted);
        var estonian = await app.CreateUserAsync("Delegate", "EST", ClassificationLevels.Restricted);
        var lowCleared = await app.CreateUserAsync("Delegate", "GBR", ClassificationLevels.Public);
        var id = Guid.Parse((await secretariat.PlanAsync(MeetingsTestKit.Meeting(DateTimeOffset.UtcNow.AddHours(3)))).MeetingId());

        await app.AsSystemAsync(sp => MeetingReminderJob.RunOnceAsync(sp, TestContext.Current.CancellationToken));
        var again = await app.AsSystemAsync(sp => MeetingReminderJob.RunOnceAsync(sp, TestContext.Current.CancellationToken));

        Assert.Equal(0, again);
        var reminded = await app.DbAsync(db => db.MeetingNotifications.Where(n => n.MeetingId == id).Select(n => n.UserId)
            .ToListAsync(TestContext.Current.CancellationToken));
        Assert.Single(reminded, u => u == french.Id);
        Assert.DoesNotContain(estonian.Id, reminded); // not invited
        Assert.DoesNotContain(lowCleared.Id, reminded); // invited, but may not read a RESTRICTED meeting
        Assert.Equal(reminded.Count, reminded.Distinct().Count());
        var sent = await app.DbAsync(db => db.Meetings.Where(m => m.Id == id).Select(m => m.ReminderSentAt).SingleAsync(TestContext.Current.CancellationToken));
        Assert.NotNull(sent);
    }

    [Fact]
    public async Task Meetings_further_ahead_or_cancelled_are_not_reminded_of()
    {
        using var secretariat = await app.SecretariatAsync();
        var later = Guid.Parse((await secretariat.PlanAsync(MeetingsTestKit.Meeting(DateTimeOffset.UtcNow.AddDays(9)))).MeetingId());
        var cancelled = await secretariat.PlanAsync(MeetingsTestKit.Meeting(DateTimeOffset.UtcNow.AddHours(2)));
        await (await secretariat.PostJsonAsync($"/api/v1/meetings/{cancelled.MeetingId()}/cancel", new { reason = "Postponed", version = cancelled.Version() }))
            .JsonAsync(HttpStatusCode.OK);

        await app.AsSystemAsync(sp => MeetingReminderJob.RunOnceAsync(sp, TestContext.Current.CancellationToken));

        var cancelledId = Guid.Parse(cancelled.MeetingId());
        Assert.Equal(0, await app.DbAsync(db => db.MeetingNotifications.CountAsync(n => n.MeetingId == later || n.MeetingId == cancelledId, TestContext.Current.CancellationToken)));
    }
}

public sealed class MeetingRemindersTestsOnSqlite(SqliteApp app) : MeetingRemindersTests<SqliteApp>(app);

public sealed class MeetingRemindersTestsOnPostgres(PostgresApp app) : MeetingRemindersTests<PostgresApp>(app);
