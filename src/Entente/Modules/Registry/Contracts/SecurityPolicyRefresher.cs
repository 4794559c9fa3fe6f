using Entente.Infrastructure.Data;
using Entente.Infrastructure.Security;

namespace Entente.Modules.Registry.Contracts;

/// <summary>
/// Reloads the security policy into this instance's catalog every <c>Entente:Registry:PolicyRefreshInterval</c> (30 seconds). The instance where an
/// administrator edits the policy reloads at once; with several instances, the others follow within the interval.
/// </summary>
public sealed class SecurityPolicyRefresher(
    IServiceScopeFactory scopes,
    ISecurityPolicyCatalog catalog,
    ILogger<SecurityPolicyRefresher> logger,
    IConfiguration configuration,
    TimeProvider time) : BackgroundService
{
    /// <summary>Configuration key of the interval (default 30 seconds).</summary>
    public const string IntervalSetting = "Entente:Registry:PolicyRefreshInterval";

    private TimeSpan Interval => configuration.GetValue(IntervalSetting, TimeSpan.FromSeconds(30));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<Caller>().SetSystem("system:policy-refresh", "system");
                await PolicyLoader.LoadAsync(scope.ServiceProvider.GetRequiredService<EntenteDbContext>(), catalog, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                // The database may be restarting; keep the policy already loaded and try again at the next tick.
                logger.LogWarning(ex, "Could not reload the security policy; keeping the loaded one");
            }
        }
    }
}
