using Entente.Infrastructure.Data;
using Entente.Modules.Ledger.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Entente.Modules.Ledger.Data;

/// <summary>
/// Covering indexes for the ledger aggregates, created after the migrations because the EF Core 10 model cannot
/// declare an index that includes columns of a complex property (the label; efcore#31246, lifted in EF Core 11 —
/// move these into <see cref="PledgeConfiguration"/> then). Each starts with a grouping key and carries every column
/// an aggregate filters, sums or checks the label on, so that grouping by donor, by type or by day (which periods roll
/// up from) is one ordered scan of a narrow index, and any other grouping a scan of one instead of the wide pledge rows. Without them SQLite walked the
/// (donor, date) index and fetched each pledge row in that order: about 0.5–0.8 s for 100,000 pledges instead of
/// about 0.1 s (bench/Entente.Bench, docs/benchmarks.md). Column names come from the model, so a renamed property
/// renames them here too; creation is idempotent on both providers.
/// </summary>
public static class LedgerIndexes
{
    public const string ByDonor = "ix_ledger_pledges_aggregates_by_donor";
    public const string ByType = "ix_ledger_pledges_aggregates_by_type";
    public const string ByDate = "ix_ledger_pledges_aggregates_by_date";

    public static Task EnsureAsync(EntenteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return CoveringIndexes.EnsureAsync(db, Statements(db.Model), cancellationToken);
    }

    /// <summary>The <c>CREATE INDEX IF NOT EXISTS</c> statements, in SQL that SQLite and PostgreSQL both accept.</summary>
    public static IReadOnlyList<string> Statements(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var pledge = model.FindEntityType(typeof(Pledge)) ?? throw new InvalidOperationException("The model has no pledges.");
        string Column(string property) => pledge.FindProperty(property)!.GetColumnName();

        string[] covered =
        [
            Column(nameof(Pledge.Category)), Column(nameof(Pledge.Channel)), Column(nameof(Pledge.Status)),
            Column(nameof(Pledge.Kind)), Column(nameof(Pledge.IsPackage)), Column(nameof(Pledge.ValueEur)),
            Column(nameof(Pledge.CommittedEur)), Column(nameof(Pledge.AllocatedEur)), Column(nameof(Pledge.DeliveredEur)),
            Column(nameof(Pledge.DeliveryDelayDays)), .. CoveringIndexes.LabelColumns(pledge, nameof(Pledge.Label)),
        ];
        var table = pledge.GetTableName()!;
        var donor = Column(nameof(Pledge.DonorCode));
        var type = Column(nameof(Pledge.Type));
        var announced = Column(nameof(Pledge.AnnouncedOn));
        return
        [
            CoveringIndexes.Create(ByDonor, table, [donor, announced, type, .. covered]),
            CoveringIndexes.Create(ByType, table, [type, announced, donor, .. covered]),
            CoveringIndexes.Create(ByDate, table, [announced, donor, type, .. covered]),
        ];
    }
}
