using Entente.Infrastructure.Data;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Registry.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entente.Modules.Forces.Data;

internal sealed class OfferConfiguration : IEntityTypeConfiguration<Offer>
{
    public void Configure(EntityTypeBuilder<Offer> builder)
    {
        builder.ToTable("forces_offers");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.MemberCode).HasMaxLength(8);
        builder.Property(o => o.Capability).HasConversion<string>().HasMaxLength(32);
        builder.Property(o => o.Component).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.UnitType).HasMaxLength(Offer.MaxUnitTypeLength);
        builder.Property(o => o.Readiness).HasConversion<string>().HasMaxLength(24);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.WithdrawalReason).HasMaxLength(Offer.MaxReasonLength);
        builder.Property(o => o.Notes).HasMaxLength(Offer.MaxNotesLength);
        builder.Property(o => o.CreatedBy).HasMaxLength(256);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.ComplexProperty(o => o.Caveats, c =>
        {
            var codes = (Enum.GetValues<ForceTask>().Length + 1) * 24;
            c.Property(x => x.AllowedSectors).HasMaxLength(400).IsRequired();
            c.Property(x => x.RefusedSectors).HasMaxLength(400).IsRequired();
            c.Property(x => x.RefusedTasks).HasMaxLength(codes).IsRequired();
            c.Property(x => x.MaxRulesOfEngagement).HasConversion<string>().HasMaxLength(24);
            c.Property(x => x.CommandArrangement).HasConversion<string>().HasMaxLength(24);
            c.Property(x => x.Remarks).HasMaxLength(OfferCaveats.MaxRemarksLength);
        });
        builder.HasLabel();
        builder.HasOne<Member>().WithMany().HasForeignKey(o => o.MemberCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(o => o.Conditions).WithOne().HasForeignKey(c => c.OfferId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Conditions).HasField("_conditions").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(o => o.ReadinessPlan).WithOne().HasForeignKey(s => s.OfferId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.ReadinessPlan).HasField("_plan").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(o => o.ReadinessHistory).WithOne().HasForeignKey(m => m.OfferId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.ReadinessHistory).HasField("_readiness").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(o => o.Versions).WithOne().HasForeignKey(v => v.OfferId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Versions).HasField("_versions").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(o => o.WindowDays);
        builder.HasIndex(o => new { o.MemberCode, o.Status });
        builder.HasIndex(o => new { o.Capability, o.Status });
        builder.HasIndex(o => new { o.Component, o.Readiness });
    }
}

internal sealed class OfferConditionConfiguration : IEntityTypeConfiguration<OfferCondition>
{
    public void Configure(EntityTypeBuilder<OfferCondition> builder)
    {
        builder.ToTable("forces_offer_conditions");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Member).HasMaxLength(8);
        builder.Property(c => c.Text).HasMaxLength(Offer.MaxConditionTextLength);
        builder.HasIndex(c => new { c.OfferId, c.Sequence }).IsUnique();
        builder.HasIndex(c => new { c.Kind, c.Member });
        builder.IsAuditedUnderLabelOf<OfferCondition, Offer>();
    }
}

internal sealed class OfferPlanStepConfiguration : IEntityTypeConfiguration<OfferPlanStep>
{
    public void Configure(EntityTypeBuilder<OfferPlanStep> builder)
    {
        builder.ToTable("forces_offer_readiness_plan");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Level).HasConversion<string>().HasMaxLength(24);
        builder.HasIndex(s => new { s.OfferId, s.Sequence }).IsUnique();
        builder.IsAuditedUnderLabelOf<OfferPlanStep, Offer>();
    }
}

internal sealed class OfferReadinessMoveConfiguration : IEntityTypeConfiguration<OfferReadinessMove>
{
    public void Configure(EntityTypeBuilder<OfferReadinessMove> builder)
    {
        builder.ToTable("forces_offer_readiness");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Level).HasConversion<string>().HasMaxLength(24);
        builder.Property(m => m.Reason).HasMaxLength(Offer.MaxReasonLength);
        builder.Property(m => m.By).HasMaxLength(256);
        builder.Property(m => m.ByMember).HasMaxLength(8);
        builder.HasIndex(m => new { m.OfferId, m.Sequence }).IsUnique();
        builder.IsAuditedUnderLabelOf<OfferReadinessMove, Offer>();
    }
}

internal sealed class OfferVersionConfiguration : IEntityTypeConfiguration<OfferVersion>
{
    public void Configure(EntityTypeBuilder<OfferVersion> builder)
    {
        builder.ToTable("forces_offer_versions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Change).HasMaxLength(16);
        builder.Property(v => v.Reason).HasMaxLength(Offer.MaxReasonLength);
        builder.Property(v => v.By).HasMaxLength(256);
        builder.Property(v => v.ByMember).HasMaxLength(8);
        builder.HasIndex(v => new { v.OfferId, v.Number }).IsUnique();

        // The history restates what the chain already holds (the offer's and its rows' entries, under the offer's label).
        builder.HasAnnotation(AuditAnnotations.NotAudited, true);
    }
}
