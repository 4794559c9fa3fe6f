using System.Net;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Identity;
using Microsoft.EntityFrameworkCore;
using static Entente.Tests.Ledger.LedgerFiles;
using static Entente.Tests.Registry.RegistryTestClient;

namespace Entente.Tests.Ledger;

public abstract class LedgerImportPageTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private async Task<HttpClient> SignedInDelegateAsync()
    {
        var client = app.CookieClient();
        await AccountForms.SignInAsync(client, await app.CreateUserAsync("Delegate", "GBR", ClassificationLevels.Confidential));
        return client;
    }

    /// <summary>Uploads a file through the page's form, as a browser without script does; returns the import's page address.</summary>
    private static async Task<(HttpResponseMessage Response, string Html)> UploadAsync(HttpClient client, byte[] file)
    {
        var (_, html) = await PageForms.GetPageAsync(client, "/ledger/import");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(PageForms.TokenOf(html)), "__RequestVerificationToken" },
            { new StringContent("import-upload"), "_handler" },
            { new ByteArrayContent(file), "file", "pledges.csv" },
        };
        var response = await client.PostAsync(new Uri("/ledger/import", UriKind.Relative), content, Ct);
        return (response, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)));
    }

    private static string PageOf(HttpResponseMessage redirect)
    {
        var location = redirect.Headers.Location!;
        return location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString;
    }

    /// <summary>Waits, as the page's script does, until the import has stopped; returns the page then.</summary>
    private static async Task<string> WaitForAsync(HttpClient client, string page)
    {
        var id = page.Split('/')[^1];
        for (var i = 0; i < 300; i++)
        {
            var progress = await (await client.GetPathAsync($"/api/v1/ledger/imports/{id}/progress")).JsonAsync(HttpStatusCode.OK);
            if (progress.GetProperty("finished").GetBoolean())
            {
                break;
            }

            await Task.Delay(100, Ct);
        }

        var (response, html) = await AccountForms.GetPageAsync(client, page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return html;
    }

    [Fact]
    public async Task A_delegate_checks_a_file_on_the_page_then_confirms_and_every_pledge_is_stored()
    {
        using var client = await SignedInDelegateAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];
        var before = await app.DbAsync(db => db.Pledges.CountAsync());

        var (upload, _) = await UploadAsync(client, Csv(Row(measure: $"Missiles {marker}"), Row(measure: $"Drones {marker}", specific: "drones")));

        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var page = PageOf(upload);
        Assert.StartsWith("/ledger/import/", page, StringComparison.Ordinal);
        var checkedPage = await WaitForAsync(client, page);
        Assert.Contains("All 2 rows can be imported.", checkedPage, StringComparison.Ordinal);
        Assert.Contains($"Missiles {marker}", checkedPage, StringComparison.Ordinal);
        Assert.Equal(before, await app.DbAsync(db => db.Pledges.CountAsync()));

        var (commit, _) = await AccountForms.PostAsync(client, page, "import-commit", new Dictionary<string, string>(), AccountForms.TokenOf(checkedPage));
        Assert.Equal(HttpStatusCode.Redirect, commit.StatusCode);
        var storedPage = await WaitForAsync(client, page);

        Assert.Contains("2 pledges stored", storedPage, StringComparison.Ordinal);
        Assert.Equal(before + 2, await app.DbAsync(db => db.Pledges.CountAsync()));
    }

    [Fact]
    public async Task The_page_lists_every_refused_row_and_offers_no_way_to_store_the_file()
    {
        using var client = await SignedInDelegateAsync();

        var (upload, _) = await UploadAsync(client, Csv(Row(), Row(donor: "FRA"), Row(currency: "XYZ")));
        var html = await WaitForAsync(client, PageOf(upload));

        Assert.Contains("2 rows of 3 cannot be imported", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>3</td><td>donor</td>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>4</td><td>currency</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("import-commit", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_is_explained_on_the_form()
    {
        using var client = await SignedInDelegateAsync();

        var (response, html) = await UploadAsync(client, [0xD0, 0xCF, 0x11, 0xE0, 0, 0]);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("old Excel workbook (.xls)", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_browser_session_posting_to_the_import_api_without_the_antiforgery_token_is_refused()
    {
        using var client = await SignedInDelegateAsync();
        var before = await app.DbAsync(db => db.Pledges.CountAsync());

        var response = await client.ImportAsync(Csv(Row()));

        await response.ProblemAsync(HttpStatusCode.BadRequest, "/problems/antiforgery-failed");
        Assert.Equal(before, await app.DbAsync(db => db.Pledges.CountAsync()));
    }

    [Fact]
    public async Task Another_users_import_does_not_exist_for_you()
    {
        using var owner = await SignedInDelegateAsync();
        using var other = await SignedInDelegateAsync();
        var (upload, _) = await UploadAsync(owner, Csv(Row()));
        var page = PageOf(upload);

        var (response, _) = await AccountForms.GetPageAsync(other, page);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await (await other.GetPathAsync($"/api/v1/ledger/imports/{page.Split('/')[^1]}/progress")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
    }
}

public sealed class LedgerImportPageTestsOnSqlite(SqliteApp app) : LedgerImportPageTests<SqliteApp>(app);

public sealed class LedgerImportPageTestsOnPostgres(PostgresApp app) : LedgerImportPageTests<PostgresApp>(app);
