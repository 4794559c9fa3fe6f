using System.Net;
using Entente.Testing;

namespace Entente.Tests.Identity;

/// <summary>
/// Drives the static server-rendered account pages the way a browser without script does: read the page, take its
/// antiforgery token, post the named form.
/// </summary>
internal static class AccountForms
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <inheritdoc cref="PageForms.GetPageAsync"/>
    public static Task<(HttpResponseMessage Response, string Html)> GetPageAsync(HttpClient client, string url) =>
        PageForms.GetPageAsync(client, url);

    /// <summary>Opens the page at <paramref name="url"/> (it must answer 200) and submits its form <paramref name="formName"/>.</summary>
    public static Task<(HttpResponseMessage Response, string Html)> SubmitAsync(
        HttpClient client, string url, string formName, IReadOnlyDictionary<string, string> fields) =>
        PageForms.SubmitAsync(client, url, formName, fields);

    /// <summary>Posts a form with the given antiforgery token (or none).</summary>
    public static async Task<(HttpResponseMessage Response, string Html)> PostAsync(
        HttpClient client, string url, string? formName, IReadOnlyDictionary<string, string> fields, string? token)
    {
        var response = await PageForms.PostWithTokenAsync(client, url, formName, fields, token);
        return (response, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)));
    }

    /// <inheritdoc cref="PageForms.TokenOf"/>
    public static string TokenOf(string html) => PageForms.TokenOf(html);

    /// <summary>Posts the sign-in form; returns the response (a redirect on success or to the code step).</summary>
    public static async Task<(HttpResponseMessage Response, string Html)> PostPasswordAsync(HttpClient client, string user, string password, string? returnUrl = null)
    {
        var url = returnUrl is null ? "/account/sign-in" : $"/account/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}";
        return await SubmitAsync(client, url, "sign-in", new Dictionary<string, string>
        {
            ["Input.User"] = user,
            ["Input.Password"] = password,
        });
    }

    /// <summary>Signs in through the real forms: password, then the authenticator code when asked for one.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, TestUser user, string? returnUrl = null)
    {
        var (response, _) = await PostPasswordAsync(client, user.UserName, user.Password, returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        if (!location.Contains("/account/sign-in/two-factor", StringComparison.Ordinal))
        {
            return response;
        }

        var (codeResponse, _) = await SubmitAsync(client, PathOf(location), "sign-in-code", new Dictionary<string, string>
        {
            ["Input.Code"] = user.CurrentCode(),
        });
        return codeResponse;
    }

    /// <summary>The path and query of a redirect target.</summary>
    public static string PathOf(string location) =>
        !location.StartsWith('/') && Uri.TryCreate(location, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : location;

    public static string PathOf(HttpResponseMessage response) => PathOf(response.Headers.Location!.OriginalString);
}
