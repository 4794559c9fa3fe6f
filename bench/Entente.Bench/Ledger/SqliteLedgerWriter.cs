using System.Globalization;
using Entente.Modules.Ledger.Domain;
using Microsoft.Data.Sqlite;

namespace Entente.Bench.Ledger;

/// <summary>
/// Writes generated pledges with their transitions and sources straight into the tables the migrations created,
/// through prepared statements in one transaction (the bulk path the design allows for SQLite). Values are written
/// as EF Core's SQLite provider stores them: GUIDs as upper-case text, decimals as invariant text, dates as ISO 8601.
/// Versions are not written: aggregates never read them, and half a million JSON snapshots would only grow the file.
/// </summary>
public sealed class SqliteLedgerWriter : IDisposable
{
    private readonly SqliteTransaction _transaction;
    private readonly SqliteCommand _pledge;
    private readonly SqliteCommand _transition;
    private readonly SqliteCommand _source;

    public SqliteLedgerWriter(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _transaction = connection.BeginTransaction();
        _pledge = Prepare(connection, "ledger_pledges", LedgerRows.PledgeColumns);
        _transition = Prepare(connection, "ledger_pledge_transitions", LedgerRows.TransitionColumns);
        _source = Prepare(connection, "ledger_pledge_sources", LedgerRows.SourceColumns);
    }

    public int Pledges { get; private set; }

    public int Transitions { get; private set; }

    public void Write(Pledge pledge)
    {
        ArgumentNullException.ThrowIfNull(pledge);
        Run(_pledge, LedgerRows.Pledge(pledge));
        foreach (var transition in pledge.Transitions)
        {
            Run(_transition, LedgerRows.Transition(transition));
        }

        foreach (var source in pledge.Sources)
        {
            Run(_source, LedgerRows.Source(source));
        }

        Pledges++;
        Transitions += pledge.Transitions.Count;
    }

    public void Commit() => _transaction.Commit();

    public void Dispose()
    {
        _pledge.Dispose();
        _transition.Dispose();
        _source.Dispose();
        _transaction.Dispose();
    }

    private SqliteCommand Prepare(SqliteConnection connection, string table, IReadOnlyList<string> columns)
    {
        var command = connection.CreateCommand();
        command.Transaction = _transaction;
#pragma warning disable CA2100 // Table and column names are constants; every value is a parameter.
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
#pragma warning restore CA2100
        for (var i = 0; i < columns.Count; i++)
        {
            command.Parameters.Add(new SqliteParameter($"$p{i}", DBNull.Value));
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                Guid id => id.ToString().ToUpperInvariant(),
                decimal d => d.ToString("0.0###########################", CultureInfo.InvariantCulture),
                var value => value,
            };
        }

        command.ExecuteNonQuery();
    }
}
