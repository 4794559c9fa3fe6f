using Entente.Infrastructure.Data;
using Entente.Infrastructure.Jobs;
using Entente.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Entente.Modules.Monitoring.Contracts;

/// <summary>
/// Background job: the instance holding the <c>monitoring-alerts</c> lease evaluates the alert rules over the last
/// <see cref="MonitoringJobOptions.AlertLookBack"/> (catching what a batch's own evaluation missed) and makes the
/// webhook deliveries that are due.
/// </summary>
public sealed class AlertJob(IServiceScopeFactory scopes, JobLeases leases, IOptions<MonitoringJobOptions> options,
    ILogger<AlertJob> logger, TimeProvider time) : LeasedJob(scopes, leases, logger, time)
{
    public const string LeaseName = "monitoring-alerts";

    /// <summary>One tick's work, also what tests call.</summary>
    public static async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var time = services.GetRequiredService<TimeProvider>();
        var now = time.GetUtcNow().UtcDateTime;
        await services.GetRequiredService<IAlertEvaluator>().EvaluateAsync(now - services.GetRequiredService<IOptions<MonitoringJobOptions>>().Value.AlertLookBack, now, cancellationToken);
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().SetSystem("system:webhooks", "system");
        await scope.ServiceProvider.GetRequiredService<WebhookDispatcher>().DispatchDueAsync(cancellationToken);
    }

    protected override string Lease => LeaseName;

    protected override TimeSpan Interval => options.Value.AlertInterval;

    protected override string Work => "evaluate alerts or deliver webhooks";

    protected override async Task TickAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await RunOnceAsync(services, cancellationToken);
    }
}

/// <summary>
/// Background job: the instance holding the <c>monitoring-daily-report</c> lease writes the draft report of every
/// reporting day whose cut-off has passed and that has none yet: after a stop, the missed days are written once each.
/// </summary>
public sealed class DailyReportJob(IServiceScopeFactory scopes, JobLeases leases, IOptions<MonitoringJobOptions> options,
    ILogger<DailyReportJob> logger, TimeProvider time) : LeasedJob(scopes, leases, logger, time)
{
    public const string LeaseName = "monitoring-daily-report";

    /// <summary>Writes the missing reports up to the last closed day; returns how many were written.</summary>
    public static async Task<int> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().SetSystem("system:daily-report", "system");
        var db = scope.ServiceProvider.GetRequiredService<EntenteDbContext>();
        var writer = scope.ServiceProvider.GetRequiredService<DailyReportWriter>();
        var settings = scope.ServiceProvider.GetRequiredService<IOptions<MonitoringJobOptions>>().Value;
        var last = writer.LastClosedDay();
        var firstAgreement = await db.Agreements.MinAsync(a => (DateTime?)a.StartsAt, cancellationToken);
        if (firstAgreement is null)
        {
            return 0;
        }

        var first = DateOnly.FromDateTime(firstAgreement.Value);
        var floor = last.AddDays(1 - Math.Max(1, settings.ReportCatchUpDays));
        var written = 0;
        for (var day = first > floor ? first : floor; day <= last; day = day.AddDays(1))
        {
            if (await writer.WriteAsync(day, cancellationToken) is not null)
            {
                written++;
            }
        }

        return written;
    }

    protected override string Lease => LeaseName;

    protected override TimeSpan Interval => options.Value.ReportInterval;

    protected override string Work => "write the daily reports";

    protected override async Task TickAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var written = await RunOnceAsync(services, cancellationToken);
        if (written > 0)
        {
            Logger.LogInformation("Wrote {Count} draft daily report(s)", written);
        }
    }
}
