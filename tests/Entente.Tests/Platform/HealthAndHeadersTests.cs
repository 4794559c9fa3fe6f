using System.Net;
using System.Text.Json;
using Entente.Testing;

namespace Entente.Tests.Platform;

public abstract class HealthAndHeadersTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    [Fact]
    public async Task Liveness_and_readiness_answer_without_credentials()
    {
        using var client = app.Anonymous();
        var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken);
        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("migrations").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/health/live")]
    [InlineData("/api/v1/members")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var client = app.Anonymous();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Server"));
    }
}

public sealed class HealthAndHeadersTestsOnSqlite(SqliteApp app) : HealthAndHeadersTests<SqliteApp>(app);

public sealed class HealthAndHeadersTestsOnPostgres(PostgresApp app) : HealthAndHeadersTests<PostgresApp>(app);
