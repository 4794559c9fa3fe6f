using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Identity.Features;

/// <summary>An API token without its secret. Instants are UTC.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="UserId">The user the token acts as.</param>
/// <param name="UserName">The user name, unique and never changed.</param>
/// <param name="Name">What the token is for.</param>
/// <param name="State">Whether it can be used now.</param>
/// <param name="CreatedAt">UTC.</param>
/// <param name="ExpiresAt">UTC; refused from this instant on.</param>
/// <param name="RevokedAt">UTC, when revoked.</param>
/// <param name="RevokedBy">Who revoked it.</param>
/// <param name="LastUsedAt">UTC of the last use, updated at most once a minute.</param>
/// <param name="LastUsedFrom">Network address of the last use.</param>
public sealed record ApiTokenResponse(
    Guid Id,
    Guid UserId,
    string UserName,
    string Name,
    ApiTokenState State,
    DateTime CreatedAt,
    DateTime ExpiresAt,
    DateTime? RevokedAt,
    string? RevokedBy,
    DateTime? LastUsedAt,
    string? LastUsedFrom)
{
    public static ApiTokenResponse From(ApiTokenSummary t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new ApiTokenResponse(t.Id, t.UserId, t.UserName, t.Name, t.State, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.RevokedBy,
            t.LastUsedAt, t.LastUsedFrom);
    }

    public static Paged<ApiTokenResponse> From(Paged<ApiTokenSummary> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new Paged<ApiTokenResponse>(page.Items.Select(From).ToList(), page.Page, page.PageSize, page.Total);
    }
}

/// <summary>Filters of the token lists.</summary>
public sealed record ListTokensQuery
{
    /// <summary><c>active</c>, <c>expired</c> or <c>revoked</c>.</summary>
    [StringLength(16)]
    public string? State { get; init; }

    /// <summary>Part of the token's name or of its user's name (administrators only).</summary>
    [StringLength(100)]
    public string? Search { get; init; }

    /// <summary>Only this user's tokens (administrators only).</summary>
    public Guid? UserId { get; init; }

    /// <summary>Parses <see cref="State"/>; false with a message when it is not a state.</summary>
    public bool TryGetState(out ApiTokenState? state, out Dictionary<string, string[]> errors)
    {
        state = null;
        errors = [];
        if (string.IsNullOrWhiteSpace(State))
        {
            return true;
        }

        if (Enum.TryParse<ApiTokenState>(State, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            state = parsed;
            return true;
        }

        errors["state"] = ["The state is one of active, expired or revoked."];
        return false;
    }
}

/// <summary><c>GET /api/v1/tokens</c>: every user's API tokens, for administrators.</summary>
public static class ListTokens
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder tokens) =>
        tokens.MapGet("/", HandleAsync)
            .WithName("ListTokens")
            .WithSummary("List every API token")
            .WithDescription("Tokens of all users, newest first, with their state, expiry and last use. Secrets are never shown.")
            .ProducesValidationProblem();

    public static async Task<Results<Ok<Paged<ApiTokenResponse>>, ProblemHttpResult>> HandleAsync(
        [AsParameters] ListTokensQuery query, [AsParameters] PageRequest page, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!query.TryGetState(out var state, out var errors))
        {
            return ProblemResults.Validation(errors);
        }

        var result = await ApiTokens.QueryAsync(db, new ApiTokenFilter(query.UserId, state, query.Search), page, time, cancellationToken);
        return TypedResults.Ok(ApiTokenResponse.From(result));
    }
}
