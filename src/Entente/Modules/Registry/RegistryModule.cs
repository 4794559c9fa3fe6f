using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;

namespace Entente.Modules.Registry;

public static class RegistryModule
{
    public const string Tag = "Registry";

    public static IServiceCollection AddRegistryModule(this IServiceCollection services)
    {
        services.AddSingleton<ISecurityPolicyCatalog, SecurityPolicyCatalog>();
        services.AddHostedService<SecurityPolicyRefresher>();
        return services;
    }

    /// <summary>Maps the Registry's API on the <c>/api/v1</c> group.</summary>
    public static IEndpointRouteBuilder MapRegistryModule(this IEndpointRouteBuilder api)
    {
        var registry = api.MapGroup("").WithTags(Tag);
        ListMembers.Map(registry);
        GetMember.Map(registry);
        RegisterMember.Map(registry);
        UpdateMember.Map(registry);
        RecordMemberStatus.Map(registry);
        RemoveLatestMemberStatus.Map(registry);
        ListDelegates.Map(registry);
        GetDelegate.Map(registry);
        AppointDelegate.Map(registry);
        UpdateDelegate.Map(registry);
        RemoveDelegate.Map(registry);
        GetSecurityPolicy.Map(registry);
        ReviseClassification.Map(registry);
        AddClassification.Map(registry);
        AddCategory.Map(registry);
        RetireCategory.Map(registry);
        ReinstateCategory.Map(registry);
        return api;
    }

    /// <summary>Maps what the Registry serves outside the API: the classification colours as a stylesheet.</summary>
    public static IEndpointRouteBuilder MapRegistryAssets(this IEndpointRouteBuilder app)
    {
        PolicyMarkings.Map(app);
        return app;
    }
}
