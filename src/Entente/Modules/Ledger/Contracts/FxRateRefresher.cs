using Entente.Infrastructure.Data;
using Entente.Infrastructure.Security;
using Entente.Modules.Ledger.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Ledger.Contracts;

/// <summary>Loads the rates stored by <c>entente fx load</c> into this instance's <see cref="FxRateTable"/>.</summary>
public static class FxRateLoader
{
    public static async Task<int> LoadAsync(EntenteDbContext db, FxRateTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(table);
        var rows = await db.FxRates.AsNoTracking().ToListAsync(cancellationToken);
        var days = rows
            .GroupBy(r => r.Date)
            .Select(g => new FxDay(g.Key, g.ToDictionary(r => r.Currency.Trim(), r => r.UnitsPerEur, StringComparer.Ordinal)))
            .ToList();
        table.Extend(days);
        return days.Count;
    }

    /// <summary>
    /// Stores the days of an ECB file that are newer than the shipped one (or replaces stored ones), in one
    /// transaction. Returns how many days were new.
    /// </summary>
    public static async Task<int> StoreAsync(EntenteDbContext db, FxRateTable table, IReadOnlyList<FxDay> days, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(days);
        var newer = days.Where(d => d.Date > table.ShippedLatest).ToList();
        var stored = await db.FxRates.Select(r => r.Date).Distinct().ToListAsync(cancellationToken);
        var storedDays = stored.ToHashSet();
        var added = 0;
        foreach (var day in newer)
        {
            if (storedDays.Contains(day.Date))
            {
                continue;
            }

            foreach (var (currency, rate) in day.Rates)
            {
                if (Iso4217.IsKnown(currency))
                {
                    db.FxRates.Add(new StoredFxRate(day.Date, currency, rate));
                }
            }

            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await LoadAsync(db, table, cancellationToken);
        return added;
    }
}

/// <summary>
/// Picks up rates another instance (or the command line) stored, every <c>Entente:Ledger:FxRefreshInterval</c>
/// (ten minutes by default).
/// </summary>
public sealed class FxRateRefresher(
    IServiceScopeFactory scopes, FxRateTable table, ILogger<FxRateRefresher> logger, IConfiguration configuration, TimeProvider time)
    : BackgroundService
{
    public const string IntervalSetting = "Entente:Ledger:FxRefreshInterval";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(configuration.GetValue(IntervalSetting, TimeSpan.FromMinutes(10)), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<Caller>().SetSystem("system:fx-refresh", "system");
                await FxRateLoader.LoadAsync(scope.ServiceProvider.GetRequiredService<EntenteDbContext>(), table, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                logger.LogWarning(ex, "Could not reload the stored exchange rates; keeping the loaded ones");
            }
        }
    }
}
