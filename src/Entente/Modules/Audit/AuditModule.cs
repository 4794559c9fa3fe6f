using Entente.Infrastructure;
using Entente.Infrastructure.Jobs;

namespace Entente.Modules.Audit;

public static class AuditModule
{
    public static IServiceCollection AddAuditModule(this IServiceCollection services, IConfiguration configuration, PlatformOptions platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section));
        services.AddScoped<AuditTrail>();
        services.AddScoped<ReadAuditCollector>();
        services.AddScoped<AuditChainVerifier>();
        services.AddScoped<AuditCheckpointWriter>();
        services.AddSingleton(sp =>
        {
            var options = configuration.GetSection(AuditOptions.Section).Get<AuditOptions>() ?? new AuditOptions();
            return CheckpointSigner.Load(ResolveKeyPath(options, platform), create: true);
        });
        services.AddSingleton<JobLeases>();
        if (configuration.GetSection(AuditOptions.Section).Get<AuditOptions>()?.RunCheckpointJob ?? true)
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

    public static IEndpointRouteBuilder MapAuditModule(this IEndpointRouteBuilder api)
    {
        return api;
    }
}
