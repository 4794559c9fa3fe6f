using Entente.Modules.Monitoring.Contracts;
using Entente.Modules.Monitoring.Features;

namespace Entente.Modules.Monitoring;

public static class MonitoringModule
{
    public const string Tag = "Monitoring";

    public static IServiceCollection AddMonitoringModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(CorrelationOptions.Section).Get<CorrelationOptions>() ?? new CorrelationOptions());
        services.AddSingleton<Correlator>();
        services.AddSingleton<AgreementCatalog>();
        services.AddScoped<ObservationIngest>();
        services.AddSingleton<OblastIndex>();
        return services;
    }

    /// <summary>Maps the Monitoring API on the <c>/api/v1</c> group.</summary>
    public static IEndpointRouteBuilder MapMonitoringModule(this IEndpointRouteBuilder api)
    {
        var monitoring = api.MapGroup("").WithTags(Tag);
        Agreements.Map(monitoring);
        Observations.Map(monitoring);
        Events.Map(monitoring);
        MonitoringMap.Map(monitoring);
        return api;
    }
}
