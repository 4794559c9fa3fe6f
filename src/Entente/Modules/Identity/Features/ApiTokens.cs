using System.Globalization;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Identity.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Identity.Features;

/// <summary>A token as its owner or an administrator sees it; the secret is never shown again. Instants are UTC.</summary>
public sealed record ApiTokenSummary(
    Guid Id,
    Guid UserId,
    string UserName,
    string Name,
    DateTime CreatedAt,
    DateTime ExpiresAt,
    DateTime? RevokedAt,
    string? RevokedBy,
    DateTime? LastUsedAt,
    string? LastUsedFrom,
    ApiTokenState State)
{
    public bool IsActive => State == ApiTokenState.Active;
}

/// <summary>Whether a token is accepted now.</summary>
public enum ApiTokenState
{
    /// <summary>Accepted until it expires.</summary>
    Active,

    /// <summary>Past its expiry; refused.</summary>
    Expired,

    /// <summary>Revoked by its owner, an administrator or the operator; refused.</summary>
    Revoked,
}

/// <summary>Filters of the token list; every one is optional.</summary>
/// <param name="UserId">Only this user's tokens.</param>
/// <param name="State">Only tokens in this state.</param>
/// <param name="Search">Part of the token's name or its user's name, in any case.</param>
public sealed record ApiTokenFilter(Guid? UserId = null, ApiTokenState? State = null, string? Search = null);

/// <summary>Issuing, listing and revoking API tokens, shared by the command line, the account pages, the admin pages and the API.</summary>
public static class ApiTokens
{
    /// <summary>Most tokens a user may hold at once that are neither revoked nor expired.</summary>
    public const int MaxActivePerUser = 25;

    /// <summary>Lifetime offered when none is given, in days.</summary>
    public const int DefaultLifetimeDays = 90;

    /// <summary>Longest lifetime, in days (<see cref="ApiToken.MaxLifetime"/>).</summary>
    public const int MaxLifetimeDays = 366;

    /// <summary>
    /// Issues a token for an enabled user. Returns the stored token and its text, which is shown once and kept
    /// nowhere (only a hash of the secret is stored).
    /// </summary>
    public static async Task<Result<(ApiToken Token, string Text)>> IssueAsync(
        EntenteDbContext db, Guid userId, string name, DateTime expiresAt, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.IsDisabled })
            .FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return DomainError.NotFound("The user");
        }

        if (user.IsDisabled)
        {
            return new DomainError("identity.user-disabled", "The user is disabled; a token for it would not work.", ErrorKind.RuleViolation);
        }

        var active = await db.ApiTokens.CountAsync(t => t.UserId == userId && t.RevokedAt == null && t.ExpiresAt > now, cancellationToken);
        if (active >= MaxActivePerUser)
        {
            return new DomainError("identity.too-many-tokens",
                $"A user may hold at most {MaxActivePerUser} active tokens; revoke one that is no longer used first.", ErrorKind.RuleViolation);
        }

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

    /// <summary>Issues a token that lives <paramref name="lifetimeDays"/> days (1 to 366) from now.</summary>
    public static Task<Result<(ApiToken Token, string Text)>> IssueForDaysAsync(
        EntenteDbContext db, Guid userId, string name, int lifetimeDays, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (lifetimeDays is < 1 or > MaxLifetimeDays)
        {
            return Task.FromResult<Result<(ApiToken Token, string Text)>>(
                DomainError.Invalid("lifetimeDays", $"A token lives from 1 to {MaxLifetimeDays} days."));
        }

        return IssueAsync(db, userId, name, time.GetUtcNow().UtcDateTime.AddDays(lifetimeDays), time, cancellationToken);
    }

    /// <summary>Every token, or one user's, newest first (for the command line).</summary>
    public static async Task<List<ApiTokenSummary>> ListAsync(EntenteDbContext db, Guid? userId, TimeProvider time, CancellationToken cancellationToken)
    {
        var all = await QueryAsync(db, new ApiTokenFilter(userId), new PageRequest { PageSize = int.MaxValue }, time, cancellationToken);
        return [.. all.Items];
    }

    /// <summary>One page of tokens matching <paramref name="filter"/>, newest first.</summary>
    public static async Task<Paged<ApiTokenSummary>> QueryAsync(
        EntenteDbContext db, ApiTokenFilter filter, PageRequest page, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        var query = from t in db.ApiTokens.AsNoTracking()
                    join u in db.Users.AsNoTracking() on t.UserId equals u.Id
                    select new { Token = t, u.UserName, u.NormalizedUserName };
        if (filter.UserId is { } userId)
        {
            query = query.Where(x => x.Token.UserId == userId);
        }

        if (filter.State is { } state)
        {
            query = state switch
            {
                ApiTokenState.Active => query.Where(x => x.Token.RevokedAt == null && x.Token.ExpiresAt > now),
                ApiTokenState.Expired => query.Where(x => x.Token.RevokedAt == null && x.Token.ExpiresAt <= now),
                ApiTokenState.Revoked => query.Where(x => x.Token.RevokedAt != null),
            };
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var text = filter.Search.Trim().ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL upper(); EF cannot translate culture or comparison overloads.
            query = query.Where(x => x.NormalizedUserName!.Contains(text) || x.Token.Name.ToUpper().Contains(text));
#pragma warning restore CA1304, CA1311, CA1862
        }

        query = query.OrderByDescending(x => x.Token.CreatedAt).ThenBy(x => x.Token.Id);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.Skip(page.Skip).Take(page.EffectivePageSize).ToListAsync(cancellationToken);
        var items = rows.Select(x => ToSummary(x.Token, x.UserName ?? "", now)).ToList();
        return new Paged<ApiTokenSummary>(items, page.EffectivePage, page.EffectivePageSize, total);
    }

    /// <summary>
    /// Revokes every active token of <paramref name="userId"/> without saving, for changes that take back what the
    /// tokens were issued under (a password or an authenticator reset). Returns how many were revoked.
    /// </summary>
    public static async Task<int> RevokeAllAsync(EntenteDbContext db, Guid userId, string by, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        var active = await db.ApiTokens.Where(t => t.UserId == userId && t.RevokedAt == null && t.ExpiresAt > now).ToListAsync(cancellationToken);
        foreach (var token in active)
        {
            token.Revoke(now, by);
        }

        return active.Count;
    }

    /// <summary>Revokes a token; with <paramref name="ownerId"/>, only that user's token (another user's answers not found).</summary>
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

    public static ApiTokenSummary ToSummary(ApiToken t, string userName, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(t);
        var state = t.RevokedAt is not null ? ApiTokenState.Revoked : t.IsActive(now) ? ApiTokenState.Active : ApiTokenState.Expired;
        return new ApiTokenSummary(t.Id, t.UserId, userName, t.Name, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.RevokedBy,
            t.LastUsedAt, t.LastUsedFrom, state);
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
        if (t.EndsWith('d') && int.TryParse(t[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is > 0 and <= 36_600)
        {
            expiresAt = now.AddDays(days);
            return true;
        }

        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            expiresAt = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            return true;
        }

        if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            expiresAt = instant.UtcDateTime;
            return true;
        }

        return false;
    }
}
