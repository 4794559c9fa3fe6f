using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Modules.Audit.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Entente.Modules.Audit;

/// <summary>
/// Collects the restricted records (at or above the policy's read-audit threshold) that the current unit of work
/// materialised, and writes them to the audit chain before the response starts. Records with the same label are
/// grouped into one entry; records with different labels never share one, so an entry reveals nothing to a reader
/// its label does not already allow.
/// </summary>
public sealed class ReadAuditCollector
{
    private readonly Dictionary<Label, List<(string Type, string Id)>> _reads = [];
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
        lock (_gate)
        {
            if (!_reads.TryGetValue(label, out var list))
            {
                list = [];
                _reads[label] = list;
            }

            if (list.Count < 1000 && !list.Contains((entityType, entityId)))
            {
                list.Add((entityType, entityId));
            }
        }
    }

    /// <summary>Writes pending reads as audit entries and clears them.</summary>
    public async Task FlushAsync(EntenteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        List<KeyValuePair<Label, List<(string Type, string Id)>>> pending;
        lock (_gate)
        {
            if (_reads.Count == 0)
            {
                return;
            }

            pending = [.. _reads];
            _reads.Clear();
        }

        foreach (var (label, records) in pending)
        {
            var single = records.Count == 1 ? records[0] : default;
            db.AppendAudit(db.AuditTrail.Event(
                AuditActions.Read,
                records.Count == 1 ? single.Type : null,
                records.Count == 1 ? single.Id : null,
                new { records = records.Select(r => new { type = r.Type, id = r.Id }) },
                label));
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Feeds <see cref="ReadAuditCollector"/> from every entity EF materialises, tracked or not.</summary>
public sealed class ReadAuditInterceptor : IMaterializationInterceptor
{
    /// <summary>The interceptor keeps no state (it reads the context of each materialisation), so one serves every context.</summary>
    public static ReadAuditInterceptor Instance { get; } = new();

    private ReadAuditInterceptor()
    {
    }

    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        if (entity is ILabelled labelled
            && entity is not AuditEntry
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
