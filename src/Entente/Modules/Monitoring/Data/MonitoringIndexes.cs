using Entente.Infrastructure.Data;
using Entente.Modules.Monitoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Entente.Modules.Monitoring.Data;

/// <summary>
/// Covering indexes for the map and dashboard queries (<see cref="Contracts.MapQuery"/>), created after the migrations
/// for the reason the ledger's are (<see cref="Ledger.Data.LedgerIndexes"/>, ADR 0010: the EF Core 10 model cannot
/// declare an index that includes the label's columns). Each starts with the column a period bounds and carries the
/// oblast, the violation flag and every label column the query filter reads, so that the counts per day and per
/// oblast of a period, and the dashboard's counts for today, read one range of a narrow index instead of fetching
/// each wide row: observations by <c>observed_from</c> (the map query bounds it from both sides), events by
/// <c>ends_at</c> (a period keeps the events that end after its start; recent periods are the ones looked at).
/// Creation is idempotent on both providers; column names come from the model.
/// </summary>
public static class MonitoringIndexes
{
    public const string ObservationsByTime = "ix_monitoring_observations_map";
    public const string EventsByEnd = "ix_monitoring_events_map";

    public static Task EnsureAsync(EntenteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return CoveringIndexes.EnsureAsync(db, Statements(db.Model), cancellationToken);
    }

    /// <summary>The <c>CREATE INDEX IF NOT EXISTS</c> statements, in SQL that SQLite and PostgreSQL both accept.</summary>
    public static IReadOnlyList<string> Statements(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var observation = model.FindEntityType(typeof(Observation)) ?? throw new InvalidOperationException("The model has no observations.");
        var monitoringEvent = model.FindEntityType(typeof(MonitoringEvent)) ?? throw new InvalidOperationException("The model has no events.");
        var labels = CoveringIndexes.LabelColumns(observation, nameof(Observation.Label));
        string O(string property) => observation.FindProperty(property)!.GetColumnName();
        string E(string property) => monitoringEvent.FindProperty(property)!.GetColumnName();
        return
        [
            CoveringIndexes.Create(ObservationsByTime, observation.GetTableName()!,
                [O(nameof(Observation.ObservedFrom)), O(nameof(Observation.ObservedTo)), O(nameof(Observation.IsViolation)),
                    O(nameof(Observation.Oblast)), .. labels]),
            CoveringIndexes.Create(EventsByEnd, monitoringEvent.GetTableName()!,
                [E(nameof(MonitoringEvent.EndsAt)), E(nameof(MonitoringEvent.StartsAt)), E(nameof(MonitoringEvent.MergedInto)),
                    E(nameof(MonitoringEvent.ObservationCount)), E(nameof(MonitoringEvent.IsViolation)), E(nameof(MonitoringEvent.Oblast)),
                    .. labels]),
        ];
    }
}
