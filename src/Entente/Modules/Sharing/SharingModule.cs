using Entente.Infrastructure;
using Entente.Infrastructure.Labels;
using Entente.Modules.Audit;
using Entente.Modules.Sharing.Contracts;
using Entente.Modules.Sharing.Features;
using Microsoft.Extensions.Options;

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
        services.AddOptions<Features.Documents.DocumentOptions>().BindConfiguration(Features.Documents.DocumentOptions.Section);
        services.AddLabelledRecordKind<Domain.Document>("document", "Document", d => d.Title, "/sharing/documents/{id}");

        // Messages and threads.
        services.AddLabelledRecordKind<Domain.Message>("message", "Message", m => "Message by " + m.AuthorName, null);
        Features.Messages.MessageAccess.AddPolicies(services);

        // Sharing groups and releases.

        // Label binding: export receipts and signed sidecars.
        services.AddOptions<SharingOptions>().Bind(configuration.GetSection(SharingOptions.Section));
        services.AddSingleton(sp => LabelSigner.Load(
            AuditModule.ResolvePath(sp.GetRequiredService<IOptions<SharingOptions>>().Value.LabelSigningKeyPath, sp.GetRequiredService<PlatformOptions>()),
            create: true));
        services.AddScoped<Components.Shared.PageMarking>();

        return services;
    }

    /// <summary>Maps the Sharing API on the <c>/api/v1</c> group.</summary>
    public static IEndpointRouteBuilder MapSharingModule(this IEndpointRouteBuilder api)
    {
        var sharing = api.MapGroup("").WithTags(Tag);
        // Documents.
        Features.Documents.ListDocuments.Map(sharing);
        Features.Documents.GetDocument.Map(sharing);
        Features.Documents.UploadDocument.Map(sharing);
        Features.Documents.ListDocumentVersions.Map(sharing);
        Features.Documents.AddDocumentVersion.Map(sharing);
        Features.Documents.DownloadDocumentContent.Map(sharing);

        // Messages and threads.
        Features.Messages.ListThreadMessages.Map(sharing);
        Features.Messages.GetMessage.Map(sharing);
        Features.Messages.PostMessage.Map(sharing);
        Features.Messages.EditMessage.Map(sharing);
        Features.Messages.WithdrawMessage.Map(sharing);

        // Sharing groups and releases.
        Features.Groups.ListSharingGroups.Map(sharing);
        Features.Groups.GetSharingGroup.Map(sharing);
        Features.Groups.CreateSharingGroup.Map(sharing);
        Features.Groups.ReviseSharingGroup.Map(sharing);
        Features.Groups.AddSharingGroupMember.Map(sharing);
        Features.Groups.RemoveSharingGroupMember.Map(sharing);
        Features.Groups.TransferSharingGroup.Map(sharing);
        Features.Releases.RequestRelease.Map(sharing);
        Features.Releases.ListReleases.Map(sharing);
        Features.Releases.GetRelease.Map(sharing);
        Features.Releases.ApproveRelease.Map(sharing);
        Features.Releases.RejectRelease.Map(sharing);
        Features.Releases.WithdrawRelease.Map(sharing);

        // Label binding: export receipts and signed sidecars.
        ExportReceipts.Map(sharing);

        return api;
    }
}
