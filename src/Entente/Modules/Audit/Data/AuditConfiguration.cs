using Entente.Infrastructure.Data;
using Entente.Modules.Audit.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entente.Modules.Audit.Data;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.ActorName).HasMaxLength(256);
        builder.Property(e => e.ActorMember).HasMaxLength(8);
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.EntityType).HasMaxLength(128);
        builder.Property(e => e.EntityId).HasMaxLength(256);
        // Plain text, never jsonb: the stored bytes must be exactly the bytes that were hashed.
        builder.Property(e => e.Details).HasMaxLength(AuditEntry.MaxDetailsLength);
        builder.Property(e => e.Origin).HasMaxLength(64);
        builder.Property(e => e.TraceId).HasMaxLength(64);
        builder.Property(e => e.PreviousHash).HasMaxLength(64).IsFixedLength(false);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.HasLabel();
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.EntityType, e.EntityId });
        builder.HasIndex(e => e.ActorName);
        builder.HasAnnotation(AuditAnnotations.NotAudited, true);
    }
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> builder)
    {
        builder.ToTable("audit_checkpoints");
        builder.HasKey(c => c.Sequence);
        builder.Property(c => c.Sequence).ValueGeneratedNever();
        builder.Property(c => c.Hash).HasMaxLength(64);
        builder.Property(c => c.KeyId).HasMaxLength(16);
        builder.Property(c => c.Signature).HasMaxLength(200);
        builder.HasAnnotation(AuditAnnotations.NotAudited, true);
    }
}
