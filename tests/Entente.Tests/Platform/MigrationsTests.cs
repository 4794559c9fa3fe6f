using Entente.Testing;
using Microsoft.EntityFrameworkCore;

namespace Entente.Tests.Platform;

public abstract class MigrationsTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    [Fact]
    public async Task The_model_has_no_changes_that_lack_a_migration()
    {
        // Fails when an entity or configuration changed without 'scripts/add-migration.sh'.
        var pending = await app.DbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));
        Assert.False(pending, $"The EF model of the {app.Provider} provider has changes without a migration: run scripts/add-migration.sh <Name>.");
    }

    [Fact]
    public async Task Every_migration_is_applied_at_start()
    {
        var pending = await app.DbAsync(db => db.Database.GetPendingMigrationsAsync());
        var applied = await app.DbAsync(db => db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(pending);
        Assert.NotEmpty(applied);
    }

    [Fact]
    public async Task The_migrate_command_reports_an_up_to_date_database()
    {
        var result = await app.RunCliAsync("migrate");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("up to date", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_provider_in_use_is_the_one_configured()
    {
        var provider = await app.DbAsync(db => Task.FromResult(db.Database.ProviderName));
        Assert.Equal(app.Provider == TestProvider.Postgres ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", provider);
    }
}

public sealed class MigrationsTestsOnSqlite(SqliteApp app) : MigrationsTests<SqliteApp>(app);

public sealed class MigrationsTestsOnPostgres(PostgresApp app) : MigrationsTests<PostgresApp>(app);
