using System.Reflection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Entente.Infrastructure.Data;

/// <summary>
/// Finds migrations in the provider's migrations assembly by their <see cref="MigrationAttribute"/> alone.
/// The migrations assemblies cannot name the context type (they would have to reference the host, which
/// references them), so the tooling writes them without <c>[DbContext]</c> (see
/// <see cref="EntenteDesignTimeServices"/>) and this class stands in for EF Core's default lookup. ADR 0002.
/// </summary>
public sealed class ProviderMigrationsAssembly : IMigrationsAssembly
{
    private readonly IMigrationsIdGenerator _idGenerator;
    private readonly Lazy<IReadOnlyDictionary<string, TypeInfo>> _migrations;
    private readonly Lazy<ModelSnapshot?> _snapshot;

    public ProviderMigrationsAssembly(IDbContextOptions options, IMigrationsIdGenerator idGenerator)
    {
        ArgumentNullException.ThrowIfNull(options);
        _idGenerator = idGenerator;
        var name = RelationalOptionsExtension.Extract(options).MigrationsAssembly
            ?? throw new InvalidOperationException("No migrations assembly is configured for the Entente context.");
        Assembly = Assembly.Load(new AssemblyName(name));
        _migrations = new Lazy<IReadOnlyDictionary<string, TypeInfo>>(() =>
            Assembly.GetTypes()
                .Where(t => t.IsSubclassOf(typeof(Migration)) && !t.IsAbstract)
                .Select(t => (Id: t.GetCustomAttribute<MigrationAttribute>()?.Id, Type: t.GetTypeInfo()))
                .Where(m => m.Id is not null)
                .OrderBy(m => m.Id, StringComparer.Ordinal)
                .ToDictionary(m => m.Id!, m => m.Type, StringComparer.Ordinal));
        _snapshot = new Lazy<ModelSnapshot?>(() =>
            Assembly.GetTypes()
                .Where(t => t.IsSubclassOf(typeof(ModelSnapshot)) && !t.IsAbstract)
                .Select(t => (ModelSnapshot)Activator.CreateInstance(t)!)
                .SingleOrDefault());
    }

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations.Value;

    public ModelSnapshot? ModelSnapshot => _snapshot.Value;

    public Assembly Assembly { get; }

    public string? FindMigrationId(string nameOrId) =>
        Migrations.Keys.FirstOrDefault(id => _idGenerator.IsValidId(nameOrId)
            ? string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
            : string.Equals(_idGenerator.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        ArgumentNullException.ThrowIfNull(migrationClass);
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }
}
