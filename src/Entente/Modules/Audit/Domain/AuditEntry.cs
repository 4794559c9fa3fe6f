using Entente.Infrastructure.Labels;

namespace Entente.Modules.Audit.Domain;

/// <summary>
/// One entry of the append-only audit chain: who did what to which record, when (UTC, microsecond precision) and
/// from where. <see cref="Hash"/> is the SHA-256 of <see cref="PreviousHash"/> and the canonical encoding of every
/// other field (<see cref="AuditHash"/>), so altering, removing or reordering any stored entry breaks the chain
/// from that entry on. The entry carries the label of the record it concerns, and is itself read under that label.
/// </summary>
public sealed class AuditEntry : ILabelled
{
    public const int MaxDetailsLength = 16_000;
    public const int MaxActorNameLength = 256;
    public const int MaxMemberLength = 8;
    public const int MaxActionLength = 64;
    public const int MaxEntityTypeLength = 128;
    public const int MaxEntityIdLength = 256;
    public const int MaxOriginLength = 64;
    public const int MaxTraceIdLength = 64;

    private AuditEntry()
    {
    }

    /// <summary>Position in the chain, from 1, without gaps. Assigned when the entry is sealed.</summary>
    public long Sequence { get; private set; }

    /// <summary>UTC, truncated to whole microseconds so that every provider stores it exactly.</summary>
    public DateTime OccurredAt { get; private set; }

    public Guid? ActorUserId { get; private set; }

    public string ActorName { get; private set; } = "";

    public string? ActorMember { get; private set; }

    /// <summary>A verb from <see cref="AuditActions"/>.</summary>
    public string Action { get; private set; } = "";

    /// <summary>Table name of the record, such as <c>registry_members</c>; null for events about no record.</summary>
    public string? EntityType { get; private set; }

    public string? EntityId { get; private set; }

    /// <summary>JSON text describing the change or event; secrets are redacted before they get here.</summary>
    public string? Details { get; private set; }

    /// <summary>Remote address, <c>cli</c> or <c>system</c>.</summary>
    public string? Origin { get; private set; }

    public string? TraceId { get; private set; }

    public Label Label { get; private set; } = Label.Public;

    /// <summary>Hex SHA-256 of the previous entry, or 64 zeros for the first.</summary>
    public string PreviousHash { get; private set; } = "";

    /// <summary>Hex SHA-256 of this entry; empty until sealed.</summary>
    public string Hash { get; private set; } = "";

    public bool IsSealed => Hash.Length != 0;

    /// <summary>
    /// A new, unsealed entry. Text longer than its column is cut (details are replaced by a summary that is still
    /// JSON) so that an over-long actor name or key never makes the change it describes fail.
    /// </summary>
    public static AuditEntry Create(
        DateTime occurredAt,
        Guid? actorUserId,
        string actorName,
        string? actorMember,
        string action,
        string? entityType,
        string? entityId,
        string? details,
        string? origin,
        string? traceId,
        Label label)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        return new AuditEntry
        {
            OccurredAt = AuditHash.TruncateToMicroseconds(occurredAt),
            ActorUserId = actorUserId,
            ActorName = AuditText.Cut(actorName ?? "", MaxActorNameLength),
            ActorMember = AuditText.CutOrNull(actorMember, MaxMemberLength),
            Action = AuditText.Cut(action, MaxActionLength),
            EntityType = AuditText.CutOrNull(entityType, MaxEntityTypeLength),
            EntityId = AuditText.CutOrNull(entityId, MaxEntityIdLength),
            Details = details is null ? null : AuditJson.Fit(details, MaxDetailsLength),
            Origin = AuditText.CutOrNull(origin, MaxOriginLength),
            TraceId = AuditText.CutOrNull(traceId, MaxTraceIdLength),
            Label = label,
        };
    }

    /// <summary>
    /// An entry exactly as stored, for recomputing its hash. Nothing is normalised: the verifier must hash the
    /// stored values, whatever they are.
    /// </summary>
    internal static AuditEntry Restore(StoredAuditEntry stored) => new()
    {
        Sequence = stored.Sequence,
        OccurredAt = stored.OccurredAt,
        ActorUserId = stored.ActorUserId,
        ActorName = stored.ActorName,
        ActorMember = stored.ActorMember,
        Action = stored.Action,
        EntityType = stored.EntityType,
        EntityId = stored.EntityId,
        Details = stored.Details,
        Origin = stored.Origin,
        TraceId = stored.TraceId,
        Label = new Label
        {
            Policy = stored.LabelPolicy,
            Classification = stored.LabelClassification,
            ReleasableTo = stored.LabelReleasableTo,
            SharingGroupId = stored.LabelSharingGroupId,
            Originator = stored.LabelOriginator,
            Tlp = stored.LabelTlp,
            Categories = stored.LabelCategories,
        },
        PreviousHash = stored.PreviousHash,
        Hash = stored.Hash,
    };

    /// <summary>Places the entry in the chain after the entry with <paramref name="previousHash"/>.</summary>
    public void Seal(long sequence, string previousHash)
    {
        if (IsSealed)
        {
            throw new InvalidOperationException($"Audit entry {Sequence} is already sealed.");
        }

        Sequence = sequence;
        PreviousHash = previousHash;
        Hash = AuditHash.Compute(this);
    }

    /// <summary>Undoes <see cref="Seal"/> after the transaction that would have stored the entry failed.</summary>
    internal void Unseal()
    {
        Sequence = 0;
        PreviousHash = "";
        Hash = "";
    }
}

/// <summary>
/// The stored columns of an entry, read by projection so that verifying the chain is not itself recorded as a read
/// of the records the entries describe.
/// </summary>
internal sealed record StoredAuditEntry(
    long Sequence,
    DateTime OccurredAt,
    Guid? ActorUserId,
    string ActorName,
    string? ActorMember,
    string Action,
    string? EntityType,
    string? EntityId,
    string? Details,
    string? Origin,
    string? TraceId,
    string LabelPolicy,
    int LabelClassification,
    string LabelReleasableTo,
    Guid? LabelSharingGroupId,
    string? LabelOriginator,
    TlpMarking LabelTlp,
    string LabelCategories,
    string PreviousHash,
    string Hash);

/// <summary>The verbs of the audit chain.</summary>
public static class AuditActions
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Read = "read";
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignOut = "sign-out";
    public const string LockedOut = "locked-out";
    public const string TwoFactorEnabled = "two-factor-enabled";
    public const string TwoFactorDisabled = "two-factor-disabled";
    public const string TwoFactorReset = "two-factor-reset";
    public const string TokenRejected = "token-rejected";
    public const string AccessDenied = "access-denied";
    public const string Export = "export";
    public const string ChainVerified = "chain-verified";

    /// <summary>Every verb, in the order a filter offers them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Create, Update, Delete, Read, SignIn, SignInFailed, SignOut, LockedOut, TwoFactorEnabled, TwoFactorReset,
        TokenRejected, AccessDenied, Export, ChainVerified,
    ];

    /// <summary>Events an administrator watches for: failed sign-ins, lockouts, rejected tokens, denied access.</summary>
    public static IReadOnlyList<string> SecurityEvents { get; } = [SignInFailed, LockedOut, TokenRejected, AccessDenied];

    /// <summary>Verbs whose details carry a record's content (its fields), not just a reference to it.</summary>
    public static bool CarriesContent(string action) => action is Create or Update or Delete;
}
