using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Entente.Demo;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Forces;
using Entente.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Entente.Tests.Sharing;

/// <summary>Documents over the API: uploads checked for what they are, downloads that never render, labels that hold.</summary>
public abstract class DocumentsApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] GbrOnly = ["GBR"];
    private static readonly string[] GbrAndFra = ["GBR", "FRA"];

    private static readonly byte[] PdfBytes = DemoDocuments.Pdf("Test document", "Second line");

    [Fact]
    public async Task An_uploaded_pdf_downloads_byte_for_byte_with_its_sha256_as_an_attachment_that_cannot_render()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var created = await (await gbr.UploadAsync("Concept note " + Guid.NewGuid().ToString("N")[..6], "concept-note.pdf", "application/pdf", PdfBytes,
            ("label.classification", "CONFIDENTIAL"), ("label.releasableTo", "GBR,FRA"))).JsonAsync(HttpStatusCode.Created);
        var version = created.GetProperty("versions")[0];
        var sha = Convert.ToHexStringLower(SHA256.HashData(PdfBytes));
        Assert.Equal(sha, version.Str("sha256"));
        Assert.Equal("application/pdf", version.Str("contentType"));
        Assert.Equal(PdfBytes.Length, version.GetProperty("size").GetInt64());
        Assert.Equal("CONFIDENTIAL", created.GetProperty("label").Str("classification"));

        var response = await gbr.GetPathAsync(version.Str("contentUrl"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("concept-note.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("sandbox; default-src 'none'", string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains("CONFIDENTIAL", string.Join(",", response.Headers.GetValues("Entente-Marking")), StringComparison.Ordinal);
        Assert.Equal($"\"{sha}\"", response.Headers.ETag?.Tag);
    }

    public static TheoryData<string, string?, string, HttpStatusCode, string> LyingFiles => new()
    {
        { "report.pdf", "application/pdf", "<!DOCTYPE html><html><script>alert(1)</script></html>", HttpStatusCode.BadRequest, "/problems/sharing.file-type-mismatch" },
        { "photo.png", "image/png", "just some text, not an image", HttpStatusCode.BadRequest, "/problems/sharing.file-type-mismatch" },
        { "notes.txt", "text/plain", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", HttpStatusCode.BadRequest, "/problems/sharing.file-type-mismatch" },
        { "notes.txt", "image/png", "plain words claimed to be an image", HttpStatusCode.BadRequest, "/problems/sharing.file-type-mismatch" },
        { "page.html", "text/html", "<html></html>", HttpStatusCode.UnsupportedMediaType, "/problems/sharing.file-type-not-allowed" },
        { "setup.exe", "application/octet-stream", "MZ\u0090\0\u0003", HttpStatusCode.UnsupportedMediaType, "/problems/sharing.file-type-not-allowed" },
    };

    [Theory]
    [MemberData(nameof(LyingFiles))]
    public async Task A_file_whose_name_or_type_lies_about_its_content_is_refused_and_nothing_is_stored(
        string name, string? type, string content, HttpStatusCode status, string problemType)
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var before = await CountAsync();
        var problem = await (await gbr.UploadAsync("Lying file", name, type, Encoding.UTF8.GetBytes(content), ("label.classification", "RESTRICTED")))
            .ProblemAsync(status, problemType);
        Assert.False(string.IsNullOrWhiteSpace(problem.Str("detail")));
        Assert.Equal(before, await CountAsync());
    }

    public static TheoryData<string, string> PathTricks => new()
    {
        { "../../etc/passwd.txt", "passwd.txt" },
        { "C:\\x\\y.txt", "y.txt" },
        { "..\\..\\windows\\system32\\notes.txt", "notes.txt" },
        { "CON.txt", "_CON.txt" },
        { "report\u202Etxt.exe.txt", "reporttxt.exe.txt" },
        { "line\nbreak\t.txt", "linebreak.txt" },
    };

    [Theory]
    [MemberData(nameof(PathTricks))]
    public async Task Path_tricks_in_file_names_are_reduced_to_a_safe_display_name(string sent, string kept)
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var created = await (await gbr.UploadAsync("Named file", sent, "text/plain", "Plain words."u8.ToArray(), ("label.classification", "PUBLIC")))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal(kept, created.GetProperty("versions")[0].Str("fileName"));
    }

    [Theory]
    [InlineData("../../")]
    [InlineData("...")]
    [InlineData("C:\\")]
    public async Task A_file_name_that_is_only_a_path_is_refused_with_a_clear_reason(string sent)
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var before = await CountAsync();
        var problem = await (await gbr.UploadAsync("Nameless", sent, "text/plain", "Plain words."u8.ToArray(), ("label.classification", "PUBLIC")))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        Assert.Contains("no usable name", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_member_without_release_cannot_get_list_count_or_download_the_document()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Secret);
        using var deu = await app.DelegateAsync("DEU", ClassificationLevels.Secret);
        var title = "For British eyes " + Guid.NewGuid().ToString("N")[..6];
        var totalBefore = (await (await deu.GetPathAsync("/api/v1/documents?pageSize=200")).JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32();
        var created = await (await gbr.UploadAsync(title, "eyes-only.pdf", "application/pdf", PdfBytes,
            ("label.classification", "CONFIDENTIAL"), ("label.releasableTo", "GBR"))).JsonAsync(HttpStatusCode.Created);
        var id = created.Str("id");

        await (await deu.GetPathAsync($"/api/v1/documents/{id}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await (await deu.GetPathAsync($"/api/v1/documents/{id}/versions")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await (await deu.GetPathAsync($"/api/v1/documents/{id}/versions/1/content")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await (await deu.UploadVersionAsync(id, 1, "eyes-only.pdf", "application/pdf", PdfBytes)).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        var list = await (await deu.GetPathAsync("/api/v1/documents?pageSize=200&q=" + Uri.EscapeDataString(title))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        var all = await (await deu.GetPathAsync("/api/v1/documents?pageSize=200")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(totalBefore, all.GetProperty("total").GetInt32());
        Assert.DoesNotContain(all.GetProperty("items").EnumerateArray(), d => d.Str("id") == id);

        // The British delegate, who may read it, finds it, and the download is audited as a restricted read.
        var mine = await (await gbr.GetPathAsync("/api/v1/documents?q=" + Uri.EscapeDataString(title))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, mine.GetProperty("total").GetInt32());
        var download = await gbr.GetPathAsync($"/api/v1/documents/{id}/versions/1/content");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var audited = await app.DbAsync(db => db.AuditEntries.IgnoreQueryFilters()
            .CountAsync(e => e.Action == "read" && e.Details != null && e.Details.Contains("sharing_document_contents") && e.Details.Contains(id + "/1"), Ct));
        Assert.Equal(1, audited);
    }

    [Fact]
    public async Task A_document_on_a_record_the_caller_cannot_see_is_refused_as_not_found()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        using var deu = await app.DelegateAsync("DEU", ClassificationLevels.Confidential);
        var offer = await gbr.RecordAsync(OfferTestKit.Offer("GBR", o => o["label"] = new { classification = "CONFIDENTIAL", releasableTo = GbrOnly }));
        var before = await CountAsync();
        await (await deu.UploadAsync("On a hidden offer", "note.pdf", "application/pdf", PdfBytes,
                ("label.classification", "CONFIDENTIAL"), ("parentKind", "offer"), ("parentId", offer.Str("id"))))
            .ProblemAsync(HttpStatusCode.NotFound, "/problems/sharing.parent-not-found");
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_document_labelled_below_its_parent_is_refused_with_the_reason()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var offer = await gbr.RecordAsync(OfferTestKit.Offer("GBR", o => o["label"] = new { classification = "CONFIDENTIAL", releasableTo = GbrAndFra }));
        var before = await CountAsync();
        var problem = await (await gbr.UploadAsync("Below its offer", "note.pdf", "application/pdf", PdfBytes,
                ("label.classification", "RESTRICTED"), ("parentKind", "offer"), ("parentId", offer.Str("id"))))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/sharing.label-below-parent");
        Assert.Contains("less restrictive than the record", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());

        var fine = await (await gbr.UploadAsync("On its offer", "note.pdf", "application/pdf", PdfBytes,
                ("label.classification", "CONFIDENTIAL"), ("label.releasableTo", "GBR"), ("parentKind", "offer"), ("parentId", offer.Str("id"))))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal("offer", fine.Str("parentKind"));
        var onOffer = await (await gbr.GetPathAsync($"/api/v1/documents?parentKind=offer&parentId={offer.Str("id")}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, onOffer.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_new_version_against_a_stale_version_is_refused_with_a_conflict()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var created = await (await gbr.UploadAsync("Versioned", "v1.txt", "text/plain", "First."u8.ToArray(), ("label.classification", "RESTRICTED")))
            .JsonAsync(HttpStatusCode.Created);
        var id = created.Str("id");
        var second = await (await gbr.UploadVersionAsync(id, 1, "v2.txt", "text/plain", "Second."u8.ToArray(), "Corrected")).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        await (await gbr.UploadVersionAsync(id, 1, "v2b.txt", "text/plain", "Stale."u8.ToArray())).ProblemAsync(HttpStatusCode.Conflict, "/problems/sharing.document-version-conflict");
        var versions = (await (await gbr.GetPathAsync($"/api/v1/documents/{id}/versions")).JsonAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(["v1.txt", "v2.txt"], versions.Select(v => v.Str("fileName")));
        Assert.Equal("Corrected", versions[1].Str("note"));
        var content = await (await gbr.GetPathAsync(versions[1].Str("contentUrl"))).Content.ReadAsStringAsync(Ct);
        Assert.Equal("Second.", content);
    }

    [Fact]
    public async Task The_documents_page_shows_a_delegate_the_row_and_its_marking()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var title = "Page row " + Guid.NewGuid().ToString("N")[..6];
        await (await gbr.UploadAsync(title, "row.txt", "text/plain", "Row."u8.ToArray(), ("label.classification", "RESTRICTED"), ("label.releasableTo", "GBR")))
            .JsonAsync(HttpStatusCode.Created);
        var response = await gbr.GetPathAsync("/sharing/documents?q=" + Uri.EscapeDataString(title));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.Contains("RESTRICTED", html, StringComparison.Ordinal);
        Assert.Contains("REL TO GBR", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_document_page_lists_versions_with_their_fingerprints_and_is_not_found_for_a_member_without_release()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        using var deu = await app.DelegateAsync("DEU", ClassificationLevels.Confidential);
        var created = await (await gbr.UploadAsync("Page details", "details.pdf", "application/pdf", PdfBytes,
            ("label.classification", "CONFIDENTIAL"), ("label.releasableTo", "GBR"))).JsonAsync(HttpStatusCode.Created);
        var id = created.Str("id");
        var response = await gbr.GetPathAsync($"/sharing/documents/{id}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(created.GetProperty("versions")[0].Str("sha256"), html, StringComparison.Ordinal);
        Assert.Contains($"/api/v1/documents/{id}/versions/1/content", html, StringComparison.Ordinal);
        Assert.Contains("Upload version 2", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await deu.GetPathAsync($"/sharing/documents/{id}")).StatusCode);
        var form = await gbr.GetPathAsync("/sharing/documents/new");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("multipart/form-data", await form.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private Task<int> CountAsync() => app.DbAsync(db => db.Documents.IgnoreQueryFilters().CountAsync(Ct));
}

public sealed class DocumentsApiTestsOnSqlite(SqliteApp app) : DocumentsApiTests<SqliteApp>(app);

public sealed class DocumentsApiTestsOnPostgres(PostgresApp app) : DocumentsApiTests<PostgresApp>(app);

/// <summary>A host that takes documents of at most 1 KiB.</summary>
public sealed class SmallUploadSqliteApp : SqliteApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Entente:Sharing:MaxUploadBytes"] = "1024" };
}

public sealed class SmallUploadPostgresApp : PostgresApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Entente:Sharing:MaxUploadBytes"] = "1024" };
}

public abstract class DocumentSizeLimitTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    [Fact]
    public async Task A_file_over_the_configured_limit_is_refused_with_413_saying_the_limit_and_nothing_is_stored()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var big = Encoding.UTF8.GetBytes(new string('a', 5000));
        var problem = await (await gbr.UploadAsync("Too big", "big.txt", "text/plain", big, ("label.classification", "PUBLIC")))
            .ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "/problems/sharing.upload-too-large");
        Assert.Contains("1 KiB", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(0, await app.DbAsync(db => db.Documents.IgnoreQueryFilters().CountAsync(TestContext.Current.CancellationToken)));

        var small = await (await gbr.UploadAsync("Small", "small.txt", "text/plain", "Fits."u8.ToArray(), ("label.classification", "PUBLIC"))).JsonAsync(HttpStatusCode.Created);
        await (await gbr.UploadVersionAsync(small.Str("id"), 1, "big.txt", "text/plain", big)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "/problems/sharing.upload-too-large");
    }
}

public sealed class DocumentSizeLimitTestsOnSqlite(SmallUploadSqliteApp app) : DocumentSizeLimitTests<SmallUploadSqliteApp>(app);

public sealed class DocumentSizeLimitTestsOnPostgres(SmallUploadPostgresApp app) : DocumentSizeLimitTests<SmallUploadPostgresApp>(app);

/// <summary>Uploads as API clients send them: one multipart form.</summary>
internal static class DocumentTestKit
{
    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, string title, string fileName, string? contentType, byte[] bytes,
        params (string Name, string Value)[] fields)
    {
        var form = Form(fileName, contentType, bytes, [("title", title), .. fields]);
        return client.PostAsync(new Uri("/api/v1/documents", UriKind.Relative), form, TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> UploadVersionAsync(this HttpClient client, string id, int expectedVersion, string fileName, string? contentType,
        byte[] bytes, string? note = null)
    {
        (string, string)[] fields = note is null
            ? [("expectedVersion", expectedVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))]
            : [("expectedVersion", expectedVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("note", note)];
        return client.PostAsync(new Uri($"/api/v1/documents/{id}/versions", UriKind.Relative), Form(fileName, contentType, bytes, fields),
            TestContext.Current.CancellationToken);
    }

    private static MultipartFormDataContent Form(string fileName, string? contentType, byte[] bytes, IEnumerable<(string Name, string Value)> fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        // Set the name as sent, byte for byte: HttpClient would otherwise quote or encode it its own way.
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = fileName };
        form.Add(file);
        return form;
    }
}
