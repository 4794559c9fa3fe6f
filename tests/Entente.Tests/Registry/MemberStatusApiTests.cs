using System.Globalization;
using System.Net;
using Entente.Infrastructure.Labels;
using Entente.Testing;

namespace Entente.Tests.Registry;

public abstract class MemberStatusApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static Task<HttpResponseMessage> RecordAsync(HttpClient client, string code, string status, string from, string? note = null) =>
        client.PostJsonAsync($"/api/v1/members/{code}/statuses", new { status, from, note });

    private static async Task<int> PeriodCountAsync(HttpClient client, string code) =>
        (await (await client.GetPathAsync($"/api/v1/members/{code}")).JsonAsync(HttpStatusCode.OK)).GetProperty("statuses").GetArrayLength();

    [Fact]
    public async Task Recording_a_status_closes_the_current_one_and_the_history_reads_newest_first()
    {
        using var secretariat = await app.SecretariatAsync();
        var code = await secretariat.RegisterOrganisationAsync();
        await (await RecordAsync(secretariat, code, "observer", "2025-03-02", "Invited to London.")).JsonAsync(HttpStatusCode.Created);
        var response = await RecordAsync(secretariat, code, "member", "2025-03-27");
        var member = await response.JsonAsync(HttpStatusCode.Created);

        Assert.Equal($"/api/v1/members/{code}", response.Headers.Location?.ToString());
        Assert.Equal("member", member.Str("status"));
        Assert.Equal("2025-03-27", member.Str("statusSince"));
        var history = member.GetProperty("statuses").EnumerateArray().ToList();
        Assert.Equal(["member", "observer"], history.Select(p => p.Str("status")));
        Assert.Equal("2025-03-26", history[1].Str("to"));
        Assert.Equal("Invited to London.", history[1].Str("note"));
    }

    [Fact]
    public async Task A_planned_status_does_not_change_todays_status()
    {
        using var secretariat = await app.SecretariatAsync();
        var code = await secretariat.RegisterOrganisationAsync();
        await (await RecordAsync(secretariat, code, "partner", "2025-06-01")).JsonAsync(HttpStatusCode.Created);
        var member = await (await RecordAsync(secretariat, code, "member", Day(Today.AddMonths(2)))).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("partner", member.Str("status"));

        var partners = await (await secretariat.GetPathAsync($"/api/v1/members?status=partner&q={code}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([code], partners.Codes());
    }

    [Fact]
    public async Task The_status_rules_answer_400_or_422_and_store_nothing()
    {
        using var secretariat = await app.SecretariatAsync();
        var code = await secretariat.RegisterOrganisationAsync();
        await (await RecordAsync(secretariat, code, "member", "2025-04-01")).JsonAsync(HttpStatusCode.Created);

        var early = await (await RecordAsync(secretariat, code, "partner", "2025-03-01")).ProblemAsync(HttpStatusCode.BadRequest, "/problems/registry.status-before-coalition");
        Assert.Equal("from", early.Str("field"));
        await (await RecordAsync(secretariat, code, "partner", Day(Today.AddYears(1).AddDays(1))))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/registry.status-too-far-ahead");
        await (await RecordAsync(secretariat, code, "partner", "2025-04-01"))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/registry.status-out-of-order");
        await (await RecordAsync(secretariat, code, "member", "2025-09-01"))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/registry.status-unchanged");

        Assert.Equal(1, await PeriodCountAsync(secretariat, code));
    }

    [Fact]
    public async Task Removing_the_latest_status_corrects_a_mistake()
    {
        using var secretariat = await app.SecretariatAsync();
        var code = await secretariat.RegisterOrganisationAsync();
        await (await RecordAsync(secretariat, code, "member", "2025-04-01")).JsonAsync(HttpStatusCode.Created);
        await (await RecordAsync(secretariat, code, "former", "2025-10-01")).JsonAsync(HttpStatusCode.Created);

        var removed = await secretariat.DeletePathAsync($"/api/v1/members/{code}/statuses/latest");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        var member = await (await secretariat.GetPathAsync($"/api/v1/members/{code}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("member", member.Str("status"));
        var only = Assert.Single(member.GetProperty("statuses").EnumerateArray());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, only.GetProperty("to").ValueKind);

        await secretariat.DeletePathAsync($"/api/v1/members/{code}/statuses/latest");
        await (await secretariat.DeletePathAsync($"/api/v1/members/{code}/statuses/latest"))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/registry.no-status");
    }

    [Fact]
    public async Task Only_the_Secretariat_records_statuses_and_only_of_members_it_can_see()
    {
        using var secretariat = await app.SecretariatAsync();
        var hidden = await secretariat.RegisterOrganisationAsync("Hidden", new { classification = "SECRET", releasableTo = new[] { "CSEC" } });
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Secret);
        await (await RecordAsync(gbr, "GBR", "member", "2026-01-01")).ProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        await (await gbr.DeletePathAsync("/api/v1/members/GBR/statuses/latest")).ProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");

        using var restrictedStaff = await app.ClientAsync("Secretariat", "CSEC", ClassificationLevels.Restricted);
        await (await RecordAsync(restrictedStaff, hidden, "member", "2026-01-01")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await (await restrictedStaff.DeletePathAsync($"/api/v1/members/{hidden}/statuses/latest")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        Assert.Equal(0, await PeriodCountAsync(secretariat, hidden));
    }

    [Theory]
    [InlineData("""{"status":"member","from":"2025-02-30"}""")]
    [InlineData("""{"status":"member","from":"yesterday"}""")]
    [InlineData("""{"status":"member","from":"2025-13-01"}""")]
    [InlineData("""{"status":"member","from":20250401}""")]
    [InlineData("""{"status":"chairman","from":"2025-04-01"}""")]
    [InlineData("""{"status":3,"from":"2025-04-01"}""")]
    [InlineData("""{"status":"member"}""")]
    [InlineData("""{"from":"2025-04-01"}""")]
    public async Task A_malformed_status_or_date_is_a_400_problem_and_stores_nothing(string body)
    {
        using var secretariat = await app.SecretariatAsync();
        var code = await secretariat.RegisterOrganisationAsync();
        var response = await secretariat.SendRawAsync(HttpMethod.Post, $"/api/v1/members/{code}/statuses", body);
        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("/problems/", problem.Str("type"), StringComparison.Ordinal);
        Assert.Equal(0, await PeriodCountAsync(secretariat, code));
    }
}

public sealed class MemberStatusApiTestsOnSqlite(SqliteApp app) : MemberStatusApiTests<SqliteApp>(app);

public sealed class MemberStatusApiTestsOnPostgres(PostgresApp app) : MemberStatusApiTests<PostgresApp>(app);
