using Entente.Infrastructure.Labels;
using Microsoft.Playwright;

namespace Entente.BrowserTests;

public sealed class ForcesRequirementsBrowserTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_secretariat_adds_a_requirement_line_in_the_browser_and_finds_it_in_the_statement()
    {
        var secretariat = await app.CreateUserAsync("Secretariat", null, ClassificationLevels.Secret, twoFactor: true);
        var token = await app.IssueTokenAsync(secretariat, "browser");
        var unit = "mine countermeasures task group " + Guid.NewGuid().ToString("N")[..6];
        var (context, page, errors) = await app.NewPageAsync();
        await using (context)
        {
            await context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" });
            await page.GotoAsync("/forces/requirements/new");
            await page.Locator("#r-capability").SelectOptionAsync("MineCountermeasures");
            await page.Locator("#r-unit").FillAsync(unit);
            await page.Locator("#r-min").FillAsync("1");
            await page.Locator("#r-desired").FillAsync("2");

            // A maritime capability in a land sector is refused next to the field, and the form keeps what was typed.
            await page.Locator("#r-sector").SelectOptionAsync("ODESA");
            await page.GetByLabel("Demining").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Add the line" }).ClickAsync();
            await page.Locator(".validation-message").First.WaitForAsync();
            Assert.Contains("maritime sector", await page.Locator(".validation-message").First.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(unit, await page.Locator("#r-unit").InputValueAsync());

            await page.Locator("#r-sector").SelectOptionAsync("BLACKSEA");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add the line" }).ClickAsync();
            await page.GetByText("was added to the statement").WaitForAsync();
            var code = (await page.Locator("h1").InnerTextAsync()).Split(' ')[0];
            Assert.StartsWith("R-", code, StringComparison.Ordinal);

            await page.GotoAsync("/forces/requirements?component=maritime");
            Assert.Contains(unit, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(1, await page.GetByRole(AriaRole.Link, new() { Name = code, Exact = true }).CountAsync());
            Assert.Empty(errors);
        }
    }
}
