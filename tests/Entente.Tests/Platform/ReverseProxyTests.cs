using System.Net;
using Entente.Testing;

namespace Entente.Tests.Platform;

/// <summary>A host on a loopback port, where the proxy (loopback) is trusted, with a small API budget.</summary>
public sealed class ProxiedApp : SqliteApp
{
    protected override bool RealServer => true;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Entente:RateLimits:ApiPerMinute"] = "6",
    };
}

public sealed class ReverseProxyTests(ProxiedApp app) : IClassFixture<ProxiedApp>
{
    [Fact]
    public async Task Behind_a_trusted_proxy_each_client_address_has_its_own_rate_limit_budget()
    {
        using var client = app.Anonymous();
        var first = await ExhaustAsync(client, "203.0.113.10");
        Assert.Equal(HttpStatusCode.TooManyRequests, first);

        // Another client behind the same proxy is not affected by the first one's excess.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/members");
        request.Headers.Add("X-Forwarded-For", "203.0.113.20");
        var other = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
    }

    private static async Task<HttpStatusCode> ExhaustAsync(HttpClient client, string address)
    {
        var last = HttpStatusCode.OK;
        for (var i = 0; i < 20 && last != HttpStatusCode.TooManyRequests; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/members");
            request.Headers.Add("X-Forwarded-For", address);
            last = (await client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode;
        }

        return last;
    }
}
