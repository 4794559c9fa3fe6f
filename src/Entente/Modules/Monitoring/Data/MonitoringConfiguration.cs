using Entente.Infrastructure.Data;
using Entente.Modules.Monitoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entente.Modules.Monitoring.Data;

internal sealed class AgreementConfiguration : IEntityTypeConfiguration<CeasefireAgreement>
{
    public void Configure(EntityTypeBuilder<CeasefireAgreement> builder)
    {
        builder.ToTable("monitoring_agreements");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Code).HasMaxLength(CeasefireAgreement.MaxCodeLength);
        builder.Property(a => a.Name).HasMaxLength(CeasefireAgreement.MaxNameLength);
        builder.Property(a => a.Parties).HasMaxLength(CeasefireAgreement.MaxPartiesLength);
        builder.Property(a => a.Terms).HasMaxLength(CeasefireAgreement.MaxTermsLength);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasLabel();
        builder.HasIndex(a => a.Code).IsUnique();
        builder.HasMany(a => a.Geometries).WithOne().HasForeignKey(g => g.AgreementId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Geometries).HasField("_geometries").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AgreementGeometryConfiguration : IEntityTypeConfiguration<AgreementGeometry>
{
    public void Configure(EntityTypeBuilder<AgreementGeometry> builder)
    {
        builder.ToTable("monitoring_agreement_geometries");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(g => g.Name).HasMaxLength(200);
        builder.Property(g => g.Rule).HasConversion<string>().HasMaxLength(24);
        builder.Property(g => g.WeaponClasses).HasMaxLength(400);
        builder.Property(g => g.LeftSide).HasMaxLength(100);
        builder.Property(g => g.RightSide).HasMaxLength(100);
        builder.Ignore(g => g.WeaponClassList);
        builder.HasIndex(g => new { g.AgreementId, g.Version });
        builder.IsAuditedUnderLabelOf<AgreementGeometry, CeasefireAgreement>();
    }
}

internal sealed class ObservationConfiguration : IEntityTypeConfiguration<Observation>
{
    public void Configure(EntityTypeBuilder<Observation> builder)
    {
        builder.ToTable("monitoring_observations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.SourceKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Source).HasMaxLength(Observation.MaxSourceLength);
        builder.Property(o => o.SourceRef).HasMaxLength(Observation.MaxSourceRefLength);
        builder.Property(o => o.TimePrecision).HasConversion<string>().HasMaxLength(8);
        builder.Property(o => o.GeoPrecision).HasConversion<string>().HasMaxLength(12);
        builder.Property(o => o.DistanceBand).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Means).HasConversion<string>().HasMaxLength(12);
        builder.Property(o => o.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(o => o.Family).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.Weapon).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Confidence).HasConversion<string>().HasMaxLength(8);
        builder.Property(o => o.AttributedParty).HasMaxLength(Observation.MaxPartyLength);
        builder.Property(o => o.Notes).HasMaxLength(Observation.MaxNotesLength);
        builder.Property(o => o.CitationUrl).HasMaxLength(2000);
        builder.Property(o => o.Zones).HasMaxLength(2000);
        builder.Property(o => o.SideOfLine).HasMaxLength(100);
        builder.Property(o => o.Violations).HasMaxLength(4000);
        builder.Property(o => o.ContentHash).HasMaxLength(64);
        builder.Property(o => o.RecordedBy).HasMaxLength(256);
        builder.HasLabel();
        builder.HasIndex(o => new { o.Source, o.SourceRef }).IsUnique();
        builder.HasIndex(o => new { o.Family, o.ObservedFrom });
        builder.HasIndex(o => o.ObservedFrom);
        builder.HasIndex(o => o.EventId);

        // Stored in batches: one audit entry per batch binds every row's content hash (ContentHash).
        builder.HasAnnotation(AuditAnnotations.NotAudited, true);
    }
}

internal sealed class MonitoringEventConfiguration : IEntityTypeConfiguration<MonitoringEvent>
{
    public void Configure(EntityTypeBuilder<MonitoringEvent> builder)
    {
        builder.ToTable("monitoring_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Family).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Weapon).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Zones).HasMaxLength(2000);
        builder.Property(e => e.FirstConfirmedBy).HasMaxLength(256);
        builder.Ignore(e => e.Severity);
        builder.Ignore(e => e.NeedsFourEyes);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasLabel();
        builder.HasIndex(e => e.StartsAt);
        builder.HasIndex(e => new { e.Status, e.StartsAt });

        // Events are derived from observations by correlation; verification decisions are audited as events of their own.
        builder.HasAnnotation(AuditAnnotations.NotAudited, true);
    }
}

internal sealed class EventDecisionConfiguration : IEntityTypeConfiguration<EventDecision>
{
    public void Configure(EntityTypeBuilder<EventDecision> builder)
    {
        builder.ToTable("monitoring_event_decisions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Action).HasConversion<string>().HasMaxLength(24);
        builder.Property(d => d.FromStatus).HasConversion<string>().HasMaxLength(32);
        builder.Property(d => d.ToStatus).HasConversion<string>().HasMaxLength(32);
        builder.Property(d => d.Reason).HasMaxLength(EventDecision.MaxReasonLength);
        builder.Property(d => d.DecidedBy).HasMaxLength(256);
        builder.Property(d => d.DecidedByMember).HasMaxLength(8);
        builder.HasOne<MonitoringEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.EventId, d.Sequence }).IsUnique();

        // Decisions carry no label: they are read only through their event and audited under its label.
        builder.IsAuditedUnderLabelOf<EventDecision, MonitoringEvent>();
    }
}
