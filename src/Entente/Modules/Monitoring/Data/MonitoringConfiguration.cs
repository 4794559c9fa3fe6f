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
        builder.Property(o => o.Oblast).HasMaxLength(8);
        builder.Property(o => o.SideOfLine).HasMaxLength(100);
        builder.Property(o => o.Violations).HasMaxLength(4000);
        builder.Property(o => o.ContentHash).HasMaxLength(64);
        builder.Property(o => o.RecordedBy).HasMaxLength(256);
        builder.HasLabel();
        builder.HasIndex(o => new { o.Source, o.SourceRef }).IsUnique();
        builder.HasIndex(o => new { o.Family, o.ObservedFrom });

        // In the map's order (newest first, then id), so that "the newest N" reads N entries whatever else the query
        // filters on; without the id, SQLite sorted every row the label filter let through.
        builder.HasIndex(o => new { o.ObservedFrom, o.Id }).IsDescending(true, false);
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
        builder.Property(e => e.Oblast).HasMaxLength(8);
        builder.Property(e => e.FirstConfirmedBy).HasMaxLength(256);
        builder.Ignore(e => e.Severity);
        builder.Ignore(e => e.NeedsFourEyes);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasLabel();
        // In the map's order, as the observations' index on (observed_from, id) is.
        builder.HasIndex(e => new { e.StartsAt, e.Id }).IsDescending(true, false);
        builder.HasIndex(e => new { e.Status, e.StartsAt });

        // Events are derived from observations by correlation; verification decisions are audited as events of their own.
        builder.HasAnnotation(AuditAnnotations.NotAudited, true);
    }
}

internal sealed class AlertRuleConfiguration : IEntityTypeConfiguration<AlertRule>
{
    public void Configure(EntityTypeBuilder<AlertRule> builder)
    {
        builder.ToTable("monitoring_alert_rules");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Name).HasMaxLength(AlertRule.MaxNameLength);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.Region).HasMaxLength(100);
        builder.Property(r => r.AreaGeoJson).HasMaxLength(AlertRule.MaxAreaLength);
        builder.Property(r => r.CreatedBy).HasMaxLength(256);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.Window);
        builder.HasLabel();
    }
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.ToTable("monitoring_alerts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.RuleName).HasMaxLength(AlertRule.MaxNameLength);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.DedupeKey).HasMaxLength(120);
        builder.Property(a => a.Headline).HasMaxLength(Alert.MaxTextLength);
        builder.Property(a => a.Description).HasMaxLength(Alert.MaxTextLength);
        builder.Property(a => a.Area).HasMaxLength(2000);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.AcknowledgedBy).HasMaxLength(256);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasLabel();
        builder.HasIndex(a => a.DedupeKey).IsUnique();
        builder.HasIndex(a => new { a.RuleId, a.WindowTo });
        builder.HasIndex(a => a.RaisedAt);
    }
}

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("monitoring_webhook_subscriptions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Url).HasMaxLength(2000);
        builder.Property(s => s.Secret).HasMaxLength(200).HasAnnotation(AuditAnnotations.Redact, true);
        builder.Property(s => s.Member).HasMaxLength(8);
        builder.Property(s => s.CreatedBy).HasMaxLength(256);
        builder.HasAnnotation(AuditAnnotations.PlatformRecord, true);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("monitoring_webhook_deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(d => d.LastError).HasMaxLength(500);
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => new { d.SubscriptionId, d.AlertId }).IsUnique();

        // The delivery log is bookkeeping of its own; what was delivered is the alert, which is audited.
        builder.HasAnnotation(AuditAnnotations.NotAudited, true);
    }
}

internal sealed class DailyReportConfiguration : IEntityTypeConfiguration<DailyReport>
{
    public void Configure(EntityTypeBuilder<DailyReport> builder)
    {
        builder.ToTable("monitoring_daily_reports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Summary).HasMaxLength(DailyReport.MaxSummaryLength);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(r => r.EditedBy).HasMaxLength(256);
        builder.Property(r => r.ReleasedBy).HasMaxLength(256);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasLabel();
        builder.HasIndex(r => r.Day).IsUnique();
        builder.HasMany(r => r.Entries).WithOne().HasForeignKey(e => e.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Entries).HasField("_entries").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class DailyReportEntryConfiguration : IEntityTypeConfiguration<DailyReportEntry>
{
    public void Configure(EntityTypeBuilder<DailyReportEntry> builder)
    {
        builder.ToTable("monitoring_daily_report_entries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Section).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.Region).HasMaxLength(100);
        builder.Property(e => e.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Text).HasMaxLength(DailyReportEntry.MaxTextLength);
        builder.HasLabel();
        builder.HasIndex(e => new { e.ReportId, e.Section });
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
