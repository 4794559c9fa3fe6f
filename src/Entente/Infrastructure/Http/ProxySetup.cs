using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Entente.Infrastructure.Http;

/// <summary>
/// Configuration section <c>Entente:ReverseProxy</c>: which reverse proxies may tell the host the client's
/// address and scheme. Only their <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed; from anyone
/// else the headers are ignored, so a client cannot pick its own address to dodge rate limits or the audit log.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "Entente:ReverseProxy";

    /// <summary>Addresses of trusted proxies, for example <c>10.0.0.5</c>. Loopback is always trusted.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, for example <c>10.0.0.0/24</c>.</summary>
    public IList<string> KnownNetworks { get; } = [];
}

public static class ProxySetup
{
    public static IServiceCollection AddEntenteReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var proxy = new ReverseProxyOptions();
        configuration.GetSection(ReverseProxyOptions.Section).Bind(proxy);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            foreach (var address in proxy.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(address, out var ip)
                    ? ip
                    : throw new InvalidOperationException($"{ReverseProxyOptions.Section}:KnownProxies: '{address}' is not an IP address."));
            }

            foreach (var network in proxy.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"{ReverseProxyOptions.Section}:KnownNetworks: '{network}' is not a CIDR network."));
            }
        });
        return services;
    }
}
