using System.Globalization;
using System.Text.Json;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Security;
using Entente.Modules.Audit.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Entente.Modules.Audit;

/// <summary>
/// Turns tracked changes into audit entries and seals entries into the hash chain. Called by
/// <see cref="EntenteDbContext.SaveChangesAsync(bool, CancellationToken)"/> inside the transaction of the change,
/// so a change and its audit entry are stored together or not at all.
/// </summary>
public sealed class AuditTrail(Caller caller, TimeProvider time)
{
    /// <summary>Label of entries about records that carry none (user accounts, settings).</summary>
    public static readonly Label UnlabelledRecordLabel = Label.Create(ClassificationLevels.Restricted, tlp: TlpMarking.Amber);

    /// <summary>Key of the PostgreSQL transaction-level advisory lock that serialises appends to the chain.</summary>
    private const long ChainLockKey = 0x656e74656e7465; // "entente"

    /// <summary>Creates an entry for an event that is not a row change (sign-in, export, denied access).</summary>
    public AuditEntry Event(string action, string? entityType = null, string? entityId = null, object? details = null, Label? label = null) =>
        AuditEntry.Create(
            time.GetUtcNow().UtcDateTime,
            caller.UserId,
            caller.ActorName,
            caller.Member,
            action,
            entityType,
            entityId,
            details is null ? null : JsonSerializer.Serialize(details, AuditJson.Options),
            caller.Origin,
            caller.TraceId,
            label ?? UnlabelledRecordLabel);

    /// <summary>One entry per added, modified or deleted row of an audited entity type.</summary>
    public List<AuditEntry> DescribeChanges(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow().UtcDateTime;
        var result = new List<AuditEntry>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var type = entry.Metadata;
            if (type.FindAnnotation(AuditAnnotations.NotAudited)?.Value is true)
            {
                continue;
            }

            var details = DescribeRow(entry);
            if (details is null)
            {
                continue;
            }

            var action = entry.State switch
            {
                EntityState.Added => AuditActions.Create,
                EntityState.Deleted => AuditActions.Delete,
                _ => AuditActions.Update,
            };
            result.Add(AuditEntry.Create(
                now,
                caller.UserId,
                caller.ActorName,
                caller.Member,
                action,
                type.GetTableName() ?? type.ShortName(),
                KeyOf(entry),
                details,
                caller.Origin,
                caller.TraceId,
                LabelOf(entry)));
        }

        return result;
    }

    /// <summary>
    /// Assigns sequence numbers and hashes, continuing the stored chain. Must run inside the transaction that
    /// stores the entries; on PostgreSQL it takes an advisory lock so concurrent writers (and other instances)
    /// append one after the other. SQLite transactions are already exclusive for writers.
    /// </summary>
    public async Task SealAsync(EntenteDbContext db, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entries);
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ChainLockKey})", cancellationToken);
        }

        var head = await db.AuditEntries
            .IgnoreQueryFilters()
            .AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        var sequence = head?.Sequence ?? 0;
        var previous = head?.Hash ?? AuditHash.Genesis;
        foreach (var entry in entries)
        {
            entry.Seal(++sequence, previous);
            previous = entry.Hash;
        }
    }

    /// <summary>The primary key as text (parts joined by <c>/</c>), or null while the store has not generated it yet.</summary>
    private static string? KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        if (key is null)
        {
            return null;
        }

        var parts = new List<string>(key.Properties.Count);
        foreach (var property in key.Properties)
        {
            var value = entry.Property(property.Name);
            if (value.IsTemporary)
            {
                // A database-generated key is only known after the insert; a temporary value would name nothing.
                return null;
            }

            parts.Add(FormatKey(value.CurrentValue));
        }

        return string.Join('/', parts);
    }

    private static string FormatKey(object? value) => value switch
    {
        null => "",
        Guid g => g.ToString("D"),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>
    /// The label of the entry: the record's label, or for an update that relabels the record, a label that only
    /// those who could read it both before and after satisfy, since the entry shows both the old and new values.
    /// </summary>
    private static Label LabelOf(EntityEntry entry)
    {
        if (entry.Entity is not ILabelled labelled)
        {
            return UnlabelledRecordLabel;
        }

        var complex = entry.ComplexProperty(nameof(ILabelled.Label));
        return entry.State switch
        {
            EntityState.Deleted => OriginalLabel(complex),
            EntityState.Modified when complex.IsModified => AuditLabels.Join(OriginalLabel(complex), labelled.Label),
            _ => labelled.Label,
        };
    }

    private static Label OriginalLabel(ComplexPropertyEntry complex) => new()
    {
        Policy = (string)complex.Property(nameof(Label.Policy)).OriginalValue!,
        Classification = (int)complex.Property(nameof(Label.Classification)).OriginalValue!,
        ReleasableTo = (string)complex.Property(nameof(Label.ReleasableTo)).OriginalValue!,
        SharingGroupId = (Guid?)complex.Property(nameof(Label.SharingGroupId)).OriginalValue,
        Originator = (string?)complex.Property(nameof(Label.Originator)).OriginalValue,
        Tlp = (TlpMarking)complex.Property(nameof(Label.Tlp)).OriginalValue!,
        Categories = (string)complex.Property(nameof(Label.Categories)).OriginalValue!,
    };

    /// <summary>JSON describing the row change, or null when only bookkeeping properties changed.</summary>
    private static string? DescribeRow(EntityEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, AuditJson.WriterOptions))
        {
            json.WriteStartObject();
            var any = false;
            switch (entry.State)
            {
                case EntityState.Added:
                    json.WriteStartObject("set");
                    foreach (var p in AllProperties(entry))
                    {
                        json.WritePropertyName(p.Name);
                        WriteValue(json, p.Metadata, p.Current);
                        any = true;
                    }

                    json.WriteEndObject();
                    break;
                case EntityState.Deleted:
                    json.WriteStartObject("removed");
                    foreach (var p in AllProperties(entry))
                    {
                        json.WritePropertyName(p.Name);
                        WriteValue(json, p.Metadata, p.Original);
                        any = true;
                    }

                    json.WriteEndObject();
                    break;
                default:
                    json.WriteStartObject("changed");
                    foreach (var p in AllProperties(entry).Where(p => p.IsModified && !Equals(p.Original, p.Current)))
                    {
                        if (p.Metadata.FindAnnotation(AuditAnnotations.Ignore)?.Value is true)
                        {
                            continue;
                        }

                        json.WriteStartObject(p.Name);
                        json.WritePropertyName("from");
                        WriteValue(json, p.Metadata, p.Original);
                        json.WritePropertyName("to");
                        WriteValue(json, p.Metadata, p.Current);
                        json.WriteEndObject();
                        any = true;
                    }

                    json.WriteEndObject();
                    break;
            }

            json.WriteEndObject();
            json.Flush();
            if (!any)
            {
                return null;
            }
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static IEnumerable<PropertyValue> AllProperties(EntityEntry entry)
    {
        foreach (var p in entry.Properties)
        {
            yield return new PropertyValue(
                JsonNamingPolicy.CamelCase.ConvertName(p.Metadata.Name), p.Metadata, p.OriginalValue, p.CurrentValue, p.IsModified);
        }

        foreach (var complex in entry.ComplexProperties)
        {
            var prefix = JsonNamingPolicy.CamelCase.ConvertName(complex.Metadata.Name) + ".";
            foreach (var p in complex.Properties)
            {
                yield return new PropertyValue(
                    prefix + JsonNamingPolicy.CamelCase.ConvertName(p.Metadata.Name), p.Metadata, p.OriginalValue, p.CurrentValue, p.IsModified);
            }
        }
    }

    private static void WriteValue(Utf8JsonWriter json, IPropertyBase property, object? value)
    {
        if (property.FindAnnotation(AuditAnnotations.Redact)?.Value is true)
        {
            json.WriteStringValue(value is null ? null : "[redacted]");
            return;
        }

        if (value is null)
        {
            json.WriteNullValue();
            return;
        }

        JsonSerializer.Serialize(json, value, value.GetType(), AuditJson.Options);
    }

    private readonly record struct PropertyValue(string Name, IPropertyBase Metadata, object? Original, object? Current, bool IsModified);
}
