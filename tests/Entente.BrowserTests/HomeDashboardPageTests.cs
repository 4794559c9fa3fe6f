using Entente.Infrastructure.Labels;
using Entente.Modules.Identity.Domain;
using Microsoft.Playwright;

namespace Entente.BrowserTests;

/// <summary>The home overview on a phone, for the roles with the densest overviews.</summary>
public sealed class HomeDashboardPageTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(Roles.Administrator, "CSEC", "Administration")]
    [InlineData(Roles.Secretariat, "CSEC", "Registry")]
    [InlineData(Roles.Delegate, "GBR", "Your delegation")]
    public async Task On_a_phone_the_overview_fits_the_screen(string role, string member, string heading)
    {
        await app.StartBrowserAsync();
        var user = await app.CreateUserAsync(role, member, ClassificationLevels.Confidential, twoFactor: role != Roles.Delegate);
        await using var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {await app.IssueTokenAsync(user, "browser")}" },
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");

        Assert.True(await page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true }).IsVisibleAsync());
        Assert.Equal("", await page.EvaluateAsync<string>(BrowserChecks.WiderThanTheScreen));
    }
}
