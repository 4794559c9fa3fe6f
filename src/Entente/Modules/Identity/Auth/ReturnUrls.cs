namespace Entente.Modules.Identity.Auth;

/// <summary>
/// Where to go after signing in or enrolling. Only local paths are followed, so a crafted link cannot send a
/// freshly signed-in user to another site (open redirect).
/// </summary>
public static class ReturnUrls
{
    /// <summary>True for a path on this site such as <c>/ledger?page=2</c>; false for absolute, protocol-relative or odd URLs.</summary>
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > 2048 || url[0] != '/')
        {
            return false;
        }

        if (url.Length == 1)
        {
            return true;
        }

        // "//host" and "/\host" are read by browsers as another host.
        if (url[1] is '/' or '\\')
        {
            return false;
        }

        return !url.Any(char.IsControl);
    }

    /// <summary>The URL when it is local, otherwise <paramref name="fallback"/>.</summary>
    public static string OrDefault(string? url, string fallback = "/") => IsLocal(url) ? url! : fallback;

    /// <summary>Appends <c>returnUrl</c> to a path when it is local and not the home page.</summary>
    public static string With(string path, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!IsLocal(returnUrl) || returnUrl == "/")
        {
            return path;
        }

        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return $"{path}{separator}returnUrl={Uri.EscapeDataString(returnUrl!)}";
    }
}
