using Entente.Modules.Sharing.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Infrastructure.Data;

/// <summary>Sharing, messages and threads: the sets and the label filter of a message's earlier texts.</summary>
public sealed partial class EntenteDbContext
{
    /// <summary>Messages in the threads of labelled records; each carries its own label.</summary>
    public DbSet<Message> Messages => Set<Message>();

    /// <summary>Read through <see cref="Messages"/> only: a revision carries no label of its own.</summary>
    public DbSet<MessageRevision> MessageRevisions => Set<MessageRevision>();

    /// <summary>A message's earlier texts are visible only to whoever may read the message.</summary>
    private void ConfigureMessageFilters(ModelBuilder builder)
    {
        builder.Entity<MessageRevision>().HasQueryFilter(LabelFilter, r => Set<Message>().Any(m => m.Id == r.MessageId));
    }
}
