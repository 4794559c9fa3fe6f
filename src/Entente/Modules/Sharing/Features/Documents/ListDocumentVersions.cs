using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Sharing.Features.Documents;

/// <summary><c>GET /documents/{id}/versions</c>: a document's versions, the first first; 404 when the caller may not see it.</summary>
public static class ListDocumentVersions
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/documents/{id:guid}/versions", HandleAsync)
            .RequireAuthorization()
            .WithName("ListDocumentVersions")
            .WithSummary("List a document's versions")
            .WithDescription("Every uploaded version in order: number, file name, recognised type, size, SHA-256, note, who uploaded it and when, and the address of its content.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<IReadOnlyList<DocumentVersionView>>, ProblemHttpResult>> HandleAsync(
        Guid id, EntenteDbContext db, CancellationToken cancellationToken)
    {
        var document = await DocumentAccess.FindAsync(db, id, track: false, cancellationToken);
        if (document is null)
        {
            return DocumentAccess.NotFound.ToProblem();
        }

        IReadOnlyList<DocumentVersionView> versions = [.. document.Versions.OrderBy(v => v.Number).Select(DocumentViews.Version)];
        return TypedResults.Ok(versions);
    }
}
