namespace Entente.BrowserTests;

public sealed class PublicPagesTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_home_page_renders_without_script_or_policy_errors_and_offers_sign_in()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using (context)
        {
            var response = await page.GotoAsync("/");
            Assert.NotNull(response);
            Assert.Equal(200, response.Status);
            Assert.Equal("Entente", await page.Locator("h1").InnerTextAsync());
            Assert.True(await page.Locator("#main a.button", new() { HasText = "Sign in" }).IsVisibleAsync());
            Assert.Empty(errors);
        }
    }

    [Fact]
    public async Task Focus_lands_on_the_page_heading_and_the_skip_link_leads_to_the_content()
    {
        var (context, page, _) = await app.NewPageAsync();
        await using (context)
        {
            await page.GotoAsync("/not-found");
            Assert.Equal("H1", await page.EvaluateAsync<string>("() => document.activeElement.tagName"));

            var firstStop = await page.EvaluateAsync<string>(
                "() => document.querySelector('a[href], button, input:not([type=hidden]), select, textarea').textContent.trim()");
            Assert.Equal("Skip to content", firstStop);
            await page.Locator("a.skip-link").FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            Assert.EndsWith("/not-found#main", page.Url, StringComparison.Ordinal);
            // Focus is now inside the content (on <main> itself or its heading), past the banner and navigation.
            Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('main').contains(document.activeElement)"));
        }
    }

    [Fact]
    public async Task On_a_phone_the_navigation_folds_behind_a_menu_control()
    {
        var (context, page, _) = await app.NewPageAsync(390, 844);
        await using (context)
        {
            await page.GotoAsync("/");
            var nav = page.Locator("nav.sidebar");
            Assert.False(await nav.IsVisibleAsync());
            await page.Locator("label.nav-toggle-label").ClickAsync();
            Assert.True(await nav.IsVisibleAsync());
        }
    }
}
