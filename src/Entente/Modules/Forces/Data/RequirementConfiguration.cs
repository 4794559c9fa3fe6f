using Entente.Infrastructure.Data;
using Entente.Modules.Forces.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entente.Modules.Forces.Data;

internal sealed class RequirementLineConfiguration : IEntityTypeConfiguration<RequirementLine>
{
    public void Configure(EntityTypeBuilder<RequirementLine> builder)
    {
        builder.ToTable("forces_requirement_lines");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Code).HasMaxLength(16);
        builder.Property(l => l.Capability).HasConversion<string>().HasMaxLength(32);
        builder.Property(l => l.Component).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.UnitType).HasMaxLength(RequirementDetails.MaxUnitTypeLength);
        builder.Property(l => l.MinimumReadiness).HasConversion<string>().HasMaxLength(24);
        builder.Property(l => l.SectorCode).HasMaxLength(16);
        builder.Property(l => l.Priority).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.TaskCodes).HasMaxLength(400);
        builder.Property(l => l.RequiredRoe).HasConversion<string>().HasMaxLength(24);
        builder.Property(l => l.RequiredCommand).HasConversion<string>().HasMaxLength(24);
        builder.Property(l => l.Notes).HasMaxLength(RequirementDetails.MaxNotesLength);
        builder.Property(l => l.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.WithdrawalReason).HasMaxLength(RequirementLine.MaxReasonLength);
        builder.Property(l => l.CreatedBy).HasMaxLength(256);
        builder.Property(l => l.Version).IsConcurrencyToken();
        builder.HasLabel();
        builder.HasMany(l => l.Versions).WithOne().HasForeignKey(v => v.RequirementLineId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(l => l.Versions).HasField("_versions").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(l => l.Tasks);
        builder.Ignore(l => l.Sector);
        builder.Ignore(l => l.PeriodDays);
        builder.Ignore(l => l.IsActive);
        builder.Ignore(l => l.Details);

        // Codes are handed out in order; two creations racing for one number meet here and the second tries the next.
        builder.HasIndex(l => l.Number).IsUnique();
        builder.HasIndex(l => l.Code).IsUnique();
        builder.HasIndex(l => new { l.Status, l.Component, l.Priority });
        builder.HasIndex(l => l.Capability);
    }
}

internal sealed class RequirementVersionConfiguration : IEntityTypeConfiguration<RequirementVersion>
{
    public void Configure(EntityTypeBuilder<RequirementVersion> builder)
    {
        builder.ToTable("forces_requirement_versions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Change).HasMaxLength(16);
        builder.Property(v => v.Reason).HasMaxLength(RequirementLine.MaxReasonLength);
        builder.Property(v => v.Changes).HasMaxLength(4000);
        builder.Property(v => v.By).HasMaxLength(256);
        builder.Property(v => v.ByMember).HasMaxLength(8);
        builder.Ignore(v => v.ChangeList);
        builder.HasIndex(v => new { v.RequirementLineId, v.Number }).IsUnique();
        builder.IsAuditedUnderLabelOf<RequirementVersion, RequirementLine>();
    }
}
