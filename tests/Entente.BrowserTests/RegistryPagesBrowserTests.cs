using Entente.Infrastructure.Labels;

namespace Entente.BrowserTests;

public sealed class RegistryPagesBrowserTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_public_page_lists_the_coalition_by_status_without_script_or_policy_errors()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using (context)
        {
            var response = await page.GotoAsync("/public");
            Assert.NotNull(response);
            Assert.Equal(200, response.Status);
            Assert.Equal("The coalition", await page.Locator("h1").InnerTextAsync());
            Assert.Equal("Co-chairs (2)", await page.Locator("#heading-cochair").InnerTextAsync());
            Assert.True(await page.Locator("#status-cochair li", new() { HasText = "United Kingdom" }).IsVisibleAsync());
            Assert.Equal(0, await page.Locator("main", new() { HasText = "Coalition Secretariat" }).CountAsync());
            Assert.Empty(errors);
        }
    }

    [Fact]
    public async Task Markings_take_the_policy_colours_from_the_generated_stylesheet()
    {
        var user = await app.CreateUserAsync("Delegate", "GBR", ClassificationLevels.Confidential);
        var token = await app.IssueTokenAsync(user, "browser");
        var (context, page, errors) = await app.NewPageAsync();
        await using (context)
        {
            await context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" });
            var response = await page.GotoAsync("/registry/members?status=coChair");
            Assert.NotNull(response);
            Assert.Equal(200, response.Status);
            var marking = page.Locator("td .label-marking").First;
            var background = await marking.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
            Assert.Equal("rgb(46, 125, 50)", background); // #2e7d32, PUBLIC in the default policy
            Assert.Equal(2, await page.Locator("tbody tr").CountAsync());
            Assert.Empty(errors);
        }
    }

    [Fact]
    public async Task The_delegate_form_opens_its_member_picker_from_the_keyboard_without_script()
    {
        var user = await app.CreateUserAsync("Delegate", "FRA", ClassificationLevels.Confidential);
        var token = await app.IssueTokenAsync(user, "browser");
        var (context, page, errors) = await app.NewPageAsync();
        await using (context)
        {
            await context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" });
            await page.GotoAsync("/registry/members/FRA/delegates/new");
            var checkbox = page.Locator("input[name='Input.Label.ReleasableTo'][value='GBR']");
            Assert.False(await checkbox.IsVisibleAsync());
            await page.Locator("details.rel-picker > summary").FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            Assert.True(await checkbox.IsVisibleAsync());
            Assert.Equal("RESTRICTED", await page.Locator("select[name='Input.Label.Classification']").InputValueAsync());
            Assert.Empty(errors);
        }
    }
}
