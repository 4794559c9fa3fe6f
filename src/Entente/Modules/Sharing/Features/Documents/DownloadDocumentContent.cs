using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Entente.Modules.Sharing.Features.Documents;

/// <summary>
/// <c>GET /documents/{id}/versions/{n}/content</c>: a version's bytes, always as an attachment that a browser will not
/// render in the platform's origin: <c>Content-Disposition: attachment</c> (RFC 6266 with a UTF-8 <c>filename*</c>), the
/// type recognised at upload, <c>nosniff</c>, a sandboxing Content-Security-Policy in case it is opened anyway, no caching,
/// the label's marking in <c>Entente-Marking</c>, and the SHA-256 as ETag. Reading a restricted document is audited.
/// </summary>
public static class DownloadDocumentContent
{
    public const string SandboxPolicy = "sandbox; default-src 'none'";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/documents/{id:guid}/versions/{number:int}/content", HandleAsync)
            .RequireAuthorization()
            .WithName("DownloadDocumentContent")
            .WithLabelledExport()
            .WithSummary("Download a version of a document")
            .WithDescription("The version's bytes as an attachment, with the type recognised at upload, the label's marking in the Entente-Marking header and the SHA-256 as ETag. Never rendered inline. Reading a document at or above the policy's read-audit threshold is written to the audit log.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> HandleAsync(
        Guid id, int number, HttpContext http, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);

        // The document itself is materialised (not projected), so the read-audit interceptor records the read of a restricted one.
        var document = await DocumentAccess.FindAsync(db, id, track: false, cancellationToken);
        var version = document?.Versions.FirstOrDefault(v => v.Number == number);
        if (document is null || version is null)
        {
            return DocumentAccess.NotFound.ToProblem();
        }

        var bytes = await db.DocumentContents.AsNoTracking().Where(c => c.VersionId == version.Id).Select(c => c.Bytes).FirstOrDefaultAsync(cancellationToken);
        if (bytes is null)
        {
            return DocumentAccess.NotFound.ToProblem();
        }

        if (!db.CurrentScope.IsSystem && document.Label.Classification >= db.ReadAuditThreshold)
        {
            db.ReadAudit.Record("sharing_document_contents", $"{document.Id}/{version.Number}", document.Label);
        }

        var headers = http.Response.Headers;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(version.FileName);
        headers.ContentDisposition = disposition.ToString();
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = SandboxPolicy;
        headers.CacheControl = "no-store";
        headers[LabelledExport.MarkingHeader] = catalog.Current.Describe(document.Label);
        LabelledExport.Declare(http, document.Label);
        return TypedResults.File(bytes, version.ContentType, entityTag: new EntityTagHeaderValue($"\"{version.Sha256}\""));
    }
}
