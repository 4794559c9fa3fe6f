using Entente.Infrastructure;
using Entente.Infrastructure.Jobs;
using Entente.Modules.Audit.Features;
using Entente.Modules.Identity;
using Microsoft.Extensions.Options;

namespace Entente.Modules.Audit;

public static class AuditModule
{
    public static IServiceCollection AddAuditModule(this IServiceCollection services, IConfiguration configuration, PlatformOptions platform)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(platform);
        var section = configuration.GetSection(AuditOptions.Section);
        services.AddOptions<AuditOptions>().Bind(section);
        services.AddScoped<AuditTrail>();
        services.AddScoped<ReadAuditCollector>();
        services.AddScoped<AuditChainVerifier>();
        services.AddScoped<AuditCheckpointWriter>();
        services.AddSingleton(sp => CheckpointSigner.Load(
            ResolveKeyPath(sp.GetRequiredService<IOptions<AuditOptions>>().Value, platform), create: true));
        services.AddSingleton(sp => new CheckpointWitness(
            ResolvePath(sp.GetRequiredService<IOptions<AuditOptions>>().Value.CheckpointCopyPath, platform)));
        services.AddSingleton<JobLeases>();
        if (section.Get<AuditOptions>()?.RunCheckpointJob ?? true)
        {
            services.AddHostedService<AuditCheckpointJob>();
        }

        return services;
    }

    public static string ResolveKeyPath(AuditOptions options, PlatformOptions platform)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ResolvePath(options.SigningKeyPath, platform);
    }

    /// <summary>A configured path; relative ones are under the data directory.</summary>
    public static string ResolvePath(string path, PlatformOptions platform)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(platform);
        return Path.IsPathRooted(path) ? path : Path.Combine(platform.DataDirectory, path);
    }

    /// <summary>Maps <c>/api/v1/audit</c>: the log, its verification and its checkpoints, for administrators.</summary>
    public static IEndpointRouteBuilder MapAuditModule(this IEndpointRouteBuilder api)
    {
        var audit = api.MapGroup("/audit")
            .WithTags("Audit")
            .RequireAuthorization(Policies.ReadAudit)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        audit.MapListAuditEntries();
        audit.MapVerifyAuditChain();
        audit.MapListAuditCheckpoints();
        return api;
    }
}
