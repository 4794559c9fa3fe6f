namespace Entente.Modules.Identity.Pages;

/// <summary>
/// A one-line message that survives a redirect (post, redirect, get): set before redirecting, shown and removed by
/// <see cref="StatusNotice"/> on the next page. Kept in a short-lived cookie so that URLs stay clean; the text is
/// rendered encoded like any other text, so a forged cookie can only show its owner a harmless sentence.
/// </summary>
public static class StatusMessage
{
    public const string CookieName = "entente.status";

    private const int MaxLength = 300;

    public static void Set(HttpContext context, string message, bool isError = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(message);
        var text = message.Length > MaxLength ? message[..MaxLength] : message;
        context.Response.Cookies.Append(CookieName, (isError ? "!" : "") + text, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            MaxAge = TimeSpan.FromMinutes(1),
            Path = "/",
        });
    }

    /// <summary>Reads and removes the message, if any.</summary>
    public static (string Text, bool IsError)? Take(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var value = context.Request.Cookies[CookieName];
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!context.Response.HasStarted)
        {
            context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
        }

        var isError = value.StartsWith('!');
        var text = isError ? value[1..] : value;
        return (text.Length > MaxLength ? text[..MaxLength] : text, isError);
    }
}
