namespace Entente.Infrastructure.Data;

/// <summary>
/// Contexts of their own for components that load data beside others on one page. Static server rendering
/// initialises sibling components concurrently, and one <see cref="EntenteDbContext"/> must never run two queries
/// at once (PostgreSQL's asynchronous I/O makes the overlap real). A section therefore takes a context from here:
/// it is built in the request's scope, so it has the same caller, label filter, audit trail and read-audit collector
/// as the page's own, and it is disposed with the request.
/// </summary>
public sealed class SectionDbContexts(IServiceProvider services) : IAsyncDisposable
{
    private readonly List<EntenteDbContext> _created = [];
    private readonly Lock _gate = new();

    /// <summary>A new context for one component; the request's scope disposes it.</summary>
    public EntenteDbContext Create()
    {
        var db = ActivatorUtilities.CreateInstance<EntenteDbContext>(services);
        lock (_gate)
        {
            _created.Add(db);
        }

        return db;
    }

    public async ValueTask DisposeAsync()
    {
        List<EntenteDbContext> created;
        lock (_gate)
        {
            created = [.. _created];
            _created.Clear();
        }

        foreach (var db in created)
        {
            await db.DisposeAsync();
        }
    }
}
