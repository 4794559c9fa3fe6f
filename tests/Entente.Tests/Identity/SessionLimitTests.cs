using System.Net;
using Entente.Infrastructure.Labels;
using Entente.Modules.Identity.Domain;
using Entente.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Entente.Tests.Identity;

/// <summary>A clock the session tests move forward; the host's cookie handler and session checks read it.</summary>
public sealed class SessionClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

public abstract class SessionLimitTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    [Fact]
    public async Task A_session_left_idle_for_more_than_thirty_minutes_must_sign_in_again()
    {
        var (clock, client, factory) = await SignedInAsync();
        using (factory)
        using (client)
        {
            clock.Now += TimeSpan.FromMinutes(20);
            Assert.Equal(HttpStatusCode.OK, (await GetAccountAsync(client)).StatusCode);

            clock.Now += TimeSpan.FromMinutes(31);
            var stale = await GetAccountAsync(client);

            Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
            Assert.Contains("/account/sign-in", stale.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_active_session_ends_twelve_hours_after_the_sign_in_however_busy()
    {
        var (clock, client, factory) = await SignedInAsync();
        using (factory)
        using (client)
        {
            // A request every 25 minutes keeps the session from idling out, until the twelfth hour.
            for (var i = 0; i < 28; i++)
            {
                clock.Now += TimeSpan.FromMinutes(25);
                Assert.Equal(HttpStatusCode.OK, (await GetAccountAsync(client)).StatusCode);
            }

            clock.Now += TimeSpan.FromMinutes(25);
            var ended = await GetAccountAsync(client);

            Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
            Assert.Contains("/account/sign-in", ended.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pages_shown_to_a_signed_in_user_are_never_cached()
    {
        var (_, client, factory) = await SignedInAsync();
        using (factory)
        using (client)
        {
            var page = await GetAccountAsync(client);

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("no-store", page.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        }
    }

    private async Task<(SessionClock Clock, HttpClient Client, WebApplicationFactory<Program> Factory)> SignedInAsync()
    {
        var user = await app.CreateUserAsync(Roles.Delegate, "GBR", ClassificationLevels.Restricted);
        var clock = new SessionClock(DateTimeOffset.UtcNow);
        var factory = app.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = app.BaseAddress,
        });
        var signIn = await AccountForms.SignInAsync(client, user, returnUrl: "/account");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return (clock, client, factory);
    }

    private static Task<HttpResponseMessage> GetAccountAsync(HttpClient client) =>
        client.GetAsync(new Uri("/account", UriKind.Relative), TestContext.Current.CancellationToken);
}

public sealed class SessionLimitTestsOnSqlite(SqliteApp app) : SessionLimitTests<SqliteApp>(app);

public sealed class SessionLimitTestsOnPostgres(PostgresApp app) : SessionLimitTests<PostgresApp>(app);
