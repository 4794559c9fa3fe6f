using Entente.Infrastructure.Data;
using Entente.Modules.Sharing.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entente.Modules.Sharing.Data;

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.ToTable("sharing_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.ParentKind).HasMaxLength(Message.MaxKindLength);
        builder.Property(m => m.Body).HasMaxLength(Message.MaxBodyLength);
        builder.Property(m => m.AuthorName).HasMaxLength(256);
        builder.Property(m => m.AuthorMember).HasMaxLength(8);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.Ignore(m => m.IsWithdrawn);
        builder.HasLabel();
        builder.HasOne<Message>().WithMany().HasForeignKey(m => m.ReplyToId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(m => m.Revisions).WithOne().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(m => m.Revisions).HasField("_revisions").UsePropertyAccessMode(PropertyAccessMode.Field);

        // A thread is read oldest first; the recent-threads list goes by creation time.
        builder.HasIndex(m => new { m.ParentKind, m.ParentId, m.CreatedAt });
        builder.HasIndex(m => m.CreatedAt);
    }
}

internal sealed class MessageRevisionConfiguration : IEntityTypeConfiguration<MessageRevision>
{
    public void Configure(EntityTypeBuilder<MessageRevision> builder)
    {
        builder.ToTable("sharing_message_revisions");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Body).HasMaxLength(Message.MaxBodyLength);
        builder.HasIndex(r => new { r.MessageId, r.Sequence }).IsUnique();
        builder.IsAuditedUnderLabelOf<MessageRevision, Message>();
    }
}
