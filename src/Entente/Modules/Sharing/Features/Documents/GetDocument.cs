using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Sharing.Features.Documents;

/// <summary><c>GET /documents/{id}</c>: one document with its versions; 404 when the caller may not see it.</summary>
public static class GetDocument
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/documents/{id:guid}", HandleAsync)
            .RequireAuthorization()
            .WithName("GetDocument")
            .WithSummary("Get a document")
            .WithDescription("The document's title, label, parent record and every version (file name, recognised type, size, SHA-256, who uploaded it and when), with the address of each version's content.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<DocumentDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var document = await DocumentAccess.FindAsync(db, id, track: false, cancellationToken);
        return document is null ? DocumentAccess.NotFound.ToProblem() : TypedResults.Ok(DocumentViews.Detail(document, catalog.Current));
    }
}
