using System.Linq.Expressions;
using Entente.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Entente.Infrastructure.Labels;

/// <summary>A labelled record found through the caller's label filter: what a thread, an attachment or a release names.</summary>
/// <param name="Kind">The record kind's stable name, for example <c>meeting</c>.</param>
/// <param name="Id">The record's identifier.</param>
/// <param name="Title">A short human title (a meeting's title, an offer's unit).</param>
/// <param name="Label">The record's current label.</param>
/// <param name="Path">The page that shows the record, if it has one.</param>
public sealed record LabelledRecordRef(string Kind, Guid Id, string Title, Label Label, string? Path);

/// <summary>
/// One kind of labelled record that other records may hang on (threads, documents) or that a release may relabel.
/// Modules register their kinds with <see cref="LabelledRecordServices.AddLabelledRecordKind{T}"/>; the Sharing
/// module reaches them only through <see cref="LabelledRecords"/>.
/// </summary>
public abstract class LabelledRecordKind
{
    /// <summary>Stable lower-case name used in URLs and API bodies (<c>meeting</c>, <c>event</c>, <c>offer</c> …).</summary>
    public abstract string Kind { get; }

    /// <summary>Human name of the kind, for example "Meeting".</summary>
    public abstract string DisplayName { get; }

    /// <summary>The record as the caller may see it, or null when it does not exist for the caller (label filter applied).</summary>
    public abstract Task<LabelledRecordRef?> FindAsync(EntenteDbContext db, Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Gives the record <paramref name="label"/> in the change tracker (the caller saves, and the save audits the change).
    /// Returns false when the record does not exist for the caller. Only a release may call this: it bypasses the
    /// owning aggregate's own relabelling rules on purpose, because an approved release is the authority to relabel.
    /// </summary>
    public abstract Task<bool> RelabelAsync(EntenteDbContext db, Guid id, Label label, CancellationToken cancellationToken);
}

/// <summary>The registered record kinds, by name.</summary>
public sealed class LabelledRecords(IEnumerable<LabelledRecordKind> kinds)
{
    private readonly Dictionary<string, LabelledRecordKind> _kinds =
        kinds.ToDictionary(k => k.Kind, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every registered kind, ordered by name.</summary>
    public IReadOnlyList<LabelledRecordKind> Kinds => [.. _kinds.Values.OrderBy(k => k.Kind, StringComparer.Ordinal)];

    public LabelledRecordKind? Of(string? kind) =>
        kind is not null && _kinds.TryGetValue(kind.Trim(), out var k) ? k : null;

    /// <summary>The record through the caller's label filter, or null when the kind is unknown or the record is not there for the caller.</summary>
    public Task<LabelledRecordRef?> FindAsync(EntenteDbContext db, string kind, Guid id, CancellationToken cancellationToken) =>
        Of(kind) is { } k ? k.FindAsync(db, id, cancellationToken) : Task.FromResult<LabelledRecordRef?>(null);
}

/// <summary>A record kind backed by an EF Core entity with a <see cref="Guid"/> key named <c>Id</c>.</summary>
internal sealed class EntityRecordKind<T>(string kind, string displayName, Expression<Func<T, string>> title, string? pathTemplate)
    : LabelledRecordKind
    where T : class, ILabelled
{
    public override string Kind => kind;

    public override string DisplayName => displayName;

    public override async Task<LabelledRecordRef?> FindAsync(EntenteDbContext db, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await db.Set<T>().AsNoTracking().Where(ById(id))
            .Select(Project()).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new LabelledRecordRef(kind, id, row.Title, row.Label, pathTemplate?.Replace("{id}", id.ToString(), StringComparison.Ordinal));
    }

    public override async Task<bool> RelabelAsync(EntenteDbContext db, Guid id, Label label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(label);
        var entity = await db.Set<T>().Where(ById(id)).FirstOrDefaultAsync(cancellationToken);
        if (entity is null)
        {
            return false;
        }

        db.Entry(entity).ComplexProperty(e => e.Label).CurrentValue = label;
        return true;
    }

    private static Expression<Func<T, bool>> ById(Guid id) => e => EF.Property<Guid>(e, "Id") == id;

    private Expression<Func<T, Row>> Project()
    {
        // e => new Row { Title = <title>(e), Label = e.Label }, built once per call from the registered title expression.
        var e = title.Parameters[0];
        var body = Expression.MemberInit(
            Expression.New(typeof(Row)),
            Expression.Bind(typeof(Row).GetProperty(nameof(Row.Title))!, title.Body),
            Expression.Bind(typeof(Row).GetProperty(nameof(Row.Label))!, Expression.Property(e, nameof(ILabelled.Label))));
        return Expression.Lambda<Func<T, Row>>(body, e);
    }

    private sealed class Row
    {
        public string Title { get; init; } = "";

        public Label Label { get; init; } = Label.Public;
    }
}

public static class LabelledRecordServices
{
    /// <summary>
    /// Registers <typeparamref name="T"/> as a record kind named <paramref name="kind"/>.
    /// <paramref name="pathTemplate"/> is the record's page with <c>{id}</c> for its identifier.
    /// </summary>
    public static IServiceCollection AddLabelledRecordKind<T>(
        this IServiceCollection services, string kind, string displayName, Expression<Func<T, string>> title, string? pathTemplate)
        where T : class, ILabelled
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<LabelledRecordKind>(new EntityRecordKind<T>(kind, displayName, title, pathTemplate));
        services.AddSingleton<LabelledRecords>();
        return services;
    }
}
