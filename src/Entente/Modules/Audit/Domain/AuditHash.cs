using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Entente.Modules.Audit.Domain;

/// <summary>
/// The canonical encoding and hash of audit entries. Version 1: SHA-256 over the ASCII tag
/// <c>entente-audit-v1</c> followed by each field in a fixed order, each written as a big-endian 32-bit byte
/// length (-1 for null) and its UTF-8 bytes. Numbers are invariant decimal, instants ISO 8601 UTC with six
/// fractional digits, the TLP marking its integer value. The encoding is unambiguous, so two different entries
/// never encode to the same bytes.
/// </summary>
public static class AuditHash
{
    /// <summary>PreviousHash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    private static readonly byte[] Tag = "entente-audit-v1"u8.ToArray();

    public static string Compute(AuditEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Tag);
        Field(hash, e.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(hash, FormatInstant(e.OccurredAt));
        Field(hash, e.ActorUserId?.ToString("D"));
        Field(hash, e.ActorName);
        Field(hash, e.ActorMember);
        Field(hash, e.Action);
        Field(hash, e.EntityType);
        Field(hash, e.EntityId);
        Field(hash, e.Details);
        Field(hash, e.Origin);
        Field(hash, e.TraceId);
        Field(hash, e.Label.Policy);
        Field(hash, e.Label.Classification.ToString(CultureInfo.InvariantCulture));
        Field(hash, e.Label.ReleasableTo);
        Field(hash, e.Label.SharingGroupId?.ToString("D"));
        Field(hash, e.Label.Originator);
        Field(hash, ((int)e.Label.Tlp).ToString(CultureInfo.InvariantCulture));
        Field(hash, e.Label.Categories);
        Field(hash, e.PreviousHash);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The bytes a checkpoint signature covers.</summary>
    public static byte[] CheckpointPayload(long sequence, string hash, DateTime createdAt) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"entente-audit-checkpoint-v1|{sequence}|{hash}|{FormatInstant(createdAt)}"));

    public static DateTime TruncateToMicroseconds(DateTime t)
    {
        var utc = t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime();
        return new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
    }

    public static string FormatInstant(DateTime t) =>
        TruncateToMicroseconds(t).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static void Field(IncrementalHash hash, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, -1);
            hash.AppendData(length);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
