using Entente.Modules.Summits.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Infrastructure.Data;

/// <summary>Summits, part A: meetings, their agendas, attendance, documents, minutes, reminders and calendar feeds.</summary>
public sealed partial class EntenteDbContext
{
    public DbSet<Meeting> Meetings => Set<Meeting>();

    /// <summary>Read through <see cref="Meetings"/> only: agenda items carry no label of their own.</summary>
    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();

    /// <summary>Read through <see cref="Meetings"/> only.</summary>
    public DbSet<MeetingAttendance> MeetingAttendance => Set<MeetingAttendance>();

    /// <summary>Each document has its own label, never less restrictive than its meeting's.</summary>
    public DbSet<MeetingDocument> MeetingDocuments => Set<MeetingDocument>();

    /// <summary>Read through <see cref="Meetings"/> only.</summary>
    public DbSet<MinutesRevision> MinutesRevisions => Set<MinutesRevision>();

    /// <summary>Visible only while the user may still read the meeting.</summary>
    public DbSet<MeetingNotification> MeetingNotifications => Set<MeetingNotification>();

    public DbSet<CalendarFeedToken> CalendarFeedTokens => Set<CalendarFeedToken>();

    /// <summary>Rows that belong to a meeting are visible only with their meeting.</summary>
    private void ConfigureMeetingFilters(ModelBuilder builder)
    {
        builder.Entity<AgendaItem>().HasQueryFilter(LabelFilter, i => Set<Meeting>().Any(m => m.Id == i.MeetingId));
        builder.Entity<MeetingAttendance>().HasQueryFilter(LabelFilter, a => Set<Meeting>().Any(m => m.Id == a.MeetingId));
        builder.Entity<MinutesRevision>().HasQueryFilter(LabelFilter, r => Set<Meeting>().Any(m => m.Id == r.MeetingId));
        builder.Entity<MeetingNotification>().HasQueryFilter(LabelFilter, n => Set<Meeting>().Any(m => m.Id == n.MeetingId));
    }
}
