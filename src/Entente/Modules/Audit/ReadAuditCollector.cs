using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Modules.Audit.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Entente.Modules.Audit;

/// <summary>
/// Collects the restricted records (at or above the policy's read-audit threshold) that the current unit of work
/// materialised, and writes them to the audit chain before the response starts. Records with the same label are
/// grouped into entries of at most <see cref="RecordsPerEntry"/>; records with different labels never share one,
/// so an entry reveals nothing to a reader its label does not already allow.
/// </summary>
/// <remarks>
/// The entries are written through a context of their own, so that flushing them never saves changes the request
/// tracked but chose not to save (a form that failed validation, for instance).
/// </remarks>
public sealed class ReadAuditCollector(IServiceProvider services)
{
    /// <summary>Records named by one entry; keeps its details well below <see cref="AuditEntry.MaxDetailsLength"/>.</summary>
    public const int RecordsPerEntry = 100;

    /// <summary>Records named per label and unit of work; beyond it the entry counts the rest without naming them.</summary>
    public const int MaxRecordsPerLabel = 5_000;

    private readonly Dictionary<Label, Reads> _reads = [];
    private readonly Lock _gate = new();

    public bool HasPending
    {
        get
        {
            lock (_gate)
            {
                return _reads.Count > 0;
            }
        }
    }

    public void Record(string entityType, string entityId, Label label)
    {
        ArgumentNullException.ThrowIfNull(label);
        lock (_gate)
        {
            if (!_reads.TryGetValue(label, out var reads))
            {
                reads = new Reads();
                _reads[label] = reads;
            }

            if (!reads.Seen.Add((entityType, entityId)))
            {
                return;
            }

            if (reads.Records.Count < MaxRecordsPerLabel)
            {
                reads.Records.Add((entityType, entityId));
            }
            else
            {
                reads.Unnamed++;
            }
        }
    }

    /// <summary>Writes pending reads as audit entries and clears them.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        List<KeyValuePair<Label, Reads>> pending;
        lock (_gate)
        {
            if (_reads.Count == 0)
            {
                return;
            }

            pending = [.. _reads];
            _reads.Clear();
        }

        await using var db = ActivatorUtilities.CreateInstance<EntenteDbContext>(services);
        foreach (var (label, reads) in pending)
        {
            var chunks = reads.Records.Chunk(RecordsPerEntry).ToList();
            for (var i = 0; i < chunks.Count; i++)
            {
                var records = chunks[i];
                var single = records.Length == 1;
                object details = i == chunks.Count - 1 && reads.Unnamed > 0
                    ? new { records = records.Select(r => new { type = r.Type, id = r.Id }), unnamed = reads.Unnamed }
                    : new { records = records.Select(r => new { type = r.Type, id = r.Id }) };
                db.AppendAudit(db.AuditTrail.Event(
                    AuditActions.Read,
                    single ? records[0].Type : records.Select(r => r.Type).Distinct(StringComparer.Ordinal).Count() == 1 ? records[0].Type : null,
                    single ? records[0].Id : null,
                    details,
                    label));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed class Reads
    {
        public HashSet<(string Type, string Id)> Seen { get; } = [];

        public List<(string Type, string Id)> Records { get; } = [];

        public int Unnamed { get; set; }
    }
}

/// <summary>
/// Feeds <see cref="ReadAuditCollector"/> from every entity EF materialises, tracked or not. Audit entries count
/// as reads of their record only when they carry its content (create, update, delete); reading a read entry or an
/// event reveals no more than a reference, so the log does not feed on itself.
/// </summary>
/// <remarks>
/// Stateless, and used as the one <see cref="Instance"/>: EF builds an internal service provider per distinct set of
/// interceptor objects, so a new instance per host (tests, command-line runs in one process) would build a new one each time.
/// </remarks>
public sealed class ReadAuditInterceptor : IMaterializationInterceptor
{
    private ReadAuditInterceptor()
    {
    }

    public static ReadAuditInterceptor Instance { get; } = new();

    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        if (entity is ILabelled labelled
            && (entity is not AuditEntry audit || AuditActions.CarriesContent(audit.Action))
            && materializationData.Context is EntenteDbContext db
            && !db.CurrentScope.IsSystem
            && labelled.Label.Classification >= db.ReadAuditThreshold)
        {
            var type = materializationData.EntityType;
            var key = type.FindPrimaryKey();
            var id = key is null
                ? ""
                : string.Join('/', key.Properties.Select(p => Convert.ToString(materializationData.GetPropertyValue(p), System.Globalization.CultureInfo.InvariantCulture)));
            db.ReadAudit.Record(type.GetTableName() ?? type.ShortName(), id, labelled.Label);
        }

        return entity;
    }
}
