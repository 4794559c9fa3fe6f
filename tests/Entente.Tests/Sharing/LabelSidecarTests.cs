using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Ledger;
using Entente.Tests.Registry;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Entente.Tests.Sharing;

public abstract class LabelSidecarTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static readonly object ConfidentialForGbr = new { classification = "CONFIDENTIAL", releasableTo = new[] { "GBR" } };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Records a CONFIDENTIAL pledge released to GBR whose measure carries <paramref name="marker"/>; returns its id.</summary>
    private static async Task<string> RecordConfidentialPledgeAsync(HttpClient gbr, string marker) =>
        (await gbr.RecordAsync(LedgerTestKit.Pledge("GBR", ConfidentialForGbr, new Dictionary<string, object?> { ["measure"] = $"Sidecar shells {marker}" }))).Id();

    /// <summary>Exports the pledges matching <paramref name="marker"/> as CSV; returns the body and the export id.</summary>
    private static async Task<(byte[] Body, string ExportId, HttpResponseMessage Response)> ExportAsync(HttpClient client, string marker)
    {
        var response = await client.GetPathAsync($"/api/v1/ledger/export?format=csv&q={marker}");
        var body = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(body));
        Assert.True(response.Headers.TryGetValues(LabelledExport.IdHeader, out var ids), "The export names its receipt.");
        return (body, ids.Single(), response);
    }

    private static async Task<string> SidecarAsync(HttpClient client, string exportId)
    {
        var response = await client.GetPathAsync($"/api/v1/exports/{exportId}/label");
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".csv.label.json", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        return text;
    }

    [Fact]
    public async Task An_export_names_its_receipt_and_its_signed_sidecar_states_the_label_and_the_files_SHA_256()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        await RecordConfidentialPledgeAsync(gbr, marker);

        var (body, exportId, response) = await ExportAsync(gbr, marker);
        Assert.Contains($"</api/v1/exports/{exportId}/label>; rel=\"describedby\"", response.Headers.GetValues("Link"));
        using var sidecar = JsonDocument.Parse(await SidecarAsync(gbr, exportId));
        var root = sidecar.RootElement;
        var data = root.GetProperty("dataReference");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), data.Str("sha256"));
        Assert.Equal(body.Length, data.GetProperty("size").GetInt64());
        Assert.Equal("CONFIDENTIAL · REL TO GBR · TLP:AMBER", root.Str("marking"));
        Assert.Equal("TLP:AMBER", root.Str("tlp"));
        var confidentiality = root.GetProperty("confidentialityInformation");
        Assert.Equal("ENTENTE", confidentiality.Str("policyIdentifier"));
        Assert.Equal("CONFIDENTIAL", confidentiality.Str("classification"));
        var relTo = confidentiality.GetProperty("categories").EnumerateArray().Single(c => c.Str("tagName") == "REL TO");
        Assert.Equal("PERMISSIVE", relTo.Str("type"));
        Assert.Equal(["GBR"], relTo.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("ES256", root.GetProperty("signature").Str("algorithm"));

        var list = await (await gbr.GetPathAsync("/api/v1/exports?pageSize=200")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), r => r.Str("id") == exportId && r.Str("sha256") == data.Str("sha256"));

        // The public key alone is enough to check it.
        var key = await gbr.GetPathAsync("/api/v1/exports/signing-key");
        Assert.Equal(HttpStatusCode.OK, key.StatusCode);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", await key.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_CLI_verifies_an_export_and_names_the_hash_when_a_byte_changes_and_the_signature_when_the_label_is_edited()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        await RecordConfidentialPledgeAsync(gbr, marker);
        var (body, exportId, _) = await ExportAsync(gbr, marker);
        var sidecar = await SidecarAsync(gbr, exportId);
        var file = Path.Combine(app.DataDirectory, $"export-{marker}.csv");
        await File.WriteAllBytesAsync(file, body, Ct);
        await File.WriteAllTextAsync(file + ".label.json", sidecar, Ct);

        var verified = await app.RunCliAsync("labels", "verify", file);
        Assert.True(verified.ExitCode == 0, verified.Output + verified.Error);
        Assert.Contains("verified", verified.Output, StringComparison.Ordinal);
        Assert.Contains("CONFIDENTIAL · REL TO GBR · TLP:AMBER", verified.Output, StringComparison.Ordinal);

        // With the public key given explicitly, as a partner without the platform would.
        var publicKey = Path.Combine(app.DataDirectory, $"label-{marker}.pub.pem");
        await File.WriteAllTextAsync(publicKey, await (await gbr.GetPathAsync("/api/v1/exports/signing-key")).Content.ReadAsStringAsync(Ct), Ct);
        Assert.Equal(0, (await app.RunCliAsync("labels", "verify", file, "--key", publicKey)).ExitCode);

        var tampered = (byte[])body.Clone();
        tampered[^3] ^= 0x01;
        await File.WriteAllBytesAsync(file, tampered, Ct);
        var changedByte = await app.RunCliAsync("labels", "verify", file);
        Assert.Equal(1, changedByte.ExitCode);
        Assert.Contains("MISMATCH hash", changedByte.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("MISMATCH size", changedByte.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("MISMATCH signature", changedByte.Output, StringComparison.Ordinal);

        await File.WriteAllBytesAsync(file, body, Ct);
        await File.WriteAllTextAsync(file + ".label.json", sidecar.Replace("CONFIDENTIAL · REL TO GBR", "RESTRICTED · REL TO GBR", StringComparison.Ordinal), Ct);
        var relabelled = await app.RunCliAsync("labels", "verify", file);
        Assert.Equal(1, relabelled.ExitCode);
        Assert.Contains("MISMATCH signature", relabelled.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("MISMATCH hash", relabelled.Output, StringComparison.Ordinal);

        Assert.Equal(2, (await app.RunCliAsync("labels", "verify", file + ".missing")).ExitCode);
    }

    [Fact]
    public async Task A_member_cannot_fetch_or_list_another_members_export_receipt()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        await RecordConfidentialPledgeAsync(gbr, marker);
        var (_, exportId, _) = await ExportAsync(gbr, marker);

        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Secret);
        await (await fra.GetPathAsync($"/api/v1/exports/{exportId}/label")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        var list = await (await fra.GetPathAsync("/api/v1/exports?pageSize=200")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), r => r.Str("id") == exportId);

        // Staff see every receipt, but only through the label: a Secretariat officer without release to GBR does not.
        using var secretariat = await app.SecretariatAsync();
        var staffView = await secretariat.GetPathAsync($"/api/v1/exports/{exportId}/label");
        var staffList = await (await secretariat.GetPathAsync("/api/v1/exports?pageSize=200")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(
            staffView.StatusCode == HttpStatusCode.OK,
            staffList.GetProperty("items").EnumerateArray().Any(r => r.Str("id") == exportId));
    }

    [Fact]
    public void Every_endpoint_that_answers_with_a_file_is_a_labelled_export()
    {
        // Endpoints that send a file meant to stay inside the platform's pages (the base map, map layers, the
        // sidecars and the public key themselves) are not exports of records.
        string[] notExports =
        [
            "/api/v1/monitoring/map", "/api/v1/monitoring/base-map", "/api/v1/exports", "/api/v1/exports/{id:guid}/label", "/api/v1/exports/signing-key",
        ];
        string[] fileTypes = ["application/octet-stream", "text/csv", "text/calendar", "application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"];
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } route && route.StartsWith("/api/v1/", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .ToList();
        var files = endpoints.Where(e =>
            !notExports.Contains(e.RoutePattern.RawText)
            && (e.RoutePattern.RawText!.Contains("export", StringComparison.OrdinalIgnoreCase)
                || e.RoutePattern.RawText.Contains("ical", StringComparison.OrdinalIgnoreCase)
                || e.RoutePattern.RawText.EndsWith(".ics", StringComparison.Ordinal)
                || e.RoutePattern.RawText.EndsWith("/pdf", StringComparison.Ordinal)
                || e.RoutePattern.RawText.EndsWith("/content", StringComparison.Ordinal)
                || e.Metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>()
                    .Any(p => p.ContentTypes.Any(t => fileTypes.Contains(t, StringComparer.OrdinalIgnoreCase)))))
            .ToList();
        Assert.True(files.Count >= 10, $"Only {files.Count} file endpoints found.");
        var unlabelled = files.Where(e => e.Metadata.GetMetadata<LabelledExportMetadata>() is null).Select(e => e.RoutePattern.RawText).ToList();
        Assert.True(unlabelled.Count == 0, "Exports without WithLabelledExport(): " + string.Join(", ", unlabelled));
    }

    [Fact]
    public async Task A_page_showing_a_confidential_record_carries_the_confidential_banner_above_and_below_and_in_print()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var id = await RecordConfidentialPledgeAsync(gbr, marker);

        var response = await gbr.GetPathAsync($"/ledger/pledges/{id}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var top = html.IndexOf("page-marking page-marking-top", StringComparison.Ordinal);
        var bottom = html.IndexOf("page-marking page-marking-bottom", StringComparison.Ordinal);
        var content = html.IndexOf($"Sidecar shells {marker}", Math.Max(top, 0), StringComparison.Ordinal);
        Assert.True(top >= 0 && top < content && content < bottom, "The banners sit above and below the content.");
        foreach (var at in new[] { top, bottom })
        {
            var banner = html[at..html.IndexOf("</div>", at, StringComparison.Ordinal)];
            Assert.Contains("CONFIDENTIAL · REL TO GBR · TLP:AMBER", banner, StringComparison.Ordinal);
        }

        var css = await File.ReadAllTextAsync(StyleSheet(), Ct);
        var print = css[css.IndexOf("@media print", StringComparison.Ordinal)..];
        Assert.Matches(@"\.page-marking\s*\{[^}]*position:\s*fixed", print);
    }

    private static string StyleSheet()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var css = Path.Combine(dir.FullName, "src", "Entente", "wwwroot", "css", "app.css");
            if (File.Exists(css))
            {
                return css;
            }
        }

        throw new FileNotFoundException("app.css not found above the test directory.");
    }
}

public sealed class LabelSidecarTestsOnSqlite(SqliteApp app) : LabelSidecarTests<SqliteApp>(app);

public sealed class LabelSidecarTestsOnPostgres(PostgresApp app) : LabelSidecarTests<PostgresApp>(app);
