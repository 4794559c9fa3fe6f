using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entente.Demo;
using Entente.Infrastructure.Labels;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Registry.Domain;
using Entente.Testing;
using Microsoft.EntityFrameworkCore;

namespace Entente.Tests.Audit;

/// <summary><c>/api/v1/audit</c>: who may read the log, what each filter selects, paging, verification and checkpoints.</summary>
public abstract class AuditApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET", "/api/v1/audit")]
    [InlineData("POST", "/api/v1/audit/verify")]
    [InlineData("GET", "/api/v1/audit/checkpoints")]
    public async Task Anonymous_callers_are_asked_to_authenticate(string method, string path)
    {
        using var client = app.Anonymous();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(Roles.Secretariat, "CSEC", "GET", "/api/v1/audit")]
    [InlineData(Roles.Delegate, "GBR", "GET", "/api/v1/audit")]
    [InlineData(Roles.Monitor, "CSEC", "POST", "/api/v1/audit/verify")]
    [InlineData(Roles.Analyst, "CSEC", "GET", "/api/v1/audit/checkpoints")]
    public async Task Only_administrators_may_read_the_audit_log(string role, string member, string method, string path)
    {
        using var client = await app.ClientAsync(role, member, ClassificationLevels.Secret);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_administrator_never_sees_nor_counts_entries_about_records_their_member_may_not_read()
    {
        using var csec = await app.ClientAsync(Roles.Administrator, DemoSeeder.SecretariatCode, ClassificationLevels.Secret);
        using var gbr = await app.ClientAsync(Roles.Administrator, "GBR", ClassificationLevels.Confidential);
        var label = Label.Create(ClassificationLevels.Confidential, ["GBR"], originator: "GBR");
        var hidden = await app.AddDelegateAsync("GBR", "Adviser to the GBR delegation only", label);
        var head = await app.HeadAsync();

        var aboutIt = await GetPageAsync(csec, $"entityType=registry_delegates&entityId={hidden}");
        Assert.Equal(0, aboutIt.Total);
        Assert.Empty(aboutIt.Items);

        var seenByGbr = await GetPageAsync(gbr, $"entityType=registry_delegates&entityId={hidden}");
        var entry = Assert.Single(seenByGbr.Items);
        Assert.Equal("CONFIDENTIAL", entry.Label.Classification);
        Assert.Equal("GBR", Assert.Single(entry.Label.ReleasableTo));

        var everything = await GetPageAsync(csec, $"toSequence={head}&pageSize=200");
        var stored = await app.DbAsync(db => db.AuditEntries.Where(e => e.Sequence <= head).ToListAsync(Ct));
        var scope = AccessScope.ForUser(ClassificationLevels.Secret, DemoSeeder.SecretariatCode, []);
        Assert.Equal(stored.Count(e => scope.CanRead(e.Label)), everything.Total);
        Assert.True(everything.Total < stored.Count);
        Assert.DoesNotContain(everything.Items, e => e.EntityId == AuditTestKit.Id(hidden));
    }

    [Fact]
    public async Task A_hidden_members_status_changes_stay_out_of_the_audit_log_of_administrators_who_may_not_see_the_member()
    {
        using var fra = await app.ClientAsync(Roles.Administrator, "FRA", ClassificationLevels.Secret);
        using var gbr = await app.ClientAsync(Roles.Administrator, "GBR", ClassificationLevels.Confidential);
        var code = $"H{Guid.NewGuid():N}"[..8].ToUpperInvariant();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await app.DbAsync(async db =>
        {
            var member = Member.Register(code, "Observer known to GBR only", MemberKind.Organisation, null,
                Label.Create(ClassificationLevels.Confidential, ["GBR"], originator: "GBR"), DateTime.UtcNow).Value!;
            member.RecordStatus(CoalitionStatus.Observer, today.AddDays(-30), "Invited quietly", new DateOnly(2025, 3, 2), today, DateTime.UtcNow);
            db.Members.Add(member);
            return await db.SaveChangesAsync(Ct);
        });

        var recorded = await gbr.PostAsJsonAsync(new Uri($"/api/v1/members/{code}/statuses", UriKind.Relative),
            new { status = "partner", from = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), note = "Upgraded quietly" }, Ct);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);

        // A part changed on its own, without its member loaded: its label must still be the member's.
        await app.DbAsync(async db =>
        {
            var first = await db.Set<MemberStatusPeriod>().SingleAsync(p => p.MemberCode == code && p.Status == CoalitionStatus.Observer, Ct);
            first.Close(today.AddDays(-2));
            return await db.SaveChangesAsync(Ct);
        });

        var periods = await app.DbAsync(db => db.Set<MemberStatusPeriod>()
            .Where(p => p.MemberCode == code).OrderBy(p => p.From).Select(p => p.Id).ToListAsync(Ct));
        Assert.Equal(2, periods.Count);
        foreach (var (period, expected) in periods.Zip([3, 1]))
        {
            var query = $"entityType=registry_member_statuses&entityId={AuditTestKit.Id(period)}";
            var hiddenFromFra = await GetPageAsync(fra, query);
            Assert.Equal(0, hiddenFromFra.Total);
            Assert.Empty(hiddenFromFra.Items);

            var seenByGbr = await GetPageAsync(gbr, query);
            Assert.Equal(expected, seenByGbr.Total);
            Assert.All(seenByGbr.Items, e =>
            {
                Assert.Equal("CONFIDENTIAL", e.Label.Classification);
                Assert.Equal("GBR", Assert.Single(e.Label.ReleasableTo));
            });
        }

        Assert.Equal(0, (await GetPageAsync(fra, $"text={code}")).Total);
        Assert.Equal(0, (await GetPageAsync(fra, "text=quietly")).Total);
        Assert.Equal(2, (await GetPageAsync(gbr, "entityType=registry_member_statuses&text=quietly")).Total);
    }

    [Fact]
    public async Task Each_filter_selects_what_it_names()
    {
        using var client = await AdministratorAsync();
        var actor = await app.CreateUserAsync(Roles.Delegate, "FRA", ClassificationLevels.Confidential);
        var marker = $"Marker{Guid.NewGuid():N}"[..20];
        var ids = new List<Guid>();
        foreach (var n in new[] { 1, 2, 3 })
        {
            ids.Add(await app.AsUserAsync(actor, async db =>
            {
                var person = Entente.Modules.Registry.Domain.Representative.Appoint("FRA", $"{marker} délégué {n}", null, null, null, false, null,
                    Label.Create(ClassificationLevels.Restricted), DateTime.UtcNow).Value!;
                db.Delegates.Add(person);
                await db.SaveChangesAsync(Ct);
                return person.Id;
            }));
        }

        await app.AsUserAsync(actor, async db =>
        {
            var person = await db.Delegates.SingleAsync(d => d.Id == ids[0], Ct);
            person.Update(person.FullName, "Deputy head", null, null, false, null, person.Label, DateTime.UtcNow);
            return await db.SaveChangesAsync(Ct);
        });

        var byActor = await GetPageAsync(client, $"actor={actor.UserName.ToUpperInvariant()}");
        Assert.Equal(4, byActor.Total);
        Assert.All(byActor.Items, e => Assert.Equal(actor.UserName, e.Actor));
        Assert.Equal(byActor.Items.Select(e => e.Sequence).OrderDescending(), byActor.Items.Select(e => e.Sequence));

        Assert.Equal(4, (await GetPageAsync(client, $"actor={actor.Id}")).Total);
        Assert.Equal(4, (await GetPageAsync(client, $"actor={actor.UserName}&member=fra")).Total);
        Assert.Equal(0, (await GetPageAsync(client, $"actor={actor.UserName}&member=GBR")).Total);
        Assert.Equal(1, (await GetPageAsync(client, $"actor={actor.UserName}&action=update")).Total);
        Assert.Equal(4, (await GetPageAsync(client, $"actor={actor.UserName}&action=create,update")).Total);

        var aboutFirst = await GetPageAsync(client, $"entityType=registry_delegates&entityId={ids[0]}");
        Assert.Equal(new[] { AuditActions.Update, AuditActions.Create }, aboutFirst.Items.Select(e => e.Action));
        Assert.Equal("Deputy head", aboutFirst.Items[0].Details!.Value.GetProperty("changed").GetProperty("position").GetProperty("to").GetString());

        Assert.Equal(3, (await GetPageAsync(client, $"text={marker.ToUpperInvariant()}")).Total);
        Assert.Equal(1, (await GetPageAsync(client, $"text={Uri.EscapeDataString($"{marker} délégué 2")}")).Total);
        Assert.Equal(0, (await GetPageAsync(client, $"actor={actor.UserName}&text=%25")).Total);

        var second = byActor.Items[^2];
        Assert.Equal(2, (await GetPageAsync(client, $"actor={actor.UserName}&toSequence={second.Sequence}")).Total);
        var since = Uri.EscapeDataString(second.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Assert.Equal(3, (await GetPageAsync(client, $"actor={actor.UserName}&from={since}")).Total);
        Assert.Equal(2, (await GetPageAsync(client, $"actor={actor.UserName}&to={since}")).Total);

        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(4, (await GetPageAsync(client, $"actor={actor.UserName}&from={yesterday}&to={tomorrow}")).Total);
        Assert.Equal(0, (await GetPageAsync(client, $"actor={actor.UserName}&to={yesterday}")).Total);
        Assert.Equal(0, (await GetPageAsync(client, $"actor={actor.UserName}&from={tomorrow}")).Total);
    }

    [Fact]
    public async Task Pages_hold_the_newest_entries_first_and_count_them_all()
    {
        using var client = await AdministratorAsync();
        var actor = await app.CreateUserAsync(Roles.Delegate, "POL", ClassificationLevels.Restricted);
        for (var n = 0; n < 5; n++)
        {
            await app.AsUserAsync(actor, async db =>
            {
                db.Delegates.Add(Entente.Modules.Registry.Domain.Representative.Appoint("POL", $"Paged {n}", null, null, null, false, null,
                    Label.Create(ClassificationLevels.Restricted), DateTime.UtcNow).Value!);
                return await db.SaveChangesAsync(Ct);
            });
        }

        var first = await GetPageAsync(client, $"actor={actor.UserName}&pageSize=2");
        var third = await GetPageAsync(client, $"actor={actor.UserName}&pageSize=2&page=3");
        var beyond = await GetPageAsync(client, $"actor={actor.UserName}&pageSize=2&page=4");

        Assert.Equal((5, 3, true), (first.Total, first.PageCount, first.HasNext));
        Assert.Equal(2, first.Items.Count);
        Assert.True(first.Items[0].Sequence > first.Items[1].Sequence);
        var last = Assert.Single(third.Items);
        Assert.False(third.HasNext);
        Assert.Equal("Paged 0", last.Details!.Value.GetProperty("set").GetProperty("fullName").GetString());
        Assert.Empty(beyond.Items);
        Assert.Equal(5, beyond.Total);
    }

    [Theory]
    [InlineData("from=2026-02-30", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-03-02&to=2026-03-01", "from")]
    [InlineData("from=2026-03-01T10:00:00Z&to=2026-03-01T09:00:00Z", "from")]
    [InlineData("action=DROP%20TABLE", "action")]
    [InlineData("member=G", "member")]
    [InlineData("entityType=Robert'); --", "entityType")]
    [InlineData("toSequence=0", "toSequence")]
    public async Task A_filter_that_makes_no_sense_is_a_validation_problem_naming_it(string query, string field)
    {
        using var client = await AdministratorAsync();
        var response = await client.GetAsync(new Uri($"/api/v1/audit?{query}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("/problems/validation", problem.RootElement.GetProperty("type").GetString());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
    }

    [Theory]
    [InlineData("to=9999-12-31", true)]
    [InlineData("to=9999-12-31T23:59:59.9999999Z", true)]
    [InlineData("from=0001-01-01&to=9999-12-31", true)]
    [InlineData("from=0001-01-01T00:00:00Z", true)]
    [InlineData("from=9999-12-31", false)]
    [InlineData("from=9999-12-31T23:59:59.9999999Z&to=9999-12-31", false)]
    public async Task Dates_at_the_ends_of_the_calendar_are_answered_not_failed(string query, bool findsEntries)
    {
        using var client = await AdministratorAsync();

        var page = await GetPageAsync(client, query);

        Assert.Equal(findsEntries, page.Total > 0);
    }

    [Theory]
    [InlineData("to=9999-12-31T23:59:59-01:00")]
    [InlineData("from=0001-01-01T00:00:00+01:00")]
    [InlineData("to=10000-01-01")]
    public async Task An_instant_beyond_the_calendar_is_a_validation_problem(string query)
    {
        using var client = await AdministratorAsync();

        var response = await client.GetAsync(new Uri($"/api/v1/audit?{query}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_page_size_beyond_the_limit_is_a_validation_problem()
    {
        using var client = await AdministratorAsync();
        var response = await client.GetAsync(new Uri("/api/v1/audit?pageSize=500", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Verifying_the_chain_reports_it_intact_and_records_who_verified_it()
    {
        var administrator = await app.CreateUserAsync(Roles.Administrator, DemoSeeder.SecretariatCode, ClassificationLevels.Secret, twoFactor: true);
        using var client = await app.ClientAsync(administrator);
        var head = await app.HeadAsync();

        var result = await VerifyAsync(client);

        Assert.NotNull(result);
        Assert.True(result.IsValid, result.Problem);
        Assert.True(result.SignaturesChecked);
        Assert.True(result.EntriesChecked >= head);
        Assert.Null(result.FirstBadSequence);
        var recorded = await app.DbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.ChainVerified && e.ActorName == administrator.UserName, Ct));
        Assert.Contains("\"valid\":true", recorded.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verification_is_a_post_and_a_get_changes_nothing()
    {
        using var client = await AdministratorAsync();
        var head = await app.HeadAsync();

        var response = await client.GetAsync(new Uri("/api/v1/audit/verify", UriKind.Relative), Ct);

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(head, await app.HeadAsync());
        Assert.False(await app.DbAsync(db => db.AuditEntries.AnyAsync(e => e.Sequence > head && e.Action == AuditActions.ChainVerified, Ct)));
    }

    [Fact]
    public async Task Verifying_a_tampered_chain_names_the_first_bad_entry()
    {
        using var client = await AdministratorAsync();
        await using var snapshot = await ChainSnapshot.TakeAsync(app);
        await app.ExecuteSqlAsync("UPDATE audit_entries SET action = 'read' WHERE sequence = 2");

        var result = await VerifyAsync(client);

        Assert.NotNull(result);
        Assert.False(result.IsValid);
        Assert.Equal(2, result.FirstBadSequence);
        Assert.Equal(1, result.EntriesChecked);
        Assert.Contains("entry 2", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoints_are_listed_newest_first_with_their_signature_checked()
    {
        using var client = await AdministratorAsync();
        var first = (await app.CheckpointAsync()).Written!;
        await app.AddDelegateAsync("UKR", "Between two checkpoints", Label.Public);
        var second = (await app.CheckpointAsync()).Written!;

        var page = await client.GetFromJsonAsync<Page<Checkpoint>>(new Uri("/api/v1/audit/checkpoints", UriKind.Relative), AuditTestKit.Json, Ct);

        Assert.NotNull(page);
        Assert.Equal(second.Sequence, page.Items[0].Sequence);
        Assert.Equal(first.Sequence, page.Items[1].Sequence);
        Assert.All(page.Items, c => Assert.True(c.SignatureValid));
        Assert.Equal(second.Hash, page.Items[0].Hash);
    }

    [Fact]
    public async Task The_audit_endpoints_are_documented_in_the_OpenAPI_document()
    {
        using var client = app.Anonymous();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct));
        var paths = document.RootElement.GetProperty("paths");
        foreach (var (path, method) in new[] { ("/api/v1/audit", "get"), ("/api/v1/audit/verify", "post"), ("/api/v1/audit/checkpoints", "get") })
        {
            var get = paths.GetProperty(path).GetProperty(method);
            Assert.Equal("Audit", get.GetProperty("tags")[0].GetString());
            Assert.False(string.IsNullOrEmpty(get.GetProperty("summary").GetString()));
        }

        var parameters = paths.GetProperty("/api/v1/audit").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("entityType", parameters);
        Assert.Contains("from", parameters);
        Assert.Contains("pageSize", parameters);
    }

    private async Task<HttpClient> AdministratorAsync() =>
        await app.ClientAsync(Roles.Administrator, DemoSeeder.SecretariatCode, ClassificationLevels.Secret);

    private static async Task<Verification?> VerifyAsync(HttpClient client)
    {
        var response = await client.PostAsync(new Uri("/api/v1/audit/verify", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<Verification>(AuditTestKit.Json, Ct);
    }

    private static async Task<Page<Entry>> GetPageAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync(new Uri($"/api/v1/audit?{query}", UriKind.Relative), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<Page<Entry>>(AuditTestKit.Json, Ct))!;
    }

    private sealed record Page<T>(List<T> Items, int PageNumber, int PageSize, int Total, int PageCount, bool HasNext);

    private sealed record Entry(long Sequence, DateTime OccurredAt, string Actor, string? Member, string Action, string? EntityType,
        string? EntityId, JsonElement? Details, string Hash, string PreviousHash, EntryLabel Label);

    private sealed record EntryLabel(string Classification, int Rank, List<string> ReleasableTo, string Marking);

    private sealed record Verification(bool IsValid, long EntriesChecked, int CheckpointsVerified, bool SignaturesChecked, long? FirstBadSequence, string? Problem);

    private sealed record Checkpoint(long Sequence, string Hash, DateTime CreatedAt, string KeyId, bool SignatureValid);
}

public sealed class AuditApiTestsOnSqlite(SqliteApp app) : AuditApiTests<SqliteApp>(app);

public sealed class AuditApiTestsOnPostgres(PostgresApp app) : AuditApiTests<PostgresApp>(app);
