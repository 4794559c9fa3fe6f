using Entente.Infrastructure.Labels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Entente.Infrastructure.Data;

/// <summary>
/// What the modules' covering indexes share (ADR 0010: created after the migrations, because the EF Core 10 model
/// cannot declare an index over a complex property's columns): idempotent <c>CREATE INDEX IF NOT EXISTS</c> in SQL that
/// SQLite and PostgreSQL both accept, and the label columns the query filter reads.
/// </summary>
public static class CoveringIndexes
{
    public static async Task EnsureAsync(EntenteDbContext db, IEnumerable<string> statements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(statements);
        foreach (var statement in statements)
        {
            await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
        }
    }

    /// <summary>The columns of <paramref name="entity"/>'s label that the label filter reads, as named in the model.</summary>
    public static string[] LabelColumns(IEntityType entity, string labelProperty)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var label = entity.FindComplexProperty(labelProperty)?.ComplexType
            ?? throw new InvalidOperationException($"{entity.DisplayName()} has no label {labelProperty}.");
        string Column(string property) => label.FindProperty(property)!.GetColumnName();
        return
        [
            Column(nameof(Label.Classification)), Column(nameof(Label.Originator)), Column(nameof(Label.SharingGroupId)),
            Column(nameof(Label.ReleasableTo)),
        ];
    }

    public static string Create(string name, string table, IEnumerable<string> columns) =>
        $"CREATE INDEX IF NOT EXISTS \"{name}\" ON \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))});";
}
