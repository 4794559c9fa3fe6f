using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Entente.Modules.Sharing.Domain;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Entente.Modules.Sharing.Features.Documents;

/// <summary><c>POST /documents/{id}/versions</c>: uploads a new version of a document.</summary>
public static class AddDocumentVersion
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/documents/{id:guid}/versions", HandleAsync)
            .RequireAuthorization()
            .DisableAntiforgery()
            .WithName("AddDocumentVersion")
            .WithSummary("Upload a new version of a document")
            .WithDescription("multipart/form-data with the file in `file`, an optional `note`, and the version you read as `expectedVersion` (or an If-Match header holding it): " +
                "when someone uploaded a version meanwhile the upload is refused with 409 rather than stacked on a version you have not seen. The file is checked as for POST /documents; the label stays the document's.")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<DocumentDetail>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    public static async Task<Results<Created<DocumentDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, HttpContext http, EntenteDbContext db, ISecurityPolicyCatalog catalog, IOptions<DocumentOptions> options, IAntiforgery antiforgery,
        TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        var (u, problem) = await DocumentUploads.ReceiveAsync(http, db, antiforgery, options.Value, cancellationToken);
        if (u is null)
        {
            return problem!;
        }
        var expectedText = u.Field("expectedVersion") ?? http.Request.Headers.IfMatch.ToString().Trim().Trim('"').Replace("W/", "", StringComparison.Ordinal).Trim('"');
        if (!int.TryParse(expectedText, System.Globalization.CultureInfo.InvariantCulture, out var expected))
        {
            return DomainError.Invalid("expectedVersion", "Say which version you read: send `expectedVersion` (or an If-Match header) with its number.").ToProblem();
        }

        var result = await ExecuteAsync(id, expected, u.FileName, u.ClaimedType, u.Bytes, u.Field("note"), db, options.Value, time, cancellationToken);
        if (!result.IsSuccess)
        {
            return DocumentAccess.ToProblem(result.Error!);
        }

        var document = result.Value!;
        return TypedResults.Created($"/api/v1/documents/{document.Id}/versions/{document.Version}", DocumentViews.Detail(document, catalog.Current));
    }

    public static async Task<Result<Document>> ExecuteAsync(
        Guid id, int expectedVersion, string? fileName, string? claimedType, byte[] bytes, string? note, EntenteDbContext db, DocumentOptions options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        var document = await DocumentAccess.FindAsync(db, id, track: true, cancellationToken);
        if (document is null)
        {
            return DocumentAccess.NotFound;
        }

        var file = DocumentFiles.Check(fileName, claimedType, bytes, options.MaxUploadBytes);
        if (!file.IsSuccess)
        {
            return file.Error!;
        }

        var added = document.AddVersion(file.Value!, note, expectedVersion, DocumentUploads.ActorOf(db), time.UtcNow());
        if (!added.IsSuccess)
        {
            return added.Error!;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another upload took the same number first (the unique index or the concurrency token said so).
            return new DomainError("sharing.document-version-conflict",
                "Someone uploaded a version of this document at the same moment. Look at the document again, then upload yours.", ErrorKind.Conflict, "expectedVersion");
        }

        return document;
    }
}
