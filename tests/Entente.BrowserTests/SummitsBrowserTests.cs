using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Entente.Infrastructure.Labels;
using Microsoft.Playwright;

namespace Entente.BrowserTests;

public sealed class SummitsBrowserTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_delegate_breaks_silence_from_the_proposal_page_and_the_draft_goes_back_for_revision()
    {
        // The Secretariat circulates a draft under silence through the API.
        var secretariat = await app.CreateUserAsync("Secretariat", null, ClassificationLevels.Secret, twoFactor: true);
        using var api = app.Anonymous();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.IssueTokenAsync(secretariat, "browser"));
        var title = "Statement on energy infrastructure " + Guid.NewGuid().ToString("N")[..6];
        using var created = await api.PostAsJsonAsync("/api/v1/proposals",
            new { title, text = "The coalition condemns strikes on energy infrastructure.", label = new { classification = "RESTRICTED" } },
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();
        var deadline = DateTimeOffset.UtcNow.AddHours(6).ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
        using var opened = await api.PostAsJsonAsync($"/api/v1/proposals/{id}/silence", new { deadline }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);

        var delegatePol = await app.CreateUserAsync("Delegate", "POL", ClassificationLevels.Confidential);
        var token = await app.IssueTokenAsync(delegatePol, "browser");
        var (context, page, errors) = await app.NewPageAsync();
        await using (context)
        {
            await context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" });
            await page.GotoAsync($"/summits/proposals/{id}");
            Assert.Equal(title, await page.Locator("h1").InnerTextAsync());
            Assert.Contains("The text is adopted then unless a member breaks silence.", await page.Locator("#silence-heading + p").InnerTextAsync(),
                StringComparison.Ordinal);

            // An empty reason is refused on the page; nothing is broken.
            await page.GetByRole(AriaRole.Button, new() { Name = "Break silence" }).ClickAsync();
            await page.Locator(".validation-message, .notice-error").First.WaitForAsync();
            Assert.Equal(1, await page.Locator("#silence-heading").CountAsync());

            await page.GetByLabel("Reason").FillAsync("Poland asks for a reference to the grid's air defence.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Break silence" }).ClickAsync();
            await page.GetByText("POL broke silence").WaitForAsync();
            Assert.Equal(0, await page.Locator("#silence-heading").CountAsync());
            Assert.Contains("returned for revision", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Empty(errors);
        }

        var proposal = await api.GetFromJsonAsync<JsonElement>($"/api/v1/proposals/{id}", TestContext.Current.CancellationToken);
        Assert.Equal("returnedForRevision", proposal.GetProperty("status").GetString());
    }
}
