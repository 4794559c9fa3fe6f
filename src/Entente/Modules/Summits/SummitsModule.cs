namespace Entente.Modules.Summits;

/// <summary>
/// Summits: meetings and their agendas, proposals decided by consensus or silence procedure, the decisions register,
/// and the action items that follow decisions. Each part registers its services and endpoints here.
/// </summary>
public static class SummitsModule
{
    public const string Tag = "Summits";

    public static IServiceCollection AddSummitsModule(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Meetings and agendas.

        // Proposals, procedures and decisions.

        // Action items and rapid consultation.
        services.AddHostedService<Contracts.OverdueActionJob>();

        return services;
    }

    /// <summary>Maps the Summits API on the <c>/api/v1</c> group.</summary>
    public static IEndpointRouteBuilder MapSummitsModule(this IEndpointRouteBuilder api)
    {
        var summits = api.MapGroup("").WithTags(Tag);
        // Meetings and agendas.

        // Proposals, procedures and decisions.

        // Action items and rapid consultation.
        Features.Actions.ListActionItems.Map(summits);
        Features.Actions.GetActionDashboard.Map(summits);
        Features.Actions.ListActionNotices.Map(summits);
        Features.Actions.ExportActionItems.Map(summits);
        Features.Actions.GetActionItem.Map(summits);
        Features.Actions.CreateActionItem.Map(summits);
        Features.Actions.UpdateActionItem.Map(summits);
        Features.Actions.ChangeActionStatus.Map(summits);
        Features.Actions.AddActionNote.Map(summits);

        return api;
    }
}
