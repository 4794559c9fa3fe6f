using Entente.Demo;
using Entente.Modules.Ledger.Contracts;
using Entente.Modules.Ledger.Data;
using Entente.Modules.Monitoring.Data;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Security;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Entente.Infrastructure.Startup;

/// <summary>What runs once before the host serves: migrations, the policy cache, roles and, on a new install, demo data.</summary>
public static class PlatformStartup
{
    public static async Task PrepareAsync(this IServiceProvider services, bool migrate, bool seedDemo = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<Caller>().SetSystem("system:startup", "system");
        var db = sp.GetRequiredService<EntenteDbContext>();
        if (migrate)
        {
            await MigrateAsync(db, cancellationToken);
        }

        await PolicyLoader.LoadAsync(db, sp.GetRequiredService<ISecurityPolicyCatalog>(), cancellationToken);
        await FxRateLoader.LoadAsync(db, sp.GetRequiredService<FxRateTable>(), cancellationToken);
        await EnsureRolesAsync(sp.GetRequiredService<RoleManager<EntenteRole>>());

        var demo = sp.GetRequiredService<IConfiguration>().GetValue("Entente:Demo:SeedOnFirstStart", false);
        if (seedDemo && demo && !await db.Users.AnyAsync(cancellationToken))
        {
            var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(sp);
            var credentials = await seeder.SeedAsync(cancellationToken);
            DemoSeeder.Print(credentials, Console.Out);
        }

        sp.GetRequiredService<DemoState>().IsDemo = await db.Settings.AnyAsync(s => s.Key == DemoSeeder.SeededSetting, cancellationToken);
    }

    /// <summary>
    /// Applies pending migrations (on SQLite, switching the file to write-ahead logging first), then the indexes the model
    /// cannot declare (<see cref="LedgerIndexes"/>, <see cref="MonitoringIndexes"/>).
    /// </summary>
    public static async Task MigrateAsync(EntenteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.IsPostgres)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        await db.Database.MigrateAsync(cancellationToken);
        await LedgerIndexes.EnsureAsync(db, cancellationToken);
        await MonitoringIndexes.EnsureAsync(db, cancellationToken);
    }

    public static async Task EnsureRolesAsync(RoleManager<EntenteRole> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new EntenteRole(role));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Could not create role {role}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
                }
            }
        }
    }
}
