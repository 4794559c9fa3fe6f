using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Entente.Infrastructure.Labels;
using Entente.Testing;

namespace Entente.Tests.Registry;

/// <summary>JSON over HTTP the way API clients speak it, and the users the Registry tests act as.</summary>
internal static class RegistryTestClient
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<HttpClient> SecretariatAsync(this EntenteApp app) =>
        app.ClientAsync("Secretariat", "CSEC", ClassificationLevels.Secret);

    public static Task<HttpClient> AdministratorAsync(this EntenteApp app) =>
        app.ClientAsync("Administrator", "CSEC", ClassificationLevels.Secret);

    public static Task<HttpClient> DelegateAsync(this EntenteApp app, string member, int clearance) =>
        app.ClientAsync("Delegate", member, clearance);

    /// <summary>A code no test has used: an organisation code that is no country's (8 characters).</summary>
    public static string NewOrganisationCode() => "T" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();

    public static Task<HttpResponseMessage> GetPathAsync(this HttpClient client, string path) =>
        client.GetAsync(new Uri(path, UriKind.Relative), Ct);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, Json, Ct);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string path, object body) =>
        client.PutAsJsonAsync(new Uri(path, UriKind.Relative), body, Json, Ct);

    public static Task<HttpResponseMessage> DeletePathAsync(this HttpClient client, string path) =>
        client.DeleteAsync(new Uri(path, UriKind.Relative), Ct);

    /// <summary>Sends a body exactly as written, for malformed and mistyped JSON.</summary>
    public static Task<HttpResponseMessage> SendRawAsync(this HttpClient client, HttpMethod method, string path, string body)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        return client.SendAsync(request, Ct);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a problem response with the given status and type; returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var problem = await response.JsonAsync(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(type, problem.GetProperty("type").GetString());
        return problem;
    }

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString() ?? "";

    public static IReadOnlyList<string> Codes(this JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.Str("code")).ToList();

    public static object PublicLabel => new { classification = "PUBLIC" };

    /// <summary>Registers an organisation as the Secretariat; returns its code.</summary>
    public static async Task<string> RegisterOrganisationAsync(this HttpClient secretariat, string? name = null, object? label = null)
    {
        var code = NewOrganisationCode();
        var response = await secretariat.PostJsonAsync("/api/v1/members", new { code, kind = "organisation", name = name ?? $"Organisation {code}", label = label ?? PublicLabel });
        await response.JsonAsync(HttpStatusCode.Created);
        return code;
    }
}
