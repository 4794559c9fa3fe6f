using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
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

    /// <summary>
    /// One entry per added, modified or deleted row of an audited entity type. Each entry carries the label of the
    /// record it describes: the row's own label, the label of the labelled record it is part of
    /// (<see cref="AuditAnnotations.LabelOwner"/>), or for platform records <see cref="UnlabelledRecordLabel"/>.
    /// </summary>
    public async Task<List<AuditEntry>> DescribeChangesAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow().UtcDateTime;
        var result = new List<AuditEntry>();
        var changed = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && AuditLabelOwners.IsAudited(e.Metadata))
            .ToList();
        OwnerLabels? owners = null;
        foreach (var entry in changed)
        {
            var details = DescribeRow(entry);
            if (details is null)
            {
                continue;
            }

            var type = entry.Metadata;
            var label = AuditLabelOwners.OwnerKey(type) is { } ownerKey
                ? await (owners ??= new OwnerLabels(db)).LabelOfPartAsync(entry, ownerKey, cancellationToken)
                : LabelOf(entry);
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
                label));
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

    /// <summary>
    /// Labels of the owners of rows audited under their owner's label, looked up among the tracked entities first
    /// (so an owner relabelled in the same save counts with both labels) and otherwise in the store, past the query
    /// filters: the label must be the stored one, not whatever the caller happens to see.
    /// </summary>
    private sealed class OwnerLabels(DbContext db)
    {
        private static readonly MethodInfo LoadMethod =
            typeof(OwnerLabels).GetMethod(nameof(LoadAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

        private Dictionary<(string Type, string Key), EntityEntry>? _tracked;

        public async Task<Label> LabelOfPartAsync(EntityEntry part, IReadOnlyForeignKey ownerKey, CancellationToken cancellationToken)
        {
            var original = ownerKey.Properties.Select(p => part.Property(p.Name).OriginalValue).ToArray();
            var current = ownerKey.Properties.Select(p => part.Property(p.Name).CurrentValue).ToArray();
            return part.State switch
            {
                EntityState.Added => await LabelAsync(ownerKey, current, cancellationToken),
                EntityState.Deleted => await LabelAsync(ownerKey, original, cancellationToken),
                _ when original.SequenceEqual(current) => await LabelAsync(ownerKey, current, cancellationToken),
                // Moved to another owner: the entry shows both, so only those who may read both read it.
                _ => AuditLabels.Join(
                    await LabelAsync(ownerKey, original, cancellationToken), await LabelAsync(ownerKey, current, cancellationToken)),
            };
        }

        private async Task<Label> LabelAsync(IReadOnlyForeignKey ownerKey, object?[] keyValues, CancellationToken cancellationToken)
        {
            if (keyValues.Any(v => v is null))
            {
                return AuditLabels.ReleasedToNobody;
            }

            var principal = ownerKey.PrincipalEntityType;
            _tracked ??= db.ChangeTracker.Entries()
                .Where(e => e.Metadata.FindPrimaryKey() is not null)
                .GroupBy(e => (e.Metadata.Name, TrackedKey(e)))
                .ToDictionary(g => g.Key, g => g.First());
            if (_tracked.TryGetValue((principal.Name, string.Join('/', keyValues.Select(FormatKey))), out var owner)
                && owner.Entity is ILabelled)
            {
                return LabelOf(owner);
            }

            var load = (Task<Label?>)LoadMethod.MakeGenericMethod(principal.ClrType)
                .Invoke(null, [db, ownerKey.PrincipalKey.Properties, keyValues, cancellationToken])!;

            // An owner that cannot be found names no audience: the entry is kept for the chain but released to nobody.
            return await load ?? AuditLabels.ReleasedToNobody;
        }

        private static string TrackedKey(EntityEntry entry) =>
            string.Join('/', entry.Metadata.FindPrimaryKey()!.Properties.Select(p => FormatKey(entry.Property(p.Name).OriginalValue)));

        private static async Task<Label?> LoadAsync<TOwner>(
            DbContext db, IReadOnlyList<IReadOnlyProperty> key, object?[] values, CancellationToken cancellationToken)
            where TOwner : class, ILabelled
        {
            var owner = Expression.Parameter(typeof(TOwner), "o");
            Expression? match = null;
            for (var i = 0; i < key.Count; i++)
            {
                var type = key[i].ClrType;
                var property = Expression.Call(typeof(EF), nameof(EF.Property), [type], owner, Expression.Constant(key[i].Name));
                var equal = Expression.Equal(property, Expression.Constant(values[i], type));
                match = match is null ? equal : Expression.AndAlso(match, equal);
            }

            var predicate = Expression.Lambda<Func<TOwner, bool>>(match!, owner);
            var found = await db.Set<TOwner>().IgnoreQueryFilters().AsNoTracking().Where(predicate).FirstOrDefaultAsync(cancellationToken);
            return found?.Label;
        }
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
