using Entente.Infrastructure.Data;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Registry.Domain;
using Entente.Modules.Summits.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entente.Modules.Summits.Data;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.ToTable("summits_meetings");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Title).HasMaxLength(Meeting.MaxTitleLength);
        builder.Property(m => m.Level).HasConversion<string>().HasMaxLength(24);
        builder.Property(m => m.Format).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Venue).HasMaxLength(Meeting.MaxVenueLength);
        builder.Property(m => m.HostMember).HasMaxLength(8);
        builder.Property(m => m.CoChairs).HasMaxLength(Meeting.MaxInvited * 10);
        builder.Property(m => m.Invited).HasMaxLength(Meeting.MaxInvited * 10);
        builder.Property(m => m.TimeZone).HasMaxLength(64);
        builder.Property(m => m.CancellationReason).HasMaxLength(1000);
        builder.Property(m => m.UpdatedBy).HasMaxLength(256);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasLabel();
        builder.HasOne<Member>().WithMany().HasForeignKey(m => m.HostMember).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(m => m.Agenda).WithOne().HasForeignKey(i => i.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(m => m.Agenda).HasField("_agenda").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(m => m.Attendance).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(m => m.Attendance).HasField("_attendance").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(m => m.CoChairCodes);
        builder.Ignore(m => m.InvitedCodes);
        builder.HasIndex(m => m.StartsAt);
        builder.HasIndex(m => new { m.Status, m.ReminderSentAt, m.StartsAt });
    }
}

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> builder)
    {
        builder.ToTable("summits_agenda_items");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Title).HasMaxLength(AgendaItem.MaxTitleLength);
        builder.Property(i => i.RapporteurMember).HasMaxLength(8);
        builder.Property(i => i.RapporteurName).HasMaxLength(AgendaItem.MaxRapporteurLength);
        builder.Property(i => i.DecidesKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.DecidesId).HasMaxLength(AgendaItem.MaxLinkIdLength);
        builder.Ignore(i => i.Decides);
        builder.HasIndex(i => new { i.MeetingId, i.Position });
        builder.HasIndex(i => new { i.DecidesKind, i.DecidesId });
        builder.IsAuditedUnderLabelOf<AgendaItem, Meeting>();
    }
}

internal sealed class MeetingAttendanceConfiguration : IEntityTypeConfiguration<MeetingAttendance>
{
    public void Configure(EntityTypeBuilder<MeetingAttendance> builder)
    {
        builder.ToTable("summits_meeting_attendance");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.MemberCode).HasMaxLength(8);
        builder.Property(a => a.Mode).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.LeadName).HasMaxLength(MeetingAttendance.MaxLeadLength);
        builder.Property(a => a.RegisteredBy).HasMaxLength(256);
        builder.HasOne<Member>().WithMany().HasForeignKey(a => a.MemberCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.MeetingId, a.MemberCode }).IsUnique();
        builder.IsAuditedUnderLabelOf<MeetingAttendance, Meeting>();
    }
}

internal sealed class MeetingDocumentConfiguration : IEntityTypeConfiguration<MeetingDocument>
{
    public void Configure(EntityTypeBuilder<MeetingDocument> builder)
    {
        builder.ToTable("summits_meeting_documents");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Title).HasMaxLength(MeetingDocument.MaxTitleLength);
        builder.Property(d => d.FileName).HasMaxLength(MeetingDocument.MaxFileNameLength);
        builder.Property(d => d.ContentType).HasMaxLength(100);
        builder.Property(d => d.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(d => d.Content).IsIgnoredByAudit();
        builder.Property(d => d.AddedBy).HasMaxLength(256);
        builder.HasLabel();
        builder.HasOne<Meeting>().WithMany().HasForeignKey(d => d.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.MeetingId);
    }
}

internal sealed class MinutesRevisionConfiguration : IEntityTypeConfiguration<MinutesRevision>
{
    public void Configure(EntityTypeBuilder<MinutesRevision> builder)
    {
        builder.ToTable("summits_minutes_revisions");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Text).HasMaxLength(MinutesRevision.MaxTextLength);
        builder.Property(r => r.By).HasMaxLength(256);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.MeetingId, r.Number }).IsUnique();
        builder.IsAuditedUnderLabelOf<MinutesRevision, Meeting>();
    }
}

internal sealed class MeetingNotificationConfiguration : IEntityTypeConfiguration<MeetingNotification>
{
    public void Configure(EntityTypeBuilder<MeetingNotification> builder)
    {
        builder.ToTable("summits_meeting_notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Kind).HasMaxLength(16);
        builder.Property(n => n.Text).HasMaxLength(500);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(n => n.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<EntenteUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);

        // The database itself refuses a second reminder for the same user and meeting.
        builder.HasIndex(n => new { n.UserId, n.MeetingId, n.Kind }).IsUnique();
        builder.IsAuditedUnderLabelOf<MeetingNotification, Meeting>();
    }
}

internal sealed class CalendarFeedTokenConfiguration : IEntityTypeConfiguration<CalendarFeedToken>
{
    public void Configure(EntityTypeBuilder<CalendarFeedToken> builder)
    {
        builder.ToTable("summits_calendar_feed_tokens");
        builder.HasKey(t => t.UserId);
        builder.Property(t => t.TokenHash).HasMaxLength(64).IsFixedLength().IsRedactedInAudit();
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasOne<EntenteUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.IsAuditedAsPlatformRecord();
    }
}
