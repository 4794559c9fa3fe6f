using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Identity.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Identity.Features;

/// <summary>A token as its owner or an administrator sees it; the secret is never shown again.</summary>
public sealed record ApiTokenSummary(
    Guid Id,
    Guid UserId,
    string Name,
    DateTime CreatedAt,
    DateTime ExpiresAt,
    DateTime? RevokedAt,
    DateTime? LastUsedAt,
    string? LastUsedFrom,
    bool IsActive);

/// <summary>Issuing, listing and revoking API tokens, shared by the command line, the account page and the API.</summary>
public static class ApiTokens
{
    public static async Task<Result<(ApiToken Token, string Text)>> IssueAsync(
        EntenteDbContext db, Guid userId, string name, DateTime expiresAt, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        var issued = ApiToken.Issue(userId, name, now, expiresAt.Kind == DateTimeKind.Unspecified
            ? DateTime.SpecifyKind(expiresAt, DateTimeKind.Utc)
            : expiresAt.ToUniversalTime());
        if (!issued.IsSuccess)
        {
            return issued.Error!;
        }

        db.ApiTokens.Add(issued.Value.Token);
        await db.SaveChangesAsync(cancellationToken);
        return issued.Value;
    }

    public static async Task<List<ApiTokenSummary>> ListAsync(EntenteDbContext db, Guid? userId, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        var query = db.ApiTokens.AsNoTracking();
        if (userId is not null)
        {
            query = query.Where(t => t.UserId == userId);
        }

        var tokens = await query.OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);
        return tokens.Select(t => ToSummary(t, now)).ToList();
    }

    /// <summary>Revokes a token; with <paramref name="ownerId"/>, only that user's token.</summary>
    public static async Task<Result> RevokeAsync(EntenteDbContext db, Guid tokenId, Guid? ownerId, string by, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && (ownerId == null || t.UserId == ownerId), cancellationToken);
        if (token is null)
        {
            return DomainError.NotFound("The token");
        }

        var result = token.Revoke(time.GetUtcNow().UtcDateTime, by);
        if (result.IsSuccess)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return result;
    }

    public static ApiTokenSummary ToSummary(ApiToken t, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new ApiTokenSummary(t.Id, t.UserId, t.Name, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt, t.LastUsedFrom, t.IsActive(now));
    }

    /// <summary>Reads an expiry given as a date (<c>2027-01-31</c>), an instant, or a duration in days (<c>90d</c>).</summary>
    public static bool TryParseExpiry(string? text, DateTime now, out DateTime expiresAt)
    {
        expiresAt = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        if (t.EndsWith('d') && int.TryParse(t[..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days) && days > 0)
        {
            expiresAt = now.AddDays(days);
            return true;
        }

        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            expiresAt = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            return true;
        }

        if (DateTimeOffset.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var instant))
        {
            expiresAt = instant.UtcDateTime;
            return true;
        }

        return false;
    }
}
