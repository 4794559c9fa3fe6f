using Entente.Infrastructure.Labels;
using Microsoft.Playwright;

namespace Entente.BrowserTests;

public sealed class LedgerPagesBrowserTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_delegate_records_a_pledge_through_the_form_then_its_delivery_and_sees_the_timeline()
    {
        var user = await app.CreateUserAsync("Delegate", "GBR", ClassificationLevels.Confidential);
        var token = await app.IssueTokenAsync(user, "browser");
        var (context, page, errors) = await app.NewPageAsync();
        await using (context)
        {
            await context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" });
            await page.GotoAsync("/ledger");
            await page.GetByRole(AriaRole.Link, new() { Name = "Record a pledge" }).ClickAsync();
            await page.WaitForURLAsync("**/ledger/pledges/new");

            await page.GetByLabel("Measure", new() { Exact = true }).FillAsync("Air defence missiles, recorded in the browser");
            await page.GetByLabel("Announced on").FillAsync("2025-06-03");
            await page.GetByLabel("Type of support").SelectOptionAsync("AirDefence");
            await page.GetByLabel("Amount", new() { Exact = true }).FillAsync("1,600,000,000.00");
            await page.GetByLabel("Currency").FillAsync("GBP");
            await page.Locator("#input-sources-0-publisher").FillAsync("Prime Minister's Office");
            await page.Locator("#input-sources-0-published").FillAsync("2025-06-03");
            await page.GetByRole(AriaRole.Button, new() { Name = "Record the pledge" }).ClickAsync();
            await page.GetByText("The pledge was recorded.").WaitForAsync();
            Assert.Equal("Air defence missiles, recorded in the browser", await page.Locator("h1").InnerTextAsync());

            // Committed, then allocated (the step the form proposes next), then a delivered tranche.
            foreach (var (stage, amount) in new[] { ("Committed", (string?)null), ("Allocated", null), ("Delivered", "600,000,000.00") })
            {
                Assert.Equal(stage, await page.Locator("#step-stage").InputValueAsync());
                await page.GetByLabel("Date", new() { Exact = true }).FillAsync("2025-07-01");
                if (amount is not null)
                {
                    await page.GetByLabel("Amount in GBP").FillAsync(amount);
                }

                await page.Locator("#step-source-publisher").FillAsync("Ministry of Defence");
                await page.Locator("#step-source-published").FillAsync("2025-07-01");
                await page.GetByRole(AriaRole.Button, new() { Name = "Record the step" }).ClickAsync();
                await page.GetByText("The step was recorded.").WaitForAsync();
            }

            var steps = page.Locator("ol.timeline > li");
            Assert.Equal(4, await steps.CountAsync());
            var delivery = steps.Nth(3);
            Assert.Contains("Delivered", await delivery.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("600,000,000.00 GBP", await delivery.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("Partly delivered", await page.Locator("dl.facts").First.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal("0.375", await page.Locator("#delivered-meter").GetAttributeAsync("value"));
            Assert.Empty(errors);
        }
    }

    [Fact]
    public async Task The_charts_draw_from_their_tables_under_the_content_security_policy_and_keep_the_table_at_hand()
    {
        var user = await app.CreateUserAsync("Secretariat", "CSEC", ClassificationLevels.Secret, twoFactor: true);
        var token = await app.IssueTokenAsync(user, "browser");
        using (var api = app.Anonymous())
        {
            api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var body = new StringContent(
                """{"donor":"FRA","announcedOn":"2025-06-02","measure":"Shells for the charts","type":"artilleryAmmunition","amount":195000000000,"currency":"EUR","valuation":"donorStated","channel":"bilateral","sources":[{"publisher":"Ministère des Armées","publishedOn":"2025-06-02"}],"label":{"classification":"PUBLIC"}}""",
                System.Text.Encoding.UTF8, "application/json");
            var created = await api.PostAsync(new Uri("/api/v1/pledges", UriKind.Relative), body, TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        }

        var (context, page, errors) = await app.NewPageAsync();
        await using (context)
        {
            await context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" });
            await page.GotoAsync("/ledger/charts");
            var type = page.Locator("#ledger-type");
            await type.Locator("canvas[role='img']").WaitForAsync();
            Assert.False(await type.Locator("table").IsVisibleAsync());
            await type.GetByText("Figures as a table").ClickAsync();
            Assert.True(await type.Locator("table").GetByText("Artillery and ammunition").IsVisibleAsync());
            Assert.Empty(errors);
        }
    }
}
