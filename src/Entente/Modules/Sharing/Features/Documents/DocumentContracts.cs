using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Sharing.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Sharing.Features.Documents;

/// <summary>Settings of documents (<c>Entente:Sharing</c>).</summary>
public sealed class DocumentOptions
{
    public const string Section = "Entente:Sharing";

    /// <summary>Largest file a document version may hold; 25 MiB unless configured.</summary>
    public long MaxUploadBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>
    /// The request limit of the upload page, fixed at build time because an attribute carries it: it sits above the
    /// configured <see cref="MaxUploadBytes"/> (which the page checks itself, with a readable message) so that the
    /// server's general request limit does not cut an upload off with an unreadable error first.
    /// </summary>
    public const long PageFormLimitBytes = 64L * 1024 * 1024;

    /// <summary>Room for the multipart envelope and the metadata fields around the file.</summary>
    public const long FormOverheadBytes = 256 * 1024;
}

/// <summary>A document in lists: its label, its parent and its latest version.</summary>
public sealed record DocumentSummary(
    Guid Id, string Title, LabelView Label, string? ParentKind, Guid? ParentId, string? OriginatorMember, int Version,
    string FileName, string ContentType, long Size, DateTime UpdatedAt, string UpdatedBy);

/// <summary>One version as responses show it; <c>contentUrl</c> downloads its bytes.</summary>
public sealed record DocumentVersionView(
    int Number, string FileName, string ContentType, long Size, string Sha256, string? Note, string UploadedBy, string? UploadedByMember,
    DateTime UploadedAt, string ContentUrl);

/// <summary>A document with every version, the latest last.</summary>
public sealed record DocumentDetail(
    Guid Id, string Title, string? Description, LabelView Label, string? ParentKind, Guid? ParentId, string? OriginatorMember, int Version,
    DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt, string UpdatedBy, IReadOnlyList<DocumentVersionView> Versions);

public static class DocumentViews
{
    public static DocumentVersionView Version(DocumentVersion v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new DocumentVersionView(v.Number, v.FileName, v.ContentType, v.Size, v.Sha256, v.Note, v.UploadedBy, v.UploadedByMember,
            v.UploadedAt, $"/api/v1/documents/{v.DocumentId}/versions/{v.Number}/content");
    }

    public static DocumentDetail Detail(Document d, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new DocumentDetail(d.Id, d.Title, d.Description, LabelView.From(d.Label, policy), d.ParentKind, d.ParentId, d.OriginatorMember,
            d.Version, d.CreatedAt, d.CreatedBy, d.UpdatedAt, d.UpdatedBy, [.. d.Versions.OrderBy(v => v.Number).Select(Version)]);
    }

    public static DocumentSummary Summary(Document d, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(d);
        var latest = d.Versions.OrderBy(v => v.Number).Last();
        return new DocumentSummary(d.Id, d.Title, LabelView.From(d.Label, policy), d.ParentKind, d.ParentId, d.OriginatorMember, d.Version,
            latest.FileName, latest.ContentType, latest.Size, d.UpdatedAt, d.UpdatedBy);
    }
}

/// <summary>Finding documents through the caller's label filter, and the problems uploads answer with.</summary>
public static class DocumentAccess
{
    public static DomainError NotFound { get; } = DomainError.NotFound("document");

    public static DomainError ParentNotFound { get; } = new("sharing.parent-not-found",
        "The record the document should belong to does not exist (or is not released to you). Check its kind and identifier.",
        ErrorKind.NotFound, "parentId");

    /// <summary>The document with its versions (never their bytes), or null when the caller may not see it.</summary>
    public static Task<Document?> FindAsync(EntenteDbContext db, Guid id, bool track, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.Documents.Include(d => d.Versions).Where(d => d.Id == id);
        return (track ? query : query.AsNoTracking()).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// A refusal as RFC 9457 problem details: a file over the limit is 413 and a type off the allow-list 415, so that
    /// clients can tell them from other bad input; everything else as its kind says.
    /// </summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult ToProblem(DomainError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var status = error.Code switch
        {
            DocumentFiles.TooLargeCode => StatusCodes.Status413PayloadTooLarge,
            DocumentFiles.TypeNotAllowedCode => StatusCodes.Status415UnsupportedMediaType,
            _ => 0,
        };
        if (status == 0)
        {
            return error.ToProblem();
        }

        var details = new ProblemDetails
        {
            Status = status,
            Type = ProblemTypes.For(error.Code),
            Title = ProblemTypes.ForStatus(status).Title,
            Detail = error.Detail,
        };
        if (error.Field is not null)
        {
            details.Extensions["field"] = error.Field;
        }

        return TypedResults.Problem(details);
    }
}
