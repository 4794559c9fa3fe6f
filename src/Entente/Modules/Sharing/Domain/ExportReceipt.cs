using Entente.Infrastructure.Labels;

namespace Entente.Modules.Sharing.Domain;

/// <summary>
/// The record of one file that left the platform: who took it, when, from which endpoint, its size and SHA-256, the
/// banner label of its content, and the signed sidecar that binds that label to those bytes.
/// </summary>
/// <remarks>
/// Invariants: written once, after the whole file went out with status 200; never changed. <see cref="Sidecar"/> is the
/// exact signed document served at <c>/api/v1/exports/{id}/label</c> (the signature covers its canonical form, see
/// <see cref="Contracts.LabelSidecar"/>), so a policy renamed later cannot change what was signed. The receipt carries the
/// export's label: whoever may not read the export's content may not learn that it exists.
/// </remarks>
public sealed class ExportReceipt : ILabelled
{
    public const int MaxRouteLength = 256;
    public const int MaxFileNameLength = 256;

    private ExportReceipt()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The user who took the export; null for an anonymous caller (PUBLIC exports only).</summary>
    public Guid? UserId { get; private set; }

    public string Actor { get; private set; } = "";

    public string? Member { get; private set; }

    public DateTime ExportedAt { get; private set; }

    /// <summary>The endpoint's route pattern, for example <c>/api/v1/ledger/export</c>.</summary>
    public string Route { get; private set; } = "";

    public string FileName { get; private set; } = "";

    public string ContentType { get; private set; } = "";

    public long Size { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the bytes sent.</summary>
    public string Sha256 { get; private set; } = "";

    public Label Label { get; private set; } = Label.Public;

    public string KeyId { get; private set; } = "";

    public string Signature { get; private set; } = "";

    public string Sidecar { get; private set; } = "";

    public static ExportReceipt Create(
        Guid id, Guid? userId, string actor, string? member, DateTime exportedAt, string route, string fileName, string contentType,
        long size, string sha256, Label label, string keyId, string signature, string sidecar) => new()
        {
            Id = id,
            UserId = userId,
            Actor = actor,
            Member = member,
            ExportedAt = exportedAt,
            Route = route.Length > MaxRouteLength ? route[..MaxRouteLength] : route,
            FileName = fileName.Length > MaxFileNameLength ? fileName[..MaxFileNameLength] : fileName,
            ContentType = contentType,
            Size = size,
            Sha256 = sha256,
            Label = label,
            KeyId = keyId,
            Signature = signature,
            Sidecar = sidecar,
        };
}
