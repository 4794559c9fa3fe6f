using Entente.Infrastructure.Labels;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Identity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Entente.BrowserTests;

/// <summary>The whole path a Secretariat officer takes: sign in with a code, find a member through the menu, edit it.</summary>
public sealed class SecretariatJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_secretariat_officer_signs_in_with_a_code_navigates_to_a_member_and_edits_it()
    {
        var officer = await app.CreateUserAsync(Roles.Secretariat, "CSEC", ClassificationLevels.Secret, twoFactor: true);
        const string note = "Liaison office opened in Reykjavík <b>not bold</b>.";
        var (context, page, errors) = await app.NewPageAsync();
        await using (context)
        {
            await page.GotoAsync("/");
            await page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
            await page.GetByLabel("User name or e-mail address").FillAsync(officer.UserName);
            await page.GetByLabel("Password").FillAsync(officer.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
            await page.GetByLabel("Code").FillAsync(officer.CurrentCode());
            await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
            await page.Locator("header .session-name").WaitForAsync();

            await page.Locator("nav.sidebar").GetByRole(AriaRole.Link, new() { Name = "Members" }).ClickAsync();
            await page.WaitForURLAsync("**/registry/members");
            await page.Locator("table").GetByRole(AriaRole.Link, new() { Name = "Iceland", Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/registry/members/ISL");
            await page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/registry/members/ISL/edit");

            await page.GetByLabel("Notes").FillAsync(note);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await page.GetByText("The member was saved.").WaitForAsync();
            Assert.Matches("/registry/members/ISL(\\?.*)?$", page.Url);

            // The note is shown as text: the markup in it is not interpreted.
            Assert.True(await page.GetByText(note).IsVisibleAsync());
            Assert.Equal(0, await page.Locator("main b", new() { HasText = "not bold" }).CountAsync());
            Assert.Empty(errors);
        }

        var audited = await app.DbAsync(db => db.AuditEntries.AnyAsync(e =>
            e.Action == AuditActions.Update && e.EntityType == "registry_members" && e.EntityId == "ISL" && e.ActorName == officer.UserName));
        Assert.True(audited, "The edit was not written to the audit chain under the officer's name.");
    }
}
