using Entente.Modules.Sharing.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Infrastructure.Data;

/// <summary>Sharing, documents: the sets and the label filters of the rows that belong to a document.</summary>
public sealed partial class EntenteDbContext
{
    public DbSet<Document> Documents => Set<Document>();

    /// <summary>Read through <see cref="Documents"/> only: versions carry no label of their own.</summary>
    public DbSet<DocumentVersion> DocumentVersions => Set<DocumentVersion>();

    /// <summary>Read through <see cref="Documents"/> only: the bytes of a version, loaded for downloads alone.</summary>
    public DbSet<DocumentContent> DocumentContents => Set<DocumentContent>();

    /// <summary>A version and its bytes are visible only to whoever may read the document.</summary>
    private void ConfigureDocumentFilters(ModelBuilder builder)
    {
        builder.Entity<DocumentVersion>().HasQueryFilter(LabelFilter, v => Set<Document>().Any(d => d.Id == v.DocumentId));
        builder.Entity<DocumentContent>().HasQueryFilter(LabelFilter,
            c => Set<DocumentVersion>().Any(v => v.Id == c.VersionId && Set<Document>().Any(d => d.Id == v.DocumentId)));
    }
}
