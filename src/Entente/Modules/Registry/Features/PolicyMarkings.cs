using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Entente.Modules.Registry.Contracts;

namespace Entente.Modules.Registry.Features;

/// <summary>
/// <c>GET /css/policy-markings.css</c>: the classifications' colours as a stylesheet, so that a recoloured
/// classification shows everywhere at once. The content security policy forbids inline styles, so colours that are
/// data reach the browser this way. The URL carries a version of the colours and is cached for good.
/// </summary>
public static class PolicyMarkings
{
    public const string Path = "/css/policy-markings.css";

    /// <summary>The stylesheet's address for the current policy; it changes whenever a colour does.</summary>
    public static string Href(PolicySnapshot policy) => $"{Path}?v={Version(policy)}";

    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder app) =>
        app.MapGet(Path, Handle).AllowAnonymous().ExcludeFromDescription();

    public static IResult Handle(HttpContext http, ISecurityPolicyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(catalog);
        var policy = catalog.Current;
        var version = Version(policy);
        http.Response.Headers.CacheControl = http.Request.Query["v"] == version
            ? "public, max-age=31536000, immutable"
            : "no-cache";
        http.Response.Headers.ETag = $"\"{version}\"";
        return TypedResults.Text(Stylesheet(policy), "text/css; charset=utf-8");
    }

    public static string Stylesheet(PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var css = new StringBuilder("/* Classification markings of the security policy; generated. */\n");
        foreach (var c in policy.Classifications)
        {
            // Colours are validated as #rrggbb when stored; anything else is skipped rather than written out.
            if (c.Colour.Length == 7 && c.Colour[0] == '#' && c.Colour.Skip(1).All(char.IsAsciiHexDigit))
            {
                css.Append(CultureInfo.InvariantCulture, $".cls-{c.Rank} {{ background: {c.Colour}; }}\n");
            }
        }

        return css.ToString();
    }

    private static string Version(PolicySnapshot policy)
    {
        var text = string.Join(';', policy.Classifications.Select(c => $"{c.Rank}={c.Colour}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
    }
}
