using System.Net;
using System.Text;
using System.Text.Json;
using Entente.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Entente.Tests.Platform;

public abstract class ApiConventionsTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_OpenAPI_document_is_valid_OpenAPI_3_1_and_documents_the_API()
    {
        using var client = app.Anonymous();
        var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        var settings = new OpenApiReaderSettings();
        settings.AddJsonReader();
        var (document, diagnostic) = await OpenApiDocument.LoadAsync(stream, "json", settings, Ct);

        Assert.NotNull(document);
        Assert.NotNull(diagnostic);
        Assert.Empty(diagnostic.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        Assert.Equal("Entente API", document.Info.Title);
        Assert.Contains(document.Components!.SecuritySchemes!, s => s.Key == "bearer");
        Assert.All(document.Paths.Keys, path => Assert.StartsWith("/api/v1/", path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_API_reference_page_is_served()
    {
        using var client = app.Anonymous();
        var response = await client.GetAsync(new Uri("/api/reference/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_endpoint_not_explicitly_opened_refuses_anonymous_callers()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .ToList();
        Assert.NotEmpty(endpoints);
        using var client = app.Anonymous();
        var checkedCount = 0;
        foreach (var endpoint in endpoints)
        {
            var path = "/" + Fill((endpoint.RoutePattern.RawText ?? "").TrimStart('/'));
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                var response = await client.SendAsync(request, Ct);
                var refused = response.StatusCode == HttpStatusCode.Unauthorized
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/sign-in", StringComparison.Ordinal))
                    // A static SSR form post without an antiforgery token is refused before authorization.
                    || (method == "POST" && response.StatusCode == HttpStatusCode.BadRequest && !path.StartsWith("/api", StringComparison.Ordinal));
                Assert.True(refused, $"{method} {path} answered {(int)response.StatusCode} to an anonymous caller");
                checkedCount++;
            }
        }

        Assert.True(checkedCount >= endpoints.Count);
    }

    [Fact]
    public async Task An_unknown_API_route_answers_a_problem_with_a_stable_type()
    {
        using var client = await app.ClientAsync("Delegate", "GBR", 1);
        var response = await client.GetAsync(new Uri("/api/v1/no-such-thing", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("/problems/not-found", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.TryGetProperty("traceId", out _));
    }

    [Fact]
    public async Task A_missing_or_garbled_token_answers_401_as_a_problem()
    {
        using var client = app.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/members");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer ent_not-a-real-token");
        var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("/problems/unauthenticated", problem.RootElement.GetProperty("type").GetString());
    }

    /// <summary>Replaces route parameters with plausible values so the request reaches the endpoint.</summary>
    private static string Fill(string pattern)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            if (pattern[i] == '{')
            {
                var end = pattern.IndexOf('}', i);
                var name = pattern[(i + 1)..end].TrimStart('*').Split(':', '=', '?')[0];
                var constraint = pattern[(i + 1)..end];
                sb.Append(constraint.Contains(":guid", StringComparison.Ordinal) ? Guid.Empty.ToString()
                    : constraint.Contains(":int", StringComparison.Ordinal) || constraint.Contains(":long", StringComparison.Ordinal) ? "1"
                    : name.Equals("documentName", StringComparison.OrdinalIgnoreCase) ? "v1"
                    : "GBR");
                i = end + 1;
            }
            else
            {
                sb.Append(pattern[i]);
                i++;
            }
        }

        return sb.ToString();
    }
}

public sealed class ApiConventionsTestsOnSqlite(SqliteApp app) : ApiConventionsTests<SqliteApp>(app);

public sealed class ApiConventionsTestsOnPostgres(PostgresApp app) : ApiConventionsTests<PostgresApp>(app);
