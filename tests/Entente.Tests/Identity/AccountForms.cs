using System.Net;
using System.Text.RegularExpressions;
using Entente.Testing;

namespace Entente.Tests.Identity;

/// <summary>
/// Drives the static server-rendered account pages the way a browser without script does: read the page, take its
/// antiforgery token, post the named form.
/// </summary>
internal static partial class AccountForms
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>GETs <paramref name="url"/> and returns the page's HTML (decoded) with the response.</summary>
    public static async Task<(HttpResponseMessage Response, string Html)> GetPageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        return (response, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)));
    }

    /// <summary>Opens the page at <paramref name="url"/> and submits its form <paramref name="formName"/>.</summary>
    public static async Task<(HttpResponseMessage Response, string Html)> SubmitAsync(
        HttpClient client, string url, string formName, IReadOnlyDictionary<string, string> fields)
    {
        var (page, html) = await GetPageAsync(client, url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await PostAsync(client, url, formName, fields, TokenOf(html));
    }

    /// <summary>Posts a form with the given antiforgery token (or none).</summary>
    public static async Task<(HttpResponseMessage Response, string Html)> PostAsync(
        HttpClient client, string url, string? formName, IReadOnlyDictionary<string, string> fields, string? token)
    {
        var body = new Dictionary<string, string>(fields);
        if (token is not null)
        {
            body["__RequestVerificationToken"] = token;
        }

        if (formName is not null)
        {
            body["_handler"] = formName;
        }

        using var content = new FormUrlEncodedContent(body);
        var response = await client.PostAsync(new Uri(url, UriKind.Relative), content, Ct);
        return (response, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)));
    }

    public static string TokenOf(string html) =>
        AntiforgeryField().Match(html) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException("The page has no antiforgery token.");

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

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
