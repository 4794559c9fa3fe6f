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
        if (details?.Length > MaxDetailsLength)
        {
            details = details[..MaxDetailsLength];
        }

        return new AuditEntry
        {
            OccurredAt = AuditHash.TruncateToMicroseconds(occurredAt),
            ActorUserId = actorUserId,
            ActorName = actorName,
            ActorMember = actorMember,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Details = details,
            Origin = origin,
            TraceId = traceId,
            Label = label,
        };
    }

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
}
