using Entente.Modules.Ledger.Domain;
using Npgsql;

namespace Entente.Bench.Ledger;

/// <summary>Writes generated pledges into PostgreSQL with binary COPY (the bulk path the design allows for it).</summary>
public static class PostgresLedgerWriter
{
    public static async Task<(int Pledges, int Transitions)> WriteAsync(string connectionString, IEnumerable<Pledge> pledges)
    {
        ArgumentNullException.ThrowIfNull(pledges);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        // One COPY at a time per connection: transitions and sources are kept as rows (not as pledges, which carry
        // their version snapshots) and copied after the pledges.
        var transitions = new List<object?[]>();
        var sources = new List<object?[]>();
        var count = 0;
        await using (var importer = await connection.BeginBinaryImportAsync(Copy("ledger_pledges", LedgerRows.PledgeColumns)))
        {
            foreach (var pledge in pledges)
            {
                await WriteRowAsync(importer, LedgerRows.Pledge(pledge));
                transitions.AddRange(pledge.Transitions.Select(LedgerRows.Transition));
                sources.AddRange(pledge.Sources.Select(LedgerRows.Source));
                count++;
            }

            await importer.CompleteAsync();
        }

        await CopyAsync(connection, "ledger_pledge_transitions", LedgerRows.TransitionColumns, transitions);
        await CopyAsync(connection, "ledger_pledge_sources", LedgerRows.SourceColumns, sources);
        await transaction.CommitAsync();
        await using (var analyze = connection.CreateCommand())
        {
            // Autovacuum would analyse the new tables within a minute; do it now so the first measurements see statistics.
            analyze.CommandText = "ANALYZE ledger_pledges; ANALYZE ledger_pledge_transitions;";
            await analyze.ExecuteNonQueryAsync();
        }

        return (count, transitions.Count);
    }

    private static string Copy(string table, IReadOnlyList<string> columns) =>
        $"COPY {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";

    private static async Task CopyAsync(NpgsqlConnection connection, string table, IReadOnlyList<string> columns, List<object?[]> rows)
    {
        await using var importer = await connection.BeginBinaryImportAsync(Copy(table, columns));
        foreach (var row in rows)
        {
            await WriteRowAsync(importer, row);
        }

        await importer.CompleteAsync();
    }

    private static async Task WriteRowAsync(NpgsqlBinaryImporter importer, object?[] values)
    {
        await importer.StartRowAsync();
        foreach (var value in values)
        {
            if (value is null)
            {
                await importer.WriteNullAsync();
            }
            else
            {
                await importer.WriteAsync(value);
            }
        }
    }
}
