using Entente.Infrastructure.Data;
using Entente.Modules.Sharing.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entente.Modules.Sharing.Data;

internal sealed class ExportReceiptConfiguration : IEntityTypeConfiguration<ExportReceipt>
{
    public void Configure(EntityTypeBuilder<ExportReceipt> builder)
    {
        builder.ToTable("sharing_export_receipts");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Actor).HasMaxLength(256);
        builder.Property(r => r.Member).HasMaxLength(8);
        builder.Property(r => r.Route).HasMaxLength(ExportReceipt.MaxRouteLength);
        builder.Property(r => r.FileName).HasMaxLength(ExportReceipt.MaxFileNameLength);
        builder.Property(r => r.ContentType).HasMaxLength(128);
        builder.Property(r => r.Sha256).HasMaxLength(64);
        builder.Property(r => r.KeyId).HasMaxLength(32);
        builder.Property(r => r.Signature).HasMaxLength(128);
        builder.HasLabel();
        builder.HasIndex(r => new { r.UserId, r.ExportedAt });
        builder.HasIndex(r => r.ExportedAt);
    }
}
