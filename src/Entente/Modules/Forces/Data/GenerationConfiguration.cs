using Entente.Infrastructure.Data;
using Entente.Modules.Forces.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entente.Modules.Forces.Data;

internal sealed class ForceScenarioConfiguration : IEntityTypeConfiguration<ForceScenario>
{
    public void Configure(EntityTypeBuilder<ForceScenario> builder)
    {
        builder.ToTable("forces_scenarios");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(ForceScenario.MaxNameLength);
        builder.Property(s => s.Description).HasMaxLength(ForceScenario.MaxDescriptionLength);
        builder.Property(s => s.OtherMandatesScope).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.OtherMandates).HasMaxLength(ForceScenario.MaxListed * (ForceScenario.MaxMandateLength + 1));
        builder.Property(s => s.ParliamentsScope).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Parliaments).HasMaxLength(ForceScenario.MaxListed * 9);
        builder.Property(s => s.CreatedBy).HasMaxLength(256);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasLabel();
        builder.Ignore(s => s.OtherMandateList);
        builder.Ignore(s => s.ParliamentList);
        builder.HasIndex(s => s.Name);
    }
}

internal sealed class ForceRunConfiguration : IEntityTypeConfiguration<ForceRun>
{
    public void Configure(EntityTypeBuilder<ForceRun> builder)
    {
        builder.ToTable("forces_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.ScenarioName).HasMaxLength(ForceScenario.MaxNameLength);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Note).HasMaxLength(2000);
        builder.Property(r => r.ParticipatingMembers).HasMaxLength(4000);
        builder.Property(r => r.CreatedBy).HasMaxLength(256);
        builder.HasLabel();
        builder.HasMany(r => r.Assignments).WithOne().HasForeignKey(a => a.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Assignments).HasField("_assignments").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(r => r.Conditions);
        builder.Ignore(r => r.Inputs);
        builder.Ignore(r => r.Coverage);
        builder.Ignore(r => r.Gaps);
        builder.Ignore(r => r.ProvenOptimal);
        builder.HasIndex(r => r.CreatedAt);
        builder.HasIndex(r => r.BatchId);
    }
}

internal sealed class ForceRunAssignmentConfiguration : IEntityTypeConfiguration<ForceRunAssignment>
{
    public void Configure(EntityTypeBuilder<ForceRunAssignment> builder)
    {
        builder.ToTable("forces_run_assignments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.MemberCode).HasMaxLength(8);
        builder.Property(a => a.LineCode).HasMaxLength(16);
        builder.HasIndex(a => new { a.RunId, a.Sequence }).IsUnique();
        builder.IsAuditedUnderLabelOf<ForceRunAssignment, ForceRun>();
    }
}
