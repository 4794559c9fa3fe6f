using System.Net;
using Entente.Infrastructure.Labels;
using Entente.Modules.Summits.Contracts;
using Entente.Testing;
using Entente.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Entente.Tests.Summits;

/// <summary>In a class of its own: the job notices every overdue item of the database it runs on.</summary>
public abstract class OverdueActionJobTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    [Fact]
    public async Task An_overdue_action_is_noticed_once_when_it_falls_due_and_again_each_week_however_often_the_job_runs()
    {
        using var secretariat = await app.SecretariatAsync();
        var owner = await secretariat.RegisterOrganisationAsync();
        var dueOn = ActionTestKit.Today.AddDays(1);
        var late = (await secretariat.CreateAsync(ActionTestKit.Action(owner, dueOn, title: "Late action"))).Id();
        var closed = (await secretariat.CreateAsync(ActionTestKit.Action(owner, dueOn, title: "Finished action"))).Id();
        await (await secretariat.PostJsonAsync($"/api/v1/actions/{closed}/status", new { status = "done" })).JsonAsync(HttpStatusCode.OK);

        var clock = new SettableTime(new DateTimeOffset(dueOn.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        Task<int> RunAsync() => app.AsSystemAsync(sp => OverdueActionJob.RunOnceAsync(sp, clock, TestContext.Current.CancellationToken));
        Task<int> NoticesAsync() => app.DbAsync(db => db.ActionNotices.IgnoreQueryFilters().CountAsync(n => n.ActionItemId == late, TestContext.Current.CancellationToken));

        // On the due day the action is not yet overdue.
        Assert.Equal(0, await RunAsync());

        clock.Now = clock.Now.AddDays(1);
        Assert.Equal(1, await RunAsync());
        Assert.Equal(0, await RunAsync());
        clock.Now = clock.Now.AddDays(6);
        Assert.Equal(0, await RunAsync());
        Assert.Equal(1, await NoticesAsync());

        clock.Now = clock.Now.AddDays(1);
        Assert.Equal(1, await RunAsync());
        Assert.Equal(0, await RunAsync());
        Assert.Equal(2, await NoticesAsync());

        // The owner's delegates read the notices; another member's delegate reads none of them.
        using var ownDelegate = await app.DelegateAsync(owner, ClassificationLevels.Restricted);
        var notices = await (await ownDelegate.GetPathAsync("/api/v1/actions/notices")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, notices.GetProperty("total").GetInt32());
        Assert.All(notices.GetProperty("items").EnumerateArray(), n => Assert.Equal("Late action", n.Str("title")));
        Assert.Equal([8, 1], notices.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("daysOverdue").GetInt32()));
        using var other = await app.DelegateAsync("POL", ClassificationLevels.Secret);
        var none = await (await other.GetPathAsync("/api/v1/actions/notices")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, none.GetProperty("total").GetInt32());
    }
}

public sealed class OverdueActionJobTestsOnSqlite(SqliteApp app) : OverdueActionJobTests<SqliteApp>(app);

public sealed class OverdueActionJobTestsOnPostgres(PostgresApp app) : OverdueActionJobTests<PostgresApp>(app);
