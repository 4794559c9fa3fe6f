using Entente.Infrastructure.Data;
using Entente.Modules.Sharing.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entente.Modules.Sharing.Data;

internal sealed class DocumentConfiguration : IEntityTypeConfiguration<Document>
{
    public void Configure(EntityTypeBuilder<Document> builder)
    {
        builder.ToTable("sharing_documents");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Title).HasMaxLength(Document.MaxTitleLength);
        builder.Property(d => d.Description).HasMaxLength(Document.MaxDescriptionLength);
        builder.Property(d => d.ParentKind).HasMaxLength(32);
        builder.Property(d => d.OriginatorMember).HasMaxLength(8);
        builder.Property(d => d.CreatedBy).HasMaxLength(256);
        builder.Property(d => d.UpdatedBy).HasMaxLength(256);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.HasLabel();
        builder.HasMany(d => d.Versions).WithOne().HasForeignKey(v => v.DocumentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(d => d.Versions).HasField("_versions").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(d => new { d.ParentKind, d.ParentId });
        builder.HasIndex(d => d.UpdatedAt);
    }
}

internal sealed class DocumentVersionConfiguration : IEntityTypeConfiguration<DocumentVersion>
{
    public void Configure(EntityTypeBuilder<DocumentVersion> builder)
    {
        builder.ToTable("sharing_document_versions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.FileName).HasMaxLength(FileNames.MaxLength);
        builder.Property(v => v.ContentType).HasMaxLength(128);
        builder.Property(v => v.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(v => v.Note).HasMaxLength(Document.MaxNoteLength);
        builder.Property(v => v.UploadedBy).HasMaxLength(256);
        builder.Property(v => v.UploadedByMember).HasMaxLength(8);
        builder.HasIndex(v => new { v.DocumentId, v.Number }).IsUnique();
        builder.HasOne(v => v.Content).WithOne().HasForeignKey<DocumentContent>(c => c.VersionId).OnDelete(DeleteBehavior.Cascade);
        builder.IsAuditedUnderLabelOf<DocumentVersion, Document>();
    }
}

internal sealed class DocumentContentConfiguration : IEntityTypeConfiguration<DocumentContent>
{
    public void Configure(EntityTypeBuilder<DocumentContent> builder)
    {
        builder.ToTable("sharing_document_contents");
        builder.HasKey(c => c.VersionId);
        builder.Property(c => c.VersionId).ValueGeneratedNever();
        builder.Property(c => c.Bytes).IsRequired();

        // The audited version row carries the content's SHA-256, which binds these bytes; copying megabytes into the
        // audit chain would add nothing but size.
        builder.HasAnnotation(AuditAnnotations.NotAudited, true);
    }
}
