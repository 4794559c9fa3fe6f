using Entente.Infrastructure.Data;
using Entente.Modules.Sharing.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entente.Modules.Sharing.Data;

internal sealed class ReleaseRequestConfiguration : IEntityTypeConfiguration<ReleaseRequest>
{
    public void Configure(EntityTypeBuilder<ReleaseRequest> builder)
    {
        builder.ToTable("sharing_release_requests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasLabel();
        builder.ComplexProperty(r => r.Proposed, label => label.HasLabelColumns());
        builder.Property(r => r.RecordKind).HasMaxLength(32);
        builder.Property(r => r.RecordTitle).HasMaxLength(200);
        builder.Property(r => r.RecordPath).HasMaxLength(300);
        builder.Property(r => r.Justification).HasMaxLength(ReleaseRequest.MaxJustificationLength);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.RequestedByName).HasMaxLength(256);
        builder.Property(r => r.RequestedByMember).HasMaxLength(8);
        builder.Property(r => r.DecidedByName).HasMaxLength(256);
        builder.Property(r => r.DecisionReason).HasMaxLength(ReleaseRequest.MaxReasonLength);
        builder.HasMany(r => r.Approvals).WithOne().HasForeignKey(a => a.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.RecordKind, r.RecordId });
        builder.HasIndex(r => r.Status);
    }
}

internal sealed class ReleaseApprovalConfiguration : IEntityTypeConfiguration<ReleaseApproval>
{
    public void Configure(EntityTypeBuilder<ReleaseApproval> builder)
    {
        builder.ToTable("sharing_release_approvals");
        builder.IsAuditedUnderLabelOf<ReleaseApproval, ReleaseRequest>();
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.MemberCode).HasMaxLength(8);
        builder.HasIndex(a => new { a.RequestId, a.UserId }).IsUnique();
    }
}
