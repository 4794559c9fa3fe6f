using Entente.Infrastructure.Labels;

namespace Entente.Modules.Sharing;

/// <summary>
/// Sharing: restricted documents and their versions, message threads on any labelled record, sharing groups,
/// release requests (wider releasability or a lower classification, approved by the originator's releasers) and the
/// signed label sidecars that bind an export's label to its bytes. Each part registers its services and endpoints here.
/// </summary>
public static class SharingModule
{
    public const string Tag = "Sharing";

    public static IServiceCollection AddSharingModule(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Documents.

        // Messages and threads.
        services.AddLabelledRecordKind<Domain.Message>("message", "Message", m => "Message by " + m.AuthorName, null);
        Features.Messages.MessageAccess.AddPolicies(services);

        // Sharing groups and releases.

        // Label binding: export receipts and signed sidecars.

        return services;
    }

    /// <summary>Maps the Sharing API on the <c>/api/v1</c> group.</summary>
    public static IEndpointRouteBuilder MapSharingModule(this IEndpointRouteBuilder api)
    {
        var sharing = api.MapGroup("").WithTags(Tag);
        // Documents.

        // Messages and threads.
        Features.Messages.ListThreadMessages.Map(sharing);
        Features.Messages.GetMessage.Map(sharing);
        Features.Messages.PostMessage.Map(sharing);
        Features.Messages.EditMessage.Map(sharing);
        Features.Messages.WithdrawMessage.Map(sharing);

        // Sharing groups and releases.

        // Label binding: export receipts and signed sidecars.

        return api;
    }
}
