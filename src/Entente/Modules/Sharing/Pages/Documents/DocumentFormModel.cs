using Entente.Components.Shared;

namespace Entente.Modules.Sharing.Pages.Documents;

/// <summary>The fields of the upload form beside the file (which the page reads from the request itself).</summary>
public sealed class DocumentFormModel
{
    public string Title { get; set; } = "";

    public string? Description { get; set; }

    public string? ParentKind { get; set; }

    public string? ParentId { get; set; }

    public string? Note { get; set; }

    public LabelFormModel Label { get; set; } = new();
}
