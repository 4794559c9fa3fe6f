using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Text;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Sharing.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Sharing.Features.Documents;

/// <summary>Filters of the document list.</summary>
public sealed record DocumentFilter
{
    /// <summary>Only documents on records of this kind (<c>meeting</c>, <c>offer</c> …).</summary>
    [FromQuery(Name = "parentKind")]
    public string? ParentKind { get; init; }

    /// <summary>Only documents on this record.</summary>
    [FromQuery(Name = "parentId")]
    public Guid? ParentId { get; init; }

    /// <summary>Words of the title or description.</summary>
    [FromQuery(Name = "q")]
    public string? Q { get; init; }

    public IQueryable<Document> Apply(IQueryable<Document> documents, bool postgres)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (!string.IsNullOrWhiteSpace(ParentKind))
        {
            var kind = ParentKind.Trim().ToLowerInvariant();
            documents = documents.Where(d => d.ParentKind == kind);
        }

        if (ParentId is { } parent)
        {
            documents = documents.Where(d => d.ParentId == parent);
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            var pattern = LikePatterns.Contains(Q);
            documents = postgres
                ? documents.Where(d => EF.Functions.ILike(d.Title, pattern, LikePatterns.Escape)
                    || (d.Description != null && EF.Functions.ILike(d.Description, pattern, LikePatterns.Escape)))
                : documents.Where(d => EF.Functions.Like(d.Title, pattern, LikePatterns.Escape)
                    || (d.Description != null && EF.Functions.Like(d.Description, pattern, LikePatterns.Escape)));
        }

        return documents;
    }
}

/// <summary><c>GET /documents</c>: documents the caller may see, most recently updated first, paged.</summary>
public static class ListDocuments
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/documents", HandleAsync)
            .RequireAuthorization()
            .WithName("ListDocuments")
            .WithSummary("List documents")
            .WithDescription("Documents released to you, filtered by parent record (parentKind, parentId) and words of the title or description (q), the most recently updated first. The total counts only what you may see.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    public static async Task<Ok<Paged<DocumentSummary>>> HandleAsync(
        [AsParameters] DocumentFilter filter, [AsParameters] PageRequest page, EntenteDbContext db, ISecurityPolicyCatalog catalog,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(catalog);
        var policy = catalog.Current;
        var result = await filter.Apply(db.Documents.AsNoTracking().Include(d => d.Versions), db.IsPostgres)
            .OrderByDescending(d => d.UpdatedAt).ThenBy(d => d.Id)
            .ToPagedAsync(page, d => DocumentViews.Summary(d, policy), cancellationToken);
        return TypedResults.Ok(result);
    }
}
