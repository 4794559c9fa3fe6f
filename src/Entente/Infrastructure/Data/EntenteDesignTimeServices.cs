using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations.Design;

namespace Entente.Infrastructure.Data;

/// <summary>
/// Design-time services picked up by <c>dotnet ef</c>: generated migrations and snapshots omit the
/// <c>[DbContext]</c> attribute and the using directive for the context's namespace, so the migrations assemblies
/// compile without a reference to the host. ADR 0002.
/// </summary>
public sealed class EntenteDesignTimeServices : IDesignTimeServices
{
    public void ConfigureDesignTimeServices(IServiceCollection serviceCollection) =>
        serviceCollection.AddSingleton<IMigrationsCodeGenerator, HostFreeMigrationsGenerator>();
}

internal sealed partial class HostFreeMigrationsGenerator(
    MigrationsCodeGeneratorDependencies dependencies,
    CSharpMigrationsGeneratorDependencies csharpDependencies)
    : CSharpMigrationsGenerator(dependencies, csharpDependencies)
{
    public override string GenerateMetadata(string? migrationNamespace, Type contextType, string migrationName, string migrationId, IModel targetModel) =>
        StripContext(base.GenerateMetadata(migrationNamespace, contextType, migrationName, migrationId, targetModel), contextType);

    public override string GenerateSnapshot(string? modelSnapshotNamespace, Type contextType, string modelSnapshotName, IModel model) =>
        StripContext(base.GenerateSnapshot(modelSnapshotNamespace, contextType, modelSnapshotName, model), contextType);

    private static string StripContext(string code, Type contextType)
    {
        code = DbContextAttribute().Replace(code, "");
        return code.Replace($"using {contextType.Namespace};\n", "", StringComparison.Ordinal)
            .Replace($"using {contextType.Namespace};\r\n", "", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^[ \t]*\[DbContext\(typeof\([^)]*\)\)\][ \t]*\r?\n", RegexOptions.Multiline)]
    private static partial Regex DbContextAttribute();
}
