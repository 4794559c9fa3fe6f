using Entente.Modules.Registry.Contracts;

namespace Entente.Modules.Registry;

public static class RegistryModule
{
    public static IServiceCollection AddRegistryModule(this IServiceCollection services)
    {
        services.AddSingleton<ISecurityPolicyCatalog, SecurityPolicyCatalog>();
        return services;
    }

    public static IEndpointRouteBuilder MapRegistryModule(this IEndpointRouteBuilder api)
    {
        return api;
    }
}
