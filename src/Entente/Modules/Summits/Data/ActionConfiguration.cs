using Entente.Infrastructure.Data;
using Entente.Modules.Registry.Domain;
using Entente.Modules.Summits.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entente.Modules.Summits.Data;

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> builder)
    {
        builder.ToTable("summits_action_items");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Title).HasMaxLength(ActionItem.MaxTitleLength);
        builder.Property(a => a.Description).HasMaxLength(ActionItem.MaxDescriptionLength);
        builder.Property(a => a.OriginKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.OriginTitle).HasMaxLength(ActionItem.MaxOriginTitleLength);
        builder.Property(a => a.OwnerMember).HasMaxLength(8);
        builder.Property(a => a.OwnerName).HasMaxLength(ActionItem.MaxOwnerNameLength);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.CreatedBy).HasMaxLength(256);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasLabel();
        builder.HasOne<Member>().WithMany().HasForeignKey(a => a.OwnerMember).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.StatusChanges).WithOne().HasForeignKey(c => c.ActionItemId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.StatusChanges).HasField("_statusChanges").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(a => a.Notes).WithOne().HasForeignKey(n => n.ActionItemId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Notes).HasField("_notes").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(a => a.IsClosed);
        builder.HasIndex(a => new { a.OwnerMember, a.Status, a.DueOn });
        builder.HasIndex(a => new { a.Status, a.DueOn });
        builder.HasIndex(a => new { a.OriginKind, a.OriginId });
    }
}

internal sealed class ActionStatusChangeConfiguration : IEntityTypeConfiguration<ActionStatusChange>
{
    public void Configure(EntityTypeBuilder<ActionStatusChange> builder)
    {
        builder.ToTable("summits_action_status_changes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.From).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.To).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Reason).HasMaxLength(ActionStatusChange.MaxReasonLength);
        builder.Property(c => c.By).HasMaxLength(256);
        builder.Property(c => c.ByMember).HasMaxLength(8);
        builder.HasIndex(c => new { c.ActionItemId, c.Sequence }).IsUnique();
        builder.IsAuditedUnderLabelOf<ActionStatusChange, ActionItem>();
    }
}

internal sealed class ActionNoteConfiguration : IEntityTypeConfiguration<ActionNote>
{
    public void Configure(EntityTypeBuilder<ActionNote> builder)
    {
        builder.ToTable("summits_action_notes");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Text).HasMaxLength(ActionNote.MaxTextLength);
        builder.Property(n => n.By).HasMaxLength(256);
        builder.Property(n => n.ByMember).HasMaxLength(8);
        builder.HasIndex(n => new { n.ActionItemId, n.Sequence }).IsUnique();
        builder.IsAuditedUnderLabelOf<ActionNote, ActionItem>();
    }
}

internal sealed class ActionNoticeConfiguration : IEntityTypeConfiguration<ActionNotice>
{
    public void Configure(EntityTypeBuilder<ActionNotice> builder)
    {
        builder.ToTable("summits_action_notices");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.MemberCode).HasMaxLength(8);
        builder.HasOne<ActionItem>().WithMany().HasForeignKey(n => n.ActionItemId).OnDelete(DeleteBehavior.Cascade);

        // One notice per item and overdue week: the reminder job may run twice, or on two instances, and still remind once.
        builder.HasIndex(n => new { n.ActionItemId, n.OverdueWeek }).IsUnique();
        builder.HasIndex(n => new { n.MemberCode, n.CreatedAt });
        builder.IsAuditedUnderLabelOf<ActionNotice, ActionItem>();
    }
}
