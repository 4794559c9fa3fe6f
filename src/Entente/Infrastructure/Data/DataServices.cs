using Entente.Modules.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Entente.Infrastructure.Data;

public static class DataServices
{
    public const string ConnectionStringName = "Entente";
    public const string SqliteMigrationsAssembly = "Entente.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Entente.Migrations.Postgres";

    /// <summary>
    /// Registers the context on the configured provider. SQLite (default) keeps its file in the data directory;
    /// PostgreSQL needs <c>ConnectionStrings:Entente</c>.
    /// </summary>
    public static IServiceCollection AddEntenteData(this IServiceCollection services, IConfiguration configuration, PlatformOptions platform)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(platform);
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(database);
        var connectionString = ResolveConnectionString(configuration, database, platform);
        services.AddScoped<SectionDbContexts>();
        services.AddDbContext<EntenteDbContext>((_, options) =>
        {
            switch (database.Provider)
            {
                case DatabaseProvider.Sqlite:
                    options.UseSqlite(connectionString, sqlite =>
                    {
                        sqlite.MigrationsAssembly(SqliteMigrationsAssembly);
                        sqlite.MigrationsHistoryTable("platform_migrations");
                    });
                    options.AddInterceptors(SqliteTuning.For(database.SqliteCacheMiB));
                    break;
                case DatabaseProvider.Postgres:
                    options.UseNpgsql(connectionString, npgsql =>
                    {
                        npgsql.MigrationsAssembly(PostgresMigrationsAssembly);
                        npgsql.MigrationsHistoryTable("platform_migrations");
                    });
                    break;
                default:
                    throw new InvalidOperationException($"Unknown database provider '{database.Provider}'.");
            }

            options.UseSnakeCaseNamingConvention();
            options.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
            // One stateless instance for the process: EF Core keys its internal service providers on interceptor
            // instances, so a new one per host (as in tests, which start many) would build a provider per host.
            options.AddInterceptors(ReadAuditInterceptor.Instance);
        });
        return services;
    }

    public static string ResolveConnectionString(IConfiguration configuration, DatabaseOptions database, PlatformOptions platform)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(platform);
        var configured = configuration.GetConnectionString(ConnectionStringName);
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(configured))
                {
                    throw new InvalidOperationException(
                        "Entente:Database:Provider is Postgres but ConnectionStrings:Entente is not set " +
                        "(for example ConnectionStrings__Entente='Host=db;Database=entente;Username=entente;Password=...').");
                }

                return configured;
            case DatabaseProvider.Sqlite:
                if (!string.IsNullOrWhiteSpace(configured))
                {
                    return configured;
                }

                Directory.CreateDirectory(platform.DataDirectory);
                return new SqliteConnectionStringBuilder
                {
                    DataSource = Path.Combine(platform.DataDirectory, "entente.db"),
                    Pooling = true,
                    DefaultTimeout = 30,
                }.ToString();
            default:
                throw new InvalidOperationException($"Unknown database provider '{database.Provider}'.");
        }
    }
}
