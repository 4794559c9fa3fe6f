using System.Net;
using System.Text.RegularExpressions;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Registry;

namespace Entente.Tests.Forces;

/// <summary>The statement of requirements pages, driven without script.</summary>
public abstract partial class RequirementPagesTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static readonly object ConfidentialForGbr = new { classification = "CONFIDENTIAL", releasableTo = new[] { "GBR" } };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> HtmlAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}");
        return html;
    }

    private static (string, string)[] Fields(string unitType, int minimum, int desired, params (string, string)[] more) =>
    [
        ("Input.Capability", "Medical"), ("Input.UnitType", unitType), ("Input.MinimumQuantity", minimum.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Input.DesiredQuantity", desired.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.NoticeToMoveDays", "30"),
        ("Input.MinimumReadiness", "Ready"), ("Input.SectorCode", "KYIV"), ("Input.StartsOn", "2027-04-01"), ("Input.EndsOn", "2027-09-30"),
        ("Input.Priority", "High"), ("Input.Tasks", "Medical"), ("Input.Tasks", "Training"), ("Input.RequiredRoe", "SelfDefenceOnly"),
        ("Input.RequiredCommand", "TacticalControl"), ("Input.Label.Classification", "RESTRICTED"), .. more,
    ];

    [Fact]
    public async Task The_secretariat_adds_revises_and_withdraws_a_line_through_the_forms_and_the_page_shows_its_history()
    {
        using var secretariat = await app.SecretariatAsync();
        var unit = "role 2 field hospital " + Guid.NewGuid().ToString("N")[..6];

        var refused = await HtmlAsync(await PageForms.PostFormAsync(secretariat, "/forces/requirements/new", "requirement", Fields(unit, 3, 2)), HttpStatusCode.OK);
        Assert.Contains("cannot be below the minimum", refused, StringComparison.Ordinal);
        Assert.Contains($"value=\"{unit}\"", refused, StringComparison.Ordinal);

        var created = await PageForms.PostFormAsync(secretariat, "/forces/requirements/new", "requirement", Fields(unit, 1, 2));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var path = LinePath().Match(created.Headers.Location?.ToString() ?? "").Value;
        Assert.NotEmpty(path);

        var revised = await PageForms.PostFormAsync(secretariat, path + "/revise", "requirement",
            Fields(unit, 2, 2, ("Input.Reason", "A second hospital for the eastern approaches."), ("Input.ExpectedVersion", "1")));
        Assert.Equal(HttpStatusCode.Redirect, revised.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PageForms.PostFormAsync(secretariat, path, "withdraw-requirement",
            ("WithdrawInput.Reason", "Host nation hospitals suffice."), ("WithdrawInput.ExpectedVersion", "2"))).StatusCode);

        var page = await HtmlAsync(await secretariat.GetPathAsync(path), HttpStatusCode.OK);
        Assert.Contains("minimum quantity: 1 → 2", page, StringComparison.Ordinal);
        Assert.Contains("A second hospital for the eastern approaches.", page, StringComparison.Ordinal);
        Assert.Contains("Host nation hospitals suffice.", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Tasks</dt><dd>Training, Medical</dd>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Withdraw R-", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_statement_groups_lines_by_component_with_totals_and_shows_a_member_only_what_is_released_to_it()
    {
        using var secretariat = await app.SecretariatAsync();
        await secretariat.AddLineAsync(RequirementTestKit.Line(capability: "airDefence", sector: "KYIV", tasks: ["deterrence"], minimum: 2, desired: 4, unitType: "air defence battery"));
        await secretariat.AddLineAsync(RequirementTestKit.Line(capability: "airDefence", sector: "ODESA", tasks: ["deterrence"], minimum: 1, desired: 3, unitType: "short-range air defence platoon"));
        var hidden = await secretariat.AddLineAsync(RequirementTestKit.Line(capability: "airDefence", sector: "KYIV", tasks: ["deterrence"], unitType: "secret battery",
            label: ConfidentialForGbr));

        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Secret);
        var statement = await HtmlAsync(await pol.GetPathAsync("/forces/requirements?capability=airDefence"), HttpStatusCode.OK);
        Assert.Contains("Enabler total", statement, StringComparison.Ordinal);
        Assert.Contains("air defence battery", statement, StringComparison.Ordinal);
        Assert.Contains("Minimum <strong>3</strong> units", statement, StringComparison.Ordinal);
        Assert.Contains("Desired <strong>7</strong> units", statement, StringComparison.Ordinal);
        Assert.DoesNotContain("secret battery", statement, StringComparison.Ordinal);
        Assert.DoesNotContain("Add a line", statement, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await pol.GetPathAsync($"/forces/requirements/{hidden.Id()}")).StatusCode);
        var form = await HtmlAsync(await pol.GetPathAsync("/forces/requirements/new"), HttpStatusCode.OK);
        Assert.Contains("The Secretariat keeps the statement of requirements.", form, StringComparison.Ordinal);

        var home = await HtmlAsync(await pol.GetPathAsync("/forces"), HttpStatusCode.OK);
        Assert.Contains("Statement of requirements", home, StringComparison.Ordinal);
        Assert.Contains("/forces/requirements", home, StringComparison.Ordinal);
    }

    [GeneratedRegex("/forces/requirements/[0-9a-f-]{36}")]
    private static partial Regex LinePath();
}

public sealed class RequirementPagesTestsOnSqlite(SqliteApp app) : RequirementPagesTests<SqliteApp>(app);

public sealed class RequirementPagesTestsOnPostgres(PostgresApp app) : RequirementPagesTests<PostgresApp>(app);
