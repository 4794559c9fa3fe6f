using Entente.Modules.Summits.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Infrastructure.Data;

/// <summary>Summits, action items: the sets and the label filters of the rows that belong to an action item.</summary>
public sealed partial class EntenteDbContext
{
    public DbSet<ActionItem> ActionItems => Set<ActionItem>();

    /// <summary>Read through <see cref="ActionItems"/> only: status changes carry no label of their own.</summary>
    public DbSet<ActionStatusChange> ActionStatusChanges => Set<ActionStatusChange>();

    /// <summary>Read through <see cref="ActionItems"/> only: notes carry no label of their own.</summary>
    public DbSet<ActionNote> ActionNotes => Set<ActionNote>();

    /// <summary>Overdue notices; each is visible only with its action item.</summary>
    public DbSet<ActionNotice> ActionNotices => Set<ActionNotice>();

    /// <summary>Rows of an action item are visible only to whoever may read the item.</summary>
    private void ConfigureActionItemFilters(ModelBuilder builder)
    {
        builder.Entity<ActionStatusChange>().HasQueryFilter(LabelFilter, c => Set<ActionItem>().Any(a => a.Id == c.ActionItemId));
        builder.Entity<ActionNote>().HasQueryFilter(LabelFilter, n => Set<ActionItem>().Any(a => a.Id == n.ActionItemId));
        builder.Entity<ActionNotice>().HasQueryFilter(LabelFilter, n => Set<ActionItem>().Any(a => a.Id == n.ActionItemId));
    }
}
