namespace Entente.Infrastructure.Jobs;

/// <summary>
/// A background job that ticks every <see cref="Interval"/> and does its work only on the instance holding its
/// database lease, so that with several instances on one database each tick's work is done once. A failing tick
/// (database restarting, disk full) is logged and never stops the host: the next tick retries. Each tick gets its
/// own service scope.
/// </summary>
public abstract class LeasedJob : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly JobLeases _leases;

    protected LeasedJob(IServiceScopeFactory scopes, JobLeases leases, ILogger logger, TimeProvider time)
    {
        _scopes = scopes;
        _leases = leases;
        Logger = logger;
        Time = time;
    }

    protected ILogger Logger { get; }

    /// <summary>The clock the ticks follow.</summary>
    protected TimeProvider Time { get; }

    /// <summary>The lease's name, one per job.</summary>
    protected abstract string Lease { get; }

    /// <summary>How often the job ticks, and how long its lease is held.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>What a tick does, for the warning when one fails ("write the daily reports").</summary>
    protected abstract string Work { get; }

    /// <summary>One tick's work, in the tick's own scope.</summary>
    protected abstract Task TickAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = Interval;
        using var timer = new PeriodicTimer(interval, Time);
        do
        {
            try
            {
                if (await _leases.TryAcquireAsync(Lease, interval, stoppingToken))
                {
                    await using var scope = _scopes.CreateAsyncScope();
                    await TickAsync(scope.ServiceProvider, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failing tick must not stop the host; the next tick retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Logger.LogWarning(ex, "Could not {Work}; will retry", Work);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
