using System.Data.Common;
using Entente.Infrastructure.Labels;
using Entente.Modules.Ledger.Features;

namespace Entente.Bench.Ledger;

/// <summary>One group as the baseline computes it; money in euro cents.</summary>
public sealed record SqlGroup(string Key, string? Name, int Pledges, long Announced, long Committed, long Allocated, long Delivered, double? AverageDelay);

/// <summary>
/// The baseline: the ledger aggregates written by hand in SQL and read through ADO.NET — the same pledges (the
/// default filter: aid only, packages counted through their tranches), the same sums, and the label rule as the
/// query filter states it, for callers other than the platform itself.
/// </summary>
public static class PlainSqlAggregates
{
    public static async Task<List<SqlGroup>> QueryAsync(DbConnection connection, bool postgres, LedgerGrouping groupBy, AccessScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(scope);
        // Periods are summed by day and the days rolled up, as the product does (so both read the same index).
        var (key, rollUp) = groupBy switch
        {
            LedgerGrouping.Donor => ("p.donor_code", "d.k"),
            LedgerGrouping.Type => ("p.type", "d.k"),
            LedgerGrouping.Month => ("p.announced_on", postgres ? "to_char(d.k, 'YYYY-MM')" : "substr(d.k, 1, 7)"),
            _ => throw new ArgumentOutOfRangeException(nameof(groupBy), groupBy, "The baseline covers donor, type and month."),
        };
        var labels = scope.IsSystem
            ? ""
            : postgres
                ? """
                   AND p.label_classification <= @clearance
                   AND (p.label_releasable_to = '' OR p.label_originator = @member OR strpos(p.label_releasable_to, @token) > 0)
                   AND p.label_sharing_group_id IS NULL
                  """
                : """
                   AND p.label_classification <= @clearance
                   AND (p.label_releasable_to = '' OR p.label_originator = @member OR instr(p.label_releasable_to, @token) > 0)
                   AND p.label_sharing_group_id IS NULL
                  """;
        if (!scope.IsSystem && scope.SharingGroups.Count > 0)
        {
            throw new NotSupportedException("The baseline's caller belongs to no sharing group.");
        }

        var big = postgres ? "::bigint" : "";
        var real = postgres ? "::float8" : " * 1.0";
        var sql = $"""
            SELECT g.k, m.name, g.n, g.announced, g.committed, g.allocated, g.delivered, g.delay
            FROM (
                SELECT {rollUp} AS k, sum(d.n){big} AS n, sum(d.announced){big} AS announced, sum(d.committed){big} AS committed,
                       sum(d.allocated){big} AS allocated, sum(d.delivered){big} AS delivered,
                       sum(d.delay_days){real} / nullif(sum(d.delay_count), 0) AS delay
                FROM (
                    SELECT {key} AS k, count(*) AS n,
                           coalesce(sum(coalesce(p.value_eur, 0)), 0) AS announced,
                           coalesce(sum(p.committed_eur), 0) AS committed,
                           coalesce(sum(p.allocated_eur), 0) AS allocated,
                           coalesce(sum(p.delivered_eur), 0) AS delivered,
                           coalesce(sum(p.delivery_delay_days), 0) AS delay_days,
                           count(p.delivery_delay_days) AS delay_count
                    FROM ledger_pledges p
                    WHERE p.kind = 'Aid' AND NOT p.is_package{labels}
                    GROUP BY {key}
                ) d
                GROUP BY {rollUp}
            ) g
            LEFT JOIN registry_members m ON m.code = g.k
            """;
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Built from constants above; the caller's values are parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        if (!scope.IsSystem)
        {
            Add(command, "clearance", scope.Clearance);
            Add(command, "member", (object?)scope.Member ?? DBNull.Value);
            Add(command, "token", scope.MemberToken);
        }

        var rows = new List<SqlGroup>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SqlGroup(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), Convert.ToInt32(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
                reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetDouble(7)));
        }

        return rows;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
