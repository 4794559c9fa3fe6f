using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Entente.Modules.Summits.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Features;

/// <summary>A document to attach: its content base64-encoded (at most 2 MiB decoded) and its own label.</summary>
public sealed record DocumentInput
{
    [Required]
    [StringLength(MeetingDocument.MaxTitleLength)]
    public string Title { get; init; } = "";

    [Required]
    [StringLength(MeetingDocument.MaxFileNameLength)]
    public string FileName { get; init; } = "";

    [StringLength(100)]
    public string? ContentType { get; init; }

    [Required]
    public string ContentBase64 { get; init; } = "";

    /// <summary>The document's label; the meeting's when absent. Never less restrictive than the meeting's.</summary>
    public LabelInput? Label { get; init; }
}

/// <summary><c>POST /meetings/{id}/documents</c> and <c>GET /meetings/{id}/documents/{documentId}</c>.</summary>
public static class AttachMeetingDocument
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPost("/meetings/{id:guid}/documents", HandleAsync)
            .RequireAuthorization(SummitsPolicies.ManageMeetings)
            .Idempotent()
            .WithName("AttachMeetingDocument")
            .WithSummary("Attach a document to a meeting")
            .WithDescription("Stores a document (base64, at most 2 MiB) with its SHA-256 and its own label, which may not be less restrictive than the meeting's.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/meetings/{id:guid}/documents/{documentId:guid}", DownloadAsync)
            .WithLabelledExport()
            .WithName("GetMeetingDocument")
            .WithSummary("Download a meeting document")
            .WithDescription("The document's content, with its SHA-256 in the `Content-Digest` header (RFC 9530). 404 when the document or its meeting is not released to you.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Created<DocumentView>, ProblemHttpResult>> HandleAsync(
        Guid id, DocumentInput request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (meeting is null)
        {
            return MeetingAccess.MeetingNotFound.ToProblem();
        }

        var title = PlainText.Check("title", request.Title, MeetingDocument.MaxTitleLength, required: true);
        var fileName = PlainText.Check("fileName", request.FileName, MeetingDocument.MaxFileNameLength, required: true);
        if (!title.IsSuccess || !fileName.IsSuccess)
        {
            return (title.Error ?? fileName.Error)!.ToProblem();
        }

        byte[] content;
        try
        {
            content = Convert.FromBase64String(request.ContentBase64 ?? "");
        }
        catch (FormatException)
        {
            return DomainError.Invalid("contentBase64", "The content is not valid base64.").ToProblem();
        }

        if (content.Length is 0 or > MeetingDocument.MaxBytes)
        {
            return new DomainError("summits.document-size", $"A document holds between 1 byte and {MeetingDocument.MaxBytes / 1024 / 1024} MiB.",
                ErrorKind.Validation, "contentBase64").ToProblem();
        }

        Label label = meeting.Label;
        if (request.Label is not null)
        {
            var resolved = await LabelRules.ResolveAsync(request.Label, db.Caller, catalog, db, cancellationToken: cancellationToken);
            if (!resolved.IsSuccess)
            {
                return resolved.Error!.ToProblem();
            }

            label = resolved.Value!;
        }

        var restrictive = meeting.CheckDocumentLabel(label);
        if (!restrictive.IsSuccess)
        {
            return restrictive.Error!.ToProblem();
        }

        var contentType = string.IsNullOrWhiteSpace(request.ContentType) ? "application/octet-stream" : request.ContentType.Trim();
        var document = new MeetingDocument(id, title.Value!, fileName.Value!, contentType, content, label, db.Caller.ActorName, time.UtcNow());
        db.MeetingDocuments.Add(document);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/meetings/{id}/documents/{document.Id}",
            new DocumentView(document.Id, document.Title, document.FileName, document.ContentType, document.Size, document.Sha256,
                LabelView.From(document.Label, catalog.Current), document.AddedBy, document.AddedAt));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(
        Guid id, Guid documentId, HttpContext context, EntenteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(db);
        // Both the document's own label and its meeting's must release it to the caller.
        var document = await db.MeetingDocuments.AsNoTracking()
            .Where(d => d.Id == documentId && d.MeetingId == id && db.Meetings.Any(m => m.Id == d.MeetingId))
            .FirstOrDefaultAsync(cancellationToken);
        if (document is null)
        {
            return ProblemResults.NotFound("The document");
        }

        LabelledExport.Declare(context, document.Label);
        context.Response.Headers["Content-Digest"] = "sha-256=:" + Convert.ToBase64String(Convert.FromHexString(document.Sha256)) + ":";
        return TypedResults.File(document.Content, document.ContentType, document.FileName);
    }
}
