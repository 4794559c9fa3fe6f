using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace Entente.Testing;

/// <summary>
/// Drives the static server-rendered pages the way a browser without script does: open the page, take its antiforgery
/// token, post one of its forms (named by <c>_handler</c>) with that token. The client carries the user: a cookie from
/// signing in or a bearer token.
/// </summary>
public static partial class PageForms
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>GETs <paramref name="path"/> and returns the response with its HTML, character references decoded.</summary>
    public static async Task<(HttpResponseMessage Response, string Html)> GetPageAsync(HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        return (response, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)));
    }

    /// <summary>The antiforgery token of the page's (first) form; the page's HTML may be decoded or not.</summary>
    public static string TokenOf(string html) =>
        AntiforgeryField().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The page has no antiforgery token.");

    /// <summary>Opens the page at <paramref name="path"/>, then posts its form <paramref name="handler"/> with the page's token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        HttpClient client, string path, string? handler, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var (page, html) = await GetPageAsync(client, path);
        if (page.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Opening {path} to post its form answered {(int)page.StatusCode}, not 200.");
        }

        return await PostWithTokenAsync(client, path, handler, fields, TokenOf(html));
    }

    /// <inheritdoc cref="PostFormAsync(HttpClient, string, string?, IEnumerable{KeyValuePair{string, string}})"/>
    public static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string handler, params (string Name, string Value)[] fields) =>
        PostFormAsync(client, path, handler, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    /// <summary>Opens the page, posts its form, and returns the answer with its HTML, character references decoded.</summary>
    public static async Task<(HttpResponseMessage Response, string Html)> SubmitAsync(
        HttpClient client, string path, string? handler, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var response = await PostFormAsync(client, path, handler, fields);
        return (response, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)));
    }

    /// <summary>Posts a form with the given antiforgery token (or none, to see the post refused).</summary>
    public static async Task<HttpResponseMessage> PostWithTokenAsync(
        HttpClient client, string path, string? handler, IEnumerable<KeyValuePair<string, string>> fields, string? token)
    {
        ArgumentNullException.ThrowIfNull(client);
        var body = new List<KeyValuePair<string, string>>(fields);
        if (token is not null)
        {
            body.Add(new("__RequestVerificationToken", token));
        }

        if (handler is not null)
        {
            body.Add(new("_handler", handler));
        }

        using var content = new FormUrlEncodedContent(body);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content, Ct);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
