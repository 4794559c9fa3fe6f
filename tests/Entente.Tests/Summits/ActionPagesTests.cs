using System.Net;
using System.Text.RegularExpressions;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Entente.Tests.Summits;

/// <summary>The action pages and the delegate's home card, driven without script.</summary>
public abstract partial class ActionPagesTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> HtmlAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}");
        return html;
    }

    [Fact]
    public async Task A_delegates_home_page_lists_what_its_delegation_owes_overdue_first_and_nothing_it_may_not_see()
    {
        using var secretariat = await app.SecretariatAsync();
        var owner = await secretariat.RegisterOrganisationAsync();
        var late = (await secretariat.CreateAsync(ActionTestKit.Action(owner, title: "Send the liaison officers' names"))).Id();
        await secretariat.CreateAsync(ActionTestKit.Action(owner, ActionTestKit.Today.AddDays(20), title: "Table the training offer"));
        await secretariat.CreateAsync(ActionTestKit.Action(owner, title: "Secret tasking",
            label: new { classification = "SECRET" }));
        await secretariat.CreateAsync(ActionTestKit.Action("FRA", title: "Another member's action"));
        var past = ActionTestKit.Today.AddDays(-3);
        await app.DbAsync(db => db.ActionItems.Where(a => a.Id == late).ExecuteUpdateAsync(u => u.SetProperty(a => a.DueOn, past), Ct));

        using var own = await app.DelegateAsync(owner, ClassificationLevels.Restricted);
        var home = await HtmlAsync(await own.GetPathAsync("/"), HttpStatusCode.OK);

        Assert.Contains("What your delegation owes", home, StringComparison.Ordinal);
        Assert.Contains($"{owner} owes 2 open actions, 1 overdue.", home, StringComparison.Ordinal);
        var lateAt = home.IndexOf("Send the liaison officers' names", StringComparison.Ordinal);
        var laterAt = home.IndexOf("Table the training offer", StringComparison.Ordinal);
        Assert.InRange(lateAt, 0, laterAt);
        Assert.Contains("3 days overdue", home, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret tasking", home, StringComparison.Ordinal);
        Assert.DoesNotContain("Another member's action", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_action_recorded_moved_and_noted_through_the_forms_shows_its_history_and_a_refusal_names_the_field()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var title = "Confirm the Kyiv hybrid meeting delegation " + Guid.NewGuid().ToString("N")[..6];
        (string, string)[] Fields(string dueOn) =>
        [
            ("Input.Title", title), ("Input.Owner.Member", "GBR"), ("Input.Owner.Name", "Deputy head of delegation"),
            ("Input.DueOn", dueOn), ("Input.Origin.Kind", "Other"), ("Input.Label.Classification", "RESTRICTED"),
            ("Input.Label.ReleasableTo", "GBR"),
        ];

        var refused = await HtmlAsync(await PageForms.PostFormAsync(gbr, "/summits/actions/new", "create-action",
            Fields(ActionTestKit.Iso(ActionTestKit.Today.AddDays(-2)))), HttpStatusCode.OK);
        Assert.Contains("The due date cannot be in the past", refused, StringComparison.Ordinal);
        Assert.Contains($"value=\"{title}\"", refused, StringComparison.Ordinal);

        var created = await PageForms.PostFormAsync(gbr, "/summits/actions/new", "create-action", Fields(ActionTestKit.Iso(ActionTestKit.Today.AddDays(5))));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var path = ActionPath().Match(created.Headers.Location?.ToString() ?? "").Value;
        Assert.NotEmpty(path);

        Assert.Equal(HttpStatusCode.Redirect, (await PageForms.PostFormAsync(gbr, path, "add-note", ("NoteInput.Text", "Names sent to the host."))).StatusCode);
        // A form opened before the note was added is refused readably.
        var stale = await HtmlAsync(await PageForms.PostFormAsync(gbr, path, "change-status",
            ("StatusInput.Status", "InProgress"), ("StatusInput.ExpectedVersion", "1")), HttpStatusCode.OK);
        Assert.Contains("changed by someone else", stale, StringComparison.Ordinal);
        var cancelWithoutReason = await HtmlAsync(await PageForms.PostFormAsync(gbr, path, "change-status", ("StatusInput.Status", "Cancelled"), ("StatusInput.ExpectedVersion", "2")), HttpStatusCode.OK);
        Assert.Contains("The reason is required.", cancelWithoutReason, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PageForms.PostFormAsync(gbr, path, "change-status", ("StatusInput.Status", "Done"), ("StatusInput.ExpectedVersion", "2"))).StatusCode);

        var page = await HtmlAsync(await gbr.GetPathAsync(path), HttpStatusCode.OK);
        Assert.Contains(title, page, StringComparison.Ordinal);
        Assert.Contains("Names sent to the host.", page, StringComparison.Ordinal);
        Assert.Contains("Open → Done", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Change the status", page, StringComparison.Ordinal);

        var list = await HtmlAsync(await gbr.GetPathAsync("/summits/actions?member=GBR&status=done"), HttpStatusCode.OK);
        Assert.Contains(title, list, StringComparison.Ordinal);
        Assert.Contains("What GBR owes", list, StringComparison.Ordinal);

        // Another member without release finds no such page, and no trace of it in the list.
        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Secret);
        Assert.DoesNotContain(title, await HtmlAsync(await pol.GetPathAsync("/summits/actions"), HttpStatusCode.OK), StringComparison.Ordinal);
        var notFound = await HtmlAsync(await pol.GetPathAsync(path), HttpStatusCode.NotFound);
        Assert.DoesNotContain(title, notFound, StringComparison.Ordinal);
    }

    [GeneratedRegex("/summits/actions/[0-9a-f-]{36}")]
    private static partial Regex ActionPath();
}

public sealed class ActionPagesTestsOnSqlite(SqliteApp app) : ActionPagesTests<SqliteApp>(app);

public sealed class ActionPagesTestsOnPostgres(PostgresApp app) : ActionPagesTests<PostgresApp>(app);
