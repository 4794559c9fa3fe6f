using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Entente.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Entente.Modules.Monitoring.Data;

/// <summary>
/// Inserts new rows of an entity without change tracking: prepared multi-row <c>INSERT</c> statements on the
/// context's connection and current transaction, with columns, conversions and parameter types taken from the EF
/// model, so the stored values are exactly what <c>SaveChangesAsync</c> would have written. Only for entities the
/// audit does not describe row by row (their batch writes its own audit entry) and that have no generated values.
/// </summary>
internal static class BulkRows
{
    /// <summary>Parameters per statement on PostgreSQL (its limit is 65,535).</summary>
    private const int MaxParametersPostgres = 16_000;

    /// <summary>
    /// Parameters per statement on SQLite: one row's, because binding a named parameter looks its name up among all of
    /// the statement's, so binding a multi-row statement costs more than stepping a prepared one-row statement again.
    /// </summary>
    private const int MaxParametersSqlite = 1;

    private static readonly ConcurrentDictionary<(IModel, Type), Table> Tables = new();

    private sealed record Column(string Name, RelationalTypeMapping Mapping, Func<object, object?> Get);

    private sealed record Table(string Name, IReadOnlyList<Column> Columns);

    public static async Task InsertAsync<T>(EntenteDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var table = Tables.GetOrAdd((db.Model, typeof(T)), key => Describe(db, key.Item2));
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk rows are written inside the caller's transaction, with its audit entry.");
        var perStatement = Math.Max(1, (db.IsPostgres ? MaxParametersPostgres : MaxParametersSqlite) / table.Columns.Count);
        DbCommand? full = null;
        try
        {
            for (var start = 0; start < rows.Count; start += perStatement)
            {
                var count = Math.Min(perStatement, rows.Count - start);
                if (count == perStatement)
                {
                    // Full chunks reuse one prepared statement; only the values change.
                    if (full is null)
                    {
                        full = Command(connection, transaction, table, rows, start, count);
                        await full.PrepareAsync(cancellationToken);
                    }
                    else
                    {
                        SetValues(full, table, rows, start, count);
                    }

                    await full.ExecuteNonQueryAsync(cancellationToken);
                }
                else
                {
                    await using var last = Command(connection, transaction, table, rows, start, count);
                    await last.ExecuteNonQueryAsync(cancellationToken);
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }
    }

    private static DbCommand Command<T>(DbConnection connection, DbTransaction transaction, Table table, IReadOnlyList<T> rows, int start, int count)
        where T : class
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder(table.Name.Length + (count * table.Columns.Count * 8));
        sql.Append("INSERT INTO ").Append(table.Name).Append(" (")
            .AppendJoin(", ", table.Columns.Select(c => c.Name)).Append(") VALUES ");
        var n = 0;
        for (var r = 0; r < count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var column = table.Columns[c];
                var name = string.Create(CultureInfo.InvariantCulture, $"@p{n++}");
                sql.Append(c == 0 ? "" : ", ").Append(name);
                command.Parameters.Add(column.Mapping.CreateParameter(command, name, column.Get(rows[start + r]), nullable: true));
            }

            sql.Append(')');
        }

#pragma warning disable CA2100 // Table and column names come from the EF model; every value is a parameter.
        command.CommandText = sql.ToString();
#pragma warning restore CA2100
        return command;
    }

    private static void SetValues<T>(DbCommand command, Table table, IReadOnlyList<T> rows, int start, int count)
        where T : class
    {
        var n = 0;
        for (var r = 0; r < count; r++)
        {
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var column = table.Columns[c];
                var value = column.Get(rows[start + r]);
                if (value is not null && column.Mapping.Converter is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }

                command.Parameters[n++].Value = value ?? DBNull.Value;
            }
        }
    }

    private static Table Describe(EntenteDbContext db, Type type)
    {
        var entityType = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
        var store = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = new List<Column>();
        foreach (var property in entityType.GetProperties())
        {
            if (property.IsShadowProperty() || property.ValueGenerated != ValueGenerated.Never && !property.IsKey())
            {
                throw new InvalidOperationException($"{type.Name}.{property.Name} is generated or shadow; write {type.Name} through the context.");
            }

            var getter = property.GetGetter();
            columns.Add(new Column(sql.DelimitIdentifier(property.GetColumnName(store)!), (RelationalTypeMapping)property.GetTypeMapping(), getter.GetClrValueUsingContainingEntity));
        }

        foreach (var complex in entityType.GetComplexProperties())
        {
            foreach (var property in complex.ComplexType.GetProperties())
            {
                var getter = property.GetGetter();
                columns.Add(new Column(sql.DelimitIdentifier(property.GetColumnName(store)!), (RelationalTypeMapping)property.GetTypeMapping(), getter.GetClrValueUsingContainingEntity));
            }
        }

        return new Table(sql.DelimitIdentifier(store.Name, store.Schema), columns);
    }
}
