using System.Net;
using Entente.Infrastructure.Labels;
using Entente.Modules.Identity.Domain;
using Entente.Testing;

namespace Entente.Tests.Identity;

/// <summary>Sign-in posts are limited per address; these hosts allow three a minute.</summary>
public abstract class SignInRateLimitTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    [Fact]
    public async Task Sign_in_attempts_past_the_limit_get_429_with_Retry_After_while_the_page_still_loads()
    {
        var user = await app.CreateUserAsync(Roles.Delegate, "GBR", ClassificationLevels.Restricted);
        using var client = app.CookieClient();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var (allowed, _) = await AccountForms.PostPasswordAsync(client, user.UserName, $"wrong-{attempt}-password");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        var (limited, text) = await AccountForms.PostPasswordAsync(client, user.UserName, user.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Contains("Too many attempts", text, StringComparison.Ordinal);
        var (page, _) = await AccountForms.GetPageAsync(client, "/account/sign-in");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}

public class LowSignInLimitSqliteApp : SqliteApp
{
    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Entente:RateLimits:SignInPerMinute"] = "3" };
}

public class LowSignInLimitPostgresApp : PostgresApp
{
    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Entente:RateLimits:SignInPerMinute"] = "3" };
}

public sealed class SignInRateLimitTestsOnSqlite(LowSignInLimitSqliteApp app) : SignInRateLimitTests<LowSignInLimitSqliteApp>(app);

public sealed class SignInRateLimitTestsOnPostgres(LowSignInLimitPostgresApp app) : SignInRateLimitTests<LowSignInLimitPostgresApp>(app);
