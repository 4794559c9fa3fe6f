using System.Buffers.Text;
using System.Security.Cryptography;
using Entente.Infrastructure.Problems;

namespace Entente.Modules.Identity.Domain;

/// <summary>
/// A bearer token for a machine client or script. Only the SHA-256 of the secret is stored; the token text
/// (<c>ent_{id}_{secret}</c>) is shown once, when it is issued. A token acts as its user, with that user's
/// roles, member and clearance, and stops working when revoked, expired or when the user is disabled.
/// </summary>
public sealed class ApiToken
{
    public const string TokenPrefix = "ent_";
    public const int MaxNameLength = 100;

    /// <summary>Longest lifetime a token may be issued for.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    private ApiToken()
    {
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>Hex SHA-256 of the secret part.</summary>
    public string SecretHash { get; private set; } = "";

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    /// <summary>UTC; the token is refused from this instant on.</summary>
    public DateTime ExpiresAt { get; private set; }

    /// <summary>UTC; set once, never cleared.</summary>
    public DateTime? RevokedAt { get; private set; }

    public string? RevokedBy { get; private set; }

    /// <summary>UTC; updated at most once a minute to keep token use cheap.</summary>
    public DateTime? LastUsedAt { get; private set; }

    public string? LastUsedFrom { get; private set; }

    public bool IsActive(DateTime now) => RevokedAt is null && now < ExpiresAt;

    /// <summary>Issues a token; returns the entity and the token text, which is never stored.</summary>
    public static Result<(ApiToken Token, string Text)> Issue(Guid userId, string name, DateTime now, DateTime expiresAt)
    {
        name = (name ?? "").Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            return DomainError.Invalid("name", $"A token needs a name of 1 to {MaxNameLength} characters.");
        }

        if (expiresAt <= now)
        {
            return DomainError.Invalid("expiresAt", "The expiry must be in the future.");
        }

        if (expiresAt - now > MaxLifetime)
        {
            return DomainError.Invalid("expiresAt", $"A token may live at most {MaxLifetime.TotalDays:0} days.");
        }

        var secret = RandomNumberGenerator.GetBytes(32);
        var secretText = Base64Url.EncodeToString(secret);
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Name = name,
            SecretHash = HashSecret(secretText),
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        return (token, $"{TokenPrefix}{token.Id:N}_{secretText}");
    }

    public Result Revoke(DateTime now, string by)
    {
        if (RevokedAt is not null)
        {
            return new DomainError("identity.token-already-revoked", "The token was already revoked.", ErrorKind.Conflict);
        }

        RevokedAt = now;
        RevokedBy = by;
        return Result.Success;
    }

    public void MarkUsed(DateTime now, string? from)
    {
        if (LastUsedAt is null || now - LastUsedAt.Value > TimeSpan.FromMinutes(1))
        {
            LastUsedAt = now;
            LastUsedFrom = from;
        }
    }

    /// <summary>Splits <c>ent_{id}_{secret}</c>; false for anything else.</summary>
    public static bool TryParse(string? text, out Guid id, out string secret)
    {
        id = Guid.Empty;
        secret = "";
        if (text is null || !text.StartsWith(TokenPrefix, StringComparison.Ordinal) || text.Length > 120)
        {
            return false;
        }

        var rest = text.AsSpan(TokenPrefix.Length);
        var bar = rest.IndexOf('_');
        if (bar != 32 || !Guid.TryParseExact(rest[..bar], "N", out id))
        {
            return false;
        }

        secret = rest[(bar + 1)..].ToString();
        return secret.Length == 43;
    }

    /// <summary>Compares in constant time.</summary>
    public bool Matches(string secret)
    {
        var expected = Convert.FromHexString(SecretHash);
        var actual = Convert.FromHexString(HashSecret(secret));
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private static string HashSecret(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));
}
