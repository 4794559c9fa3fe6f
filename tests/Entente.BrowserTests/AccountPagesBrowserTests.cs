using Entente.Infrastructure.Labels;
using Entente.Modules.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Entente.BrowserTests;

public sealed class AccountPagesBrowserTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Secretariat_staff_enrol_an_authenticator_and_keep_their_recovery_codes_without_policy_errors()
    {
        var staff = await app.CreateUserAsync(Roles.Secretariat, "CSEC", ClassificationLevels.Secret);
        var (context, page, errors) = await app.NewPageAsync();
        await using (context)
        {
            await page.GotoAsync("/account/sign-in");
            await page.GetByLabel("User name or e-mail address").FillAsync(staff.UserName);
            await page.GetByLabel("Password").FillAsync(staff.Password);
            await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

            await page.WaitForURLAsync("**/account/two-factor?required=1");
            Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('img.qr').complete && document.querySelector('img.qr').naturalWidth > 0"));
            var key = await app.AsSystemAsync(async sp =>
            {
                var users = sp.GetRequiredService<UserManager<EntenteUser>>();
                return (await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(staff.Id.ToString()))!))!;
            });
            await page.GetByLabel("Code").FillAsync(new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow));
            await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Turn on two-factor authentication" }).ClickAsync();

            Assert.Equal(10, await page.Locator("ul.recovery-codes li").CountAsync());
            await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "I have saved them, continue" }).ClickAsync();
            await page.Locator("h1", new() { HasText = "Your account" }).WaitForAsync();
            Assert.EndsWith("/account", page.Url, StringComparison.Ordinal);
            Assert.Empty(errors);
        }
    }

    [Fact]
    public async Task An_administrator_signs_in_with_a_code_reaches_the_users_and_signs_out_from_the_header()
    {
        var admin = await app.CreateUserAsync(Roles.Administrator, "CSEC", ClassificationLevels.Secret, twoFactor: true);
        var (context, page, errors) = await app.NewPageAsync();
        await using (context)
        {
            await page.GotoAsync("/admin/users");
            await page.WaitForURLAsync("**/account/sign-in?ReturnUrl=%2Fadmin%2Fusers");
            await page.GetByLabel("User name or e-mail address").FillAsync(admin.UserName);
            await page.GetByLabel("Password").FillAsync(admin.Password);
            await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
            await page.GetByLabel("Code").FillAsync(admin.CurrentCode());
            await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

            await page.WaitForURLAsync("**/admin/users");
            Assert.True(await page.Locator("table").GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = admin.UserName, Exact = true }).IsVisibleAsync());
            await page.Locator("header").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await page.GetByText("You have signed out.").WaitForAsync();
            Assert.EndsWith("/account/sign-in", page.Url, StringComparison.Ordinal);
            Assert.Empty(errors);
        }
    }
}
