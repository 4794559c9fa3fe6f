using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Modules.Registry.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entente.Modules.Registry.Data;

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.ToTable("registry_members");
        builder.HasKey(m => m.Code);
        builder.Property(m => m.Code).HasMaxLength(8);
        builder.Property(m => m.Name).HasMaxLength(Member.MaxNameLength);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Notes).HasMaxLength(Member.MaxNotesLength);
        builder.Property(m => m.Version).IsConcurrencyToken().IsIgnoredByAudit();
        builder.HasLabel();
        builder.HasMany(m => m.Statuses).WithOne().HasForeignKey(s => s.MemberCode).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(m => m.Statuses).HasField("_statuses").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(m => m.Name);
    }
}

internal sealed class MemberStatusPeriodConfiguration : IEntityTypeConfiguration<MemberStatusPeriod>
{
    public void Configure(EntityTypeBuilder<MemberStatusPeriod> builder)
    {
        builder.ToTable("registry_member_statuses");
        builder.IsAuditedUnderLabelOf<MemberStatusPeriod, Member>();
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.MemberCode).HasMaxLength(8);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Note).HasMaxLength(MemberStatusPeriod.MaxNoteLength);
        builder.HasIndex(s => new { s.MemberCode, s.From }).IsUnique();
    }
}

internal sealed class DelegateConfiguration : IEntityTypeConfiguration<Representative>
{
    public void Configure(EntityTypeBuilder<Representative> builder)
    {
        builder.ToTable("registry_delegates");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.MemberCode).HasMaxLength(8);
        builder.Property(d => d.FullName).HasMaxLength(Representative.MaxNameLength);
        builder.Property(d => d.Position).HasMaxLength(Representative.MaxPositionLength);
        builder.Property(d => d.Email).HasMaxLength(Representative.MaxEmailLength);
        builder.Property(d => d.Phone).HasMaxLength(Representative.MaxPhoneLength);
        builder.Property(d => d.Version).IsConcurrencyToken().IsIgnoredByAudit();
        builder.HasLabel();
        builder.HasOne<Member>().WithMany().HasForeignKey(d => d.MemberCode).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.MemberCode);
    }
}

internal sealed class SecurityPolicyConfiguration : IEntityTypeConfiguration<SecurityPolicy>
{
    public void Configure(EntityTypeBuilder<SecurityPolicy> builder)
    {
        builder.ToTable("registry_security_policies");
        builder.IsAuditedAsPlatformRecord();
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(32);
        builder.Property(p => p.Name).HasMaxLength(SecurityPolicy.MaxNameLength);
        builder.Property(p => p.Description).HasMaxLength(SecurityPolicy.MaxDescriptionLength);
        builder.HasMany(p => p.Classifications).WithOne().HasForeignKey(c => c.PolicyId);
        builder.HasMany(p => p.Categories).WithOne().HasForeignKey(c => c.PolicyId);
        builder.HasData(new SecurityPolicy(
            Label.DefaultPolicy,
            "Entente default policy",
            "Classifications and categories of the coalition's shared information.",
            ClassificationLevels.ReadAuditThreshold));
    }
}

internal sealed class PolicyClassificationConfiguration : IEntityTypeConfiguration<PolicyClassification>
{
    public void Configure(EntityTypeBuilder<PolicyClassification> builder)
    {
        builder.ToTable("registry_classifications");
        builder.IsAuditedAsPlatformRecord();
        builder.HasKey(c => new { c.PolicyId, c.Rank });
        builder.Property(c => c.PolicyId).HasMaxLength(32);
        builder.Property(c => c.Code).HasMaxLength(PolicyClassification.MaxCodeLength);
        builder.Property(c => c.Name).HasMaxLength(PolicyClassification.MaxNameLength);
        builder.Property(c => c.Description).HasMaxLength(PolicyClassification.MaxDescriptionLength);
        builder.Property(c => c.Colour).HasMaxLength(7);
        builder.HasIndex(c => new { c.PolicyId, c.Code }).IsUnique();
        builder.HasData(
            new PolicyClassification(Label.DefaultPolicy, ClassificationLevels.Public, "PUBLIC", "Public",
                "May be published. The only level anonymous visitors see.", "#2e7d32"),
            new PolicyClassification(Label.DefaultPolicy, ClassificationLevels.Restricted, "RESTRICTED", "Restricted",
                "For the coalition's members and staff; disclosure would be against their interests.", "#8a5a00"),
            new PolicyClassification(Label.DefaultPolicy, ClassificationLevels.Confidential, "CONFIDENTIAL", "Confidential",
                "Disclosure would damage the coalition's interests. Every read is audited.", "#1d4ed8"),
            new PolicyClassification(Label.DefaultPolicy, ClassificationLevels.Secret, "SECRET", "Secret",
                "Disclosure would seriously damage the coalition's interests. Every read is audited.", "#b91c1c"));
    }
}

internal sealed class PolicyCategoryConfiguration : IEntityTypeConfiguration<PolicyCategory>
{
    public void Configure(EntityTypeBuilder<PolicyCategory> builder)
    {
        builder.ToTable("registry_categories");
        builder.IsAuditedAsPlatformRecord();
        builder.HasKey(c => new { c.PolicyId, c.Code });
        builder.Property(c => c.PolicyId).HasMaxLength(32);
        builder.Property(c => c.Code).HasMaxLength(PolicyCategory.MaxCodeLength);
        builder.Property(c => c.Name).HasMaxLength(PolicyCategory.MaxNameLength);
        builder.Property(c => c.Description).HasMaxLength(PolicyCategory.MaxDescriptionLength);
        builder.HasData(
            new PolicyCategory(Label.DefaultPolicy, "OPS", "Operations", "Reassurance force operations and planning."),
            new PolicyCategory(Label.DefaultPolicy, "INTEL", "Intelligence", "Assessments and sources."),
            new PolicyCategory(Label.DefaultPolicy, "FIN", "Financial", "Financial support and budgets."),
            new PolicyCategory(Label.DefaultPolicy, "PERS", "Personal data", "Data about identifiable people."));
    }
}
