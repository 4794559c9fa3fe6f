using Entente.Infrastructure.Data;
using Entente.Modules.Sharing.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entente.Modules.Sharing.Data;

internal sealed class SharingGroupConfiguration : IEntityTypeConfiguration<SharingGroup>
{
    public void Configure(EntityTypeBuilder<SharingGroup> builder)
    {
        builder.ToTable("sharing_groups");
        builder.IsAuditedAsPlatformRecord();
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.Name).HasMaxLength(SharingGroup.MaxNameLength);
        builder.Property(g => g.Description).HasMaxLength(2000);
        builder.Property(g => g.OwnerMember).HasMaxLength(8);
        builder.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(g => g.Name).IsUnique();
    }
}

internal sealed class SharingGroupMemberConfiguration : IEntityTypeConfiguration<SharingGroupMember>
{
    public void Configure(EntityTypeBuilder<SharingGroupMember> builder)
    {
        builder.ToTable("sharing_group_members");
        builder.IsAuditedAsPlatformRecord();
        builder.HasKey(m => new { m.GroupId, m.MemberCode });
        builder.Property(m => m.MemberCode).HasMaxLength(8);
        builder.HasIndex(m => m.MemberCode);
    }
}
