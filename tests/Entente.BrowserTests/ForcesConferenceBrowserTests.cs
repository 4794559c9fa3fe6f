using System.Globalization;
using Entente.Infrastructure.Labels;
using Microsoft.Playwright;

namespace Entente.BrowserTests;

public sealed class ForcesConferenceBrowserTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_secretariat_records_a_bid_at_the_demo_conference_and_sees_the_tally_change_under_the_readiness_chart()
    {
        var reset = await app.RunCliAsync("demo", "reset");
        Assert.True(reset.ExitCode == 0, reset.Error);
        var secretariat = await app.CreateUserAsync("Secretariat", "CSEC", ClassificationLevels.Secret, twoFactor: true);
        var token = await app.IssueTokenAsync(secretariat, "browser");
        var (context, page, errors) = await app.NewPageAsync();
        await using (context)
        {
            await context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" });
            await page.GotoAsync("/forces/conferences");
            await page.GetByRole(AriaRole.Link, new() { Name = "Force generation conference 1" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Tally by requirement line" }).WaitForAsync();

            // The readiness chart is drawn from its table, under the content security policy.
            await page.Locator("#conference-readiness canvas[role='img']").WaitForAsync();

            // The first offer with units left, and a line of its capability.
            var group = page.Locator("#b-offer optgroup").First;
            var capability = await group.GetAttributeAsync("label");
            var offer = group.Locator("option").First;
            var offerText = await offer.InnerTextAsync();
            var left = int.Parse(offerText.Split(" · ")[2].Split(' ')[0], CultureInfo.InvariantCulture);
            var lineOption = page.Locator("#b-line option").Filter(new() { HasText = $" · {capability} · " }).First;
            var code = (await lineOption.InnerTextAsync()).Split(" · ")[0];
            var before = await BidCellAsync(page, code);

            await page.Locator("#b-line").SelectOptionAsync(new SelectOptionValue { Value = await lineOption.GetAttributeAsync("value") });
            await page.Locator("#b-offer").SelectOptionAsync(new SelectOptionValue { Value = await offer.GetAttributeAsync("value") });
            await page.GetByRole(AriaRole.Button, new() { Name = "Record the bid" }).ClickAsync();
            await page.GetByText("Recorded.").WaitForAsync();

            Assert.Equal(before + left, await BidCellAsync(page, code));
            await page.Locator("#conference-readiness canvas[role='img']").WaitForAsync();
            Assert.Empty(errors);
        }
    }

    /// <summary>The units under bid (not yet confirmed) on a line, from its row of the tally.</summary>
    private static async Task<int> BidCellAsync(IPage page, string code)
    {
        var row = page.Locator("section[aria-labelledby='tally-heading'] tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = code, Exact = true }) });
        return int.Parse(await row.Locator("td").Nth(4).InnerTextAsync(), CultureInfo.InvariantCulture);
    }
}
