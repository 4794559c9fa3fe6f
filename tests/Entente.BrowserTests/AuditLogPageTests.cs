using Entente.Infrastructure.Labels;
using Entente.Modules.Identity.Domain;
using Microsoft.Playwright;

namespace Entente.BrowserTests;

/// <summary>The audit log in a real browser: usable on a phone, and verifiable without JavaScript.</summary>
public sealed class AuditLogPageTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task On_a_phone_the_log_table_scrolls_inside_its_frame_and_an_entry_opens_to_show_its_details()
    {
        await using var context = await AdministratorContextAsync(390, 844, javaScript: true);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/audit");

        Assert.Equal("", await page.EvaluateAsync<string>(BrowserChecks.WiderThanTheScreen));
        var firstEntry = page.Locator("table.audit-table tbody tr").First;
        await firstEntry.Locator("summary").ClickAsync();
        Assert.True(await firstEntry.Locator("details pre").IsVisibleAsync());
        Assert.Contains("\"", await firstEntry.Locator("details pre").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_JavaScript_an_administrator_filters_the_log_and_verifies_the_chain()
    {
        await using var context = await AdministratorContextAsync(1280, 900, javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/audit");

        await page.Locator("#f-action").SelectOptionAsync("create");
        await page.Locator("form.filters button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/audit?**action=create**");
        var actions = await page.Locator("table.audit-table tbody .pill").AllInnerTextsAsync();
        Assert.NotEmpty(actions);
        Assert.All(actions, a => Assert.Equal("create", a));

        await page.GetByRole(AriaRole.Button, new() { Name = "Verify the chain now" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        Assert.Contains("The chain is intact.", await page.Locator("[role=status]").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("create", await page.Locator("#f-action").InputValueAsync());
    }

    /// <summary>A browser context that sends an administrator's API token with every request.</summary>
    private async Task<IBrowserContext> AdministratorContextAsync(int width, int height, bool javaScript)
    {
        await app.StartBrowserAsync();
        var user = await app.CreateUserAsync(Roles.Administrator, "CSEC", ClassificationLevels.Secret, twoFactor: true);
        var token = await app.IssueTokenAsync(user, "browser");
        return await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            JavaScriptEnabled = javaScript,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        });
    }
}
