using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Entente.Modules.Sharing.Domain;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Entente.Modules.Sharing.Features.Documents;

/// <summary>What a new document is made of, however it arrived (API or page).</summary>
public sealed record NewDocument(
    string? Title, string? Description, LabelInput? Label, string? ParentKind, Guid? ParentId, string? Note,
    string? FileName, string? ClaimedType, byte[] Bytes);

/// <summary><c>POST /documents</c>: a new document and its first version, from one multipart form.</summary>
public static class UploadDocument
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/documents", HandleAsync)
            .RequireAuthorization()
            .DisableAntiforgery()
            .WithName("UploadDocument")
            .WithSummary("Upload a new document")
            .WithDescription("Send one multipart/form-data request: the file in the field `file`, and the fields `title` (required), `description`, `note` (of the first version), " +
                "`parentKind` and `parentId` (the record the document belongs to, for example `meeting` and its id), and the label as `label.classification` (required), " +
                "`label.releasableTo` (repeat the field or separate codes with commas), `label.tlp`, `label.categories`, `label.sharingGroupId`, `label.originator`. " +
                "The file must be one of " + DocumentFiles.AllowedExtensions + "; its content is recognised from its bytes, and a file whose name or declared type disagrees " +
                "with its content is refused (400 sharing.file-type-mismatch). Types off the list get 415, files over the configured size 413. A parent the caller cannot see " +
                "answers 404; a label less restrictive than the parent's answers 400 sharing.label-below-parent. Browser sessions send the antiforgery token; API tokens need none.")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<DocumentDetail>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    public static async Task<Results<Created<DocumentDetail>, ProblemHttpResult>> HandleAsync(
        HttpContext http, EntenteDbContext db, ISecurityPolicyCatalog catalog, LabelledRecords records, IOptions<DocumentOptions> options,
        IAntiforgery antiforgery, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        var (u, problem) = await DocumentUploads.ReceiveAsync(http, db, antiforgery, options.Value, cancellationToken);
        if (u is null)
        {
            return problem!;
        }
        if (!TryParseParent(u.Field("parentId"), out var parentId))
        {
            return DomainError.Invalid("parentId", "The parent's identifier is not a valid id.").ToProblem();
        }

        TlpMarking? tlp = null;
        if (u.Field("label.tlp") is { } tlpText)
        {
            if (!Enum.TryParse<TlpMarking>(tlpText.Replace("TLP:", "", StringComparison.OrdinalIgnoreCase).Replace("+", "", StringComparison.Ordinal), true, out var parsedTlp)
                || !Enum.IsDefined(parsedTlp))
            {
                return DomainError.Invalid("label.tlp", "Not a TLP marking: use CLEAR, GREEN, AMBER, AMBER+STRICT or RED.").ToProblem();
            }

            tlp = parsedTlp;
        }

        if (u.Field("label.sharingGroupId") is { } groupText && !Guid.TryParse(groupText, out _))
        {
            return DomainError.Invalid("label.sharingGroupId", "Not a sharing group id: give the group's id (a GUID), or leave the field out.").ToProblem();
        }

        var label = u.Field("label.classification") is { } classification
            ? new LabelInput
            {
                Classification = classification,
                ReleasableTo = u.List("label.releasableTo"),
                Tlp = tlp,
                Categories = u.List("label.categories"),
                SharingGroupId = Guid.TryParse(u.Field("label.sharingGroupId"), out var group) ? group : null,
                Originator = u.Field("label.originator"),
            }
            : null;
        var command = new NewDocument(u.Field("title"), u.Field("description"), label, u.Field("parentKind"), parentId, u.Field("note"),
            u.FileName, u.ClaimedType, u.Bytes);
        var result = await ExecuteAsync(command, db, catalog, records, options.Value, time, cancellationToken);
        if (!result.IsSuccess)
        {
            return DocumentAccess.ToProblem(result.Error!);
        }

        var document = result.Value!;
        return TypedResults.Created($"/api/v1/documents/{document.Id}", DocumentViews.Detail(document, catalog.Current));
    }

    /// <summary>Checks everything, then stores the document, its first version and the bytes in one transaction.</summary>
    public static async Task<Result<Document>> ExecuteAsync(
        NewDocument command, EntenteDbContext db, ISecurityPolicyCatalog catalog, LabelledRecords records, DocumentOptions options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(options);
        if (command.Label is null)
        {
            return DomainError.Invalid("label.classification", "Give the document a label: at least its classification.");
        }

        DocumentParent? parent = null;
        if (command.ParentKind is not null || command.ParentId is not null)
        {
            if (command.ParentKind is null || command.ParentId is null)
            {
                return DomainError.Invalid("parentKind", "Name the parent record with both its kind and its identifier, or neither.");
            }

            if (records.Of(command.ParentKind) is null)
            {
                return DomainError.Invalid("parentKind",
                    $"'{PlainTextOf(command.ParentKind)}' is not a kind of record. Use one of: {string.Join(", ", records.Kinds.Select(k => k.Kind))}.");
            }

            var found = await records.FindAsync(db, command.ParentKind, command.ParentId.Value, cancellationToken);
            if (found is null)
            {
                return DocumentAccess.ParentNotFound;
            }

            parent = new DocumentParent(found.Kind, found.Id, found.Label);
        }

        var file = DocumentFiles.Check(command.FileName, command.ClaimedType, command.Bytes, options.MaxUploadBytes);
        if (!file.IsSuccess)
        {
            return file.Error!;
        }

        var label = await LabelRules.ResolveAsync(command.Label, db.Caller, catalog, db, cancellationToken: cancellationToken);
        if (!label.IsSuccess)
        {
            return label.Error!;
        }

        var created = Document.Create(command.Title ?? "", command.Description, label.Value!, parent, file.Value!, command.Note,
            DocumentUploads.ActorOf(db), time.UtcNow());
        if (!created.IsSuccess)
        {
            return created.Error!;
        }

        db.Documents.Add(created.Value!);
        await db.SaveChangesAsync(cancellationToken);
        return created.Value!;
    }

    private static bool TryParseParent(string? text, out Guid? id)
    {
        id = null;
        if (text is null)
        {
            return true;
        }

        if (!Guid.TryParse(text, out var parsed))
        {
            return false;
        }

        id = parsed;
        return true;
    }

    private static string PlainTextOf(string text) => Infrastructure.Text.PlainText.Shorten(text, 32);
}
