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
        ArgumentNullException.ThrowIfNull(platform);
        return Path.IsPathRooted(options.SigningKeyPath)
            ? options.SigningKeyPath
            : Path.Combine(platform.DataDirectory, options.SigningKeyPath);
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
