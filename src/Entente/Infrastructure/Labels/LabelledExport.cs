namespace Entente.Infrastructure.Labels;

/// <summary>
/// Endpoint metadata: the endpoint answers with a file (an export) whose bytes leave the platform. The label-binding
/// middleware hashes such a response as it streams and, once it has gone out whole, stores a signed export receipt
/// whose sidecar binds the export's label to the file's SHA-256 (ADR 0018).
/// </summary>
public sealed class LabelledExportMetadata
{
    public static LabelledExportMetadata Instance { get; } = new();
}

/// <summary>The label an export handler declares for the file it writes: the banner label of everything in it.</summary>
public interface IExportLabelFeature
{
    Label? Label { get; set; }
}

/// <summary>Marking and declaring labelled exports.</summary>
public static class LabelledExport
{
    /// <summary>Response header carrying the banner line of the file's label (classification, REL TO, TLP).</summary>
    public const string MarkingHeader = "Entente-Marking";

    /// <summary>Response header naming the export receipt of the file being sent.</summary>
    public const string IdHeader = "Entente-Export-Id";

    /// <summary>Marks an endpoint as a labelled export; its handler must call <see cref="Declare"/> before it writes.</summary>
    public static TBuilder WithLabelledExport<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint => endpoint.Metadata.Add(LabelledExportMetadata.Instance));
        return builder;
    }

    /// <summary>
    /// Declares the banner label of the file this request answers with (the join of every row's label). The label is
    /// what the export's sidecar states and signs; an export that writes a file without declaring one fails.
    /// </summary>
    public static void Declare(HttpContext http, Label label)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(label);
        if (http.Features.Get<IExportLabelFeature>() is { } feature)
        {
            feature.Label = label;
        }
        else
        {
            http.Features.Set<IExportLabelFeature>(new ExportLabelFeature { Label = label });
        }
    }

    private sealed class ExportLabelFeature : IExportLabelFeature
    {
        public Label? Label { get; set; }
    }
}
