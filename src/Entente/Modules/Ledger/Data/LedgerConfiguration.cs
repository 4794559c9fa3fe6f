using Entente.Infrastructure.Data;
using Entente.Modules.Ledger.Domain;
using Entente.Modules.Registry.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entente.Modules.Ledger.Data;

internal sealed class PledgeConfiguration : IEntityTypeConfiguration<Pledge>
{
    public void Configure(EntityTypeBuilder<Pledge> builder)
    {
        builder.ToTable("ledger_pledges");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.DonorCode).HasMaxLength(8);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(p => p.Measure).HasMaxLength(PledgeDetails.MaxMeasureLength);
        builder.Property(p => p.Category).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.Item).HasMaxLength(PledgeDetails.MaxItemLength);
        builder.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(p => p.Valuation).HasConversion<string>().HasMaxLength(24);
        builder.Property(p => p.Rate).HasPrecision(18, 6);
        builder.Property(p => p.Channel).HasConversion<string>().HasMaxLength(24);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Explanation).HasMaxLength(PledgeDetails.MaxExplanationLength);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasLabel();
        builder.HasOne<Member>().WithMany().HasForeignKey(p => p.DonorCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Pledge>().WithMany().HasForeignKey(p => p.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Transitions).WithOne().HasForeignKey(t => t.PledgeId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Transitions).HasField("_transitions").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(p => p.Sources).WithOne().HasForeignKey(s => s.PledgeId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Sources).HasField("_sources").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(p => p.NewVersions);
        builder.HasIndex(p => new { p.DonorCode, p.AnnouncedOn });
        builder.HasIndex(p => p.AnnouncedOn);
        builder.HasIndex(p => p.ParentId);
        builder.HasIndex(p => new { p.Type, p.AnnouncedOn });
    }
}

internal sealed class PledgeTransitionConfiguration : IEntityTypeConfiguration<PledgeTransition>
{
    public void Configure(EntityTypeBuilder<PledgeTransition> builder)
    {
        builder.ToTable("ledger_pledge_transitions");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Stage).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Note).HasMaxLength(PledgeTransition.MaxNoteLength);
        builder.Property(t => t.RecordedBy).HasMaxLength(256);
        builder.ComplexProperty(t => t.Source, CitationColumns.Map);
        builder.HasIndex(t => new { t.PledgeId, t.Sequence }).IsUnique();
        builder.IsAuditedUnderLabelOf<PledgeTransition, Pledge>();
    }
}

internal sealed class PledgeSourceConfiguration : IEntityTypeConfiguration<PledgeSource>
{
    public void Configure(EntityTypeBuilder<PledgeSource> builder)
    {
        builder.ToTable("ledger_pledge_sources");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.ComplexProperty(s => s.Citation, CitationColumns.Map);
        builder.HasIndex(s => new { s.PledgeId, s.Position });
        builder.IsAuditedUnderLabelOf<PledgeSource, Pledge>();
    }
}

internal sealed class PledgeVersionConfiguration : IEntityTypeConfiguration<PledgeVersion>
{
    public void Configure(EntityTypeBuilder<PledgeVersion> builder)
    {
        builder.ToTable("ledger_pledge_versions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Change).HasMaxLength(16);
        builder.Property(v => v.Reason).HasMaxLength(PledgeVersion.MaxReasonLength);
        builder.Property(v => v.By).HasMaxLength(256);
        builder.Property(v => v.ByMember).HasMaxLength(8);
        builder.HasOne<Pledge>().WithMany().HasForeignKey(v => v.PledgeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => new { v.PledgeId, v.Number }).IsUnique();

        // The version history restates what the chain already holds (the pledge's, its transitions' and sources'
        // entries, under the pledge's label); it is read only through its pledge.
        builder.HasAnnotation(AuditAnnotations.NotAudited, true);
    }
}

internal sealed class StoredFxRateConfiguration : IEntityTypeConfiguration<StoredFxRate>
{
    public void Configure(EntityTypeBuilder<StoredFxRate> builder)
    {
        builder.ToTable("ledger_fx_rates");
        builder.HasKey(r => new { r.Date, r.Currency });
        builder.Property(r => r.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(r => r.UnitsPerEur).HasPrecision(18, 6);
        builder.IsAuditedAsPlatformRecord();
    }
}

internal static class CitationColumns
{
    public static void Map(ComplexPropertyBuilder<Citation> citation)
    {
        citation.Property(c => c.Url).HasMaxLength(Citation.MaxUrlLength);
        citation.Property(c => c.Publisher).HasMaxLength(Citation.MaxPublisherLength).IsRequired();
        citation.Property(c => c.Quote).HasMaxLength(Citation.MaxQuoteLength);
    }
}
