using System.Globalization;
using System.Threading.RateLimiting;
using Entente.Infrastructure.Problems;
using Microsoft.AspNetCore.Mvc;

namespace Entente.Infrastructure.Http;

/// <summary>Configuration section <c>Entente:RateLimits</c>; every limit is per client address (or user) per minute.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Entente:RateLimits";

    /// <summary>Sign-in and two-factor attempts (form posts) per address.</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>API token issuing and revoking per user.</summary>
    public int TokensPerMinute { get; set; } = 20;

    /// <summary>All API requests per user (or address when anonymous).</summary>
    public int ApiPerMinute { get; set; } = 1200;
}

public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Tokens = "tokens";

    public static IServiceCollection AddEntenteRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                {
                    var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                    await problems.WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = http,
                        ProblemDetails = new ProblemDetails
                        {
                            Status = StatusCodes.Status429TooManyRequests,
                            Type = ProblemTypes.RateLimited.Uri,
                            Title = ProblemTypes.RateLimited.Title,
                            Detail = $"Too many requests; retry in {seconds} seconds.",
                        },
                    });
                }
                else
                {
                    http.Response.ContentType = "text/plain; charset=utf-8";
                    await http.Response.WriteAsync($"Too many attempts. Wait {seconds} seconds and try again.", cancellationToken);
                }
            };

            options.AddPolicy(SignIn, http =>
                HttpMethods.IsPost(http.Request.Method)
                    ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress(http), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.SignInPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter("get"));

            options.AddPolicy(Tokens, http =>
                RateLimitPartition.GetFixedWindowLimiter(UserOrAddress(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.TokensPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));

            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetTokenBucketLimiter(UserOrAddress(http), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = limits.ApiPerMinute,
                        TokensPerPeriod = Math.Max(1, limits.ApiPerMinute / 6),
                        ReplenishmentPeriod = TimeSpan.FromSeconds(10),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter("pages"));
        });
        return services;
    }

    private static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string UserOrAddress(HttpContext http)
    {
        // Rate limiting runs before the caller is resolved; the bearer token id or cookie name identifies the
        // client well enough to partition on, and a forged value only lands in its own bucket.
        var auth = http.Request.Headers.Authorization.ToString();
        return auth.Length > 16 ? "token:" + auth[..Math.Min(auth.Length, 48)] : "ip:" + ClientAddress(http);
    }
}
