using System.Globalization;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Entente.Modules.Identity.Auth;

/// <summary>
/// How long a signed-in browser session lasts: <see cref="Idle"/> without a request (the cookie's sliding
/// expiration), and never more than <see cref="Absolute"/> after the sign-in itself, however active. Renewing the
/// cookie keeps the sign-in time (it travels in the authentication properties), so activity cannot extend a session
/// past the absolute limit. API tokens are not sessions: they have their own expiry.
/// </summary>
public static class SessionLimits
{
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);

    /// <summary>Authentication property holding the UTC sign-in time, round-trip ("O") format.</summary>
    public const string SignedInAtItem = "entente.signed-in-at";

    /// <summary>Records when the session began, unless a renewal already carries it.</summary>
    public static Task StampSignIn(CookieSigningInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Properties.Items.ContainsKey(SignedInAtItem))
        {
            var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            context.Properties.Items[SignedInAtItem] = now.ToString("O", CultureInfo.InvariantCulture);
        }

        return Task.CompletedTask;
    }

    /// <summary>True when the session began more than <see cref="Absolute"/> ago, or carries no sign-in time at all.</summary>
    public static bool IsPastAbsoluteLimit(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Properties.Items.TryGetValue(SignedInAtItem, out var text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedInAt))
        {
            return true;
        }

        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return now - signedInAt > Absolute;
    }
}
