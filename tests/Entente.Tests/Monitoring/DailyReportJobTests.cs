using System.Net;
using Entente.Modules.Monitoring.Contracts;
using Entente.Testing;
using Entente.Tests.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entente.Tests.Monitoring;

/// <summary>In a class of its own: the job writes every missing day, which would pre-empt other tests' days.</summary>
public abstract class DailyReportJobTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    [Fact]
    public async Task After_a_stop_the_report_job_writes_each_missed_day_once()
    {
        using var secretariat = await app.SecretariatAsync();
        var code = "CF-" + MonitoringTestKit.Unique().ToUpperInvariant();
        await (await secretariat.PostJsonAsync("/api/v1/agreements", MonitoringTestKit.Agreement(code, DateTimeOffset.UtcNow.AddDays(-4))))
            .JsonAsync(HttpStatusCode.Created);

        var first = await app.AsSystemAsync(sp => DailyReportJob.RunOnceAsync(sp, TestContext.Current.CancellationToken));
        var again = await app.AsSystemAsync(sp => DailyReportJob.RunOnceAsync(sp, TestContext.Current.CancellationToken));

        Assert.InRange(first, 4, 5);
        Assert.Equal(0, again);
        var days = await app.DbAsync(db => db.DailyReports.Select(r => r.Day).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(first, days.Count);
        Assert.Equal(days.Count, days.Distinct().Count());
        var last = await app.AsSystemAsync(sp => Task.FromResult(sp.GetRequiredService<DailyReportWriter>().LastClosedDay()));
        Assert.Contains(last, days);
    }
}

public sealed class DailyReportJobTestsOnSqlite(SqliteApp app) : DailyReportJobTests<SqliteApp>(app);

public sealed class DailyReportJobTestsOnPostgres(PostgresApp app) : DailyReportJobTests<PostgresApp>(app);
