using System.Net;
using System.Text.RegularExpressions;
using Entente.Testing;
using Microsoft.EntityFrameworkCore;

namespace Entente.Tests.Registry;

/// <summary>Two people editing the same member or delegate: the later save never silently overwrites the earlier one.</summary>
public abstract partial class ConcurrentEditsTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    [Fact]
    public async Task An_update_of_a_member_made_from_a_version_someone_else_changed_answers_409_and_writes_nothing()
    {
        using var first = await app.SecretariatAsync();
        using var second = await app.SecretariatAsync();
        var code = await first.RegisterOrganisationAsync("Original name");
        var read = await (await first.GetPathAsync($"/api/v1/members/{code}")).JsonAsync(HttpStatusCode.OK);
        var version = read.GetProperty("version").GetInt32();

        var winner = await (await second.PutJsonAsync($"/api/v1/members/{code}", new { name = "Second's name", version })).JsonAsync(HttpStatusCode.OK);
        var loser = await first.PutJsonAsync($"/api/v1/members/{code}", new { name = "First's name", version });

        var problem = await loser.ProblemAsync(HttpStatusCode.Conflict, "/problems/registry.changed-meanwhile");
        Assert.Contains("changed by someone else", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(version + 1, winner.GetProperty("version").GetInt32());
        var stored = await app.DbAsync(db => db.Members.SingleAsync(m => m.Code == code, RegistryTestClient.Ct));
        Assert.Equal(("Second's name", version + 1), (stored.Name, stored.Version));
    }

    [Fact]
    public async Task An_update_of_a_delegate_made_from_a_version_someone_else_changed_answers_409_and_writes_nothing()
    {
        using var secretariat = await app.SecretariatAsync();
        using var gbr = await app.DelegateAsync("GBR", Entente.Infrastructure.Labels.ClassificationLevels.Confidential);
        var created = await (await secretariat.PostJsonAsync("/api/v1/members/GBR/delegates",
            new { fullName = "Deputy head", label = new { classification = "RESTRICTED" } })).JsonAsync(HttpStatusCode.Created);
        var id = created.Str("id");
        var version = created.GetProperty("version").GetInt32();

        await (await gbr.PutJsonAsync($"/api/v1/members/GBR/delegates/{id}", new { fullName = "Deputy head", position = "Deputy", version }))
            .JsonAsync(HttpStatusCode.OK);
        var loser = await secretariat.PutJsonAsync($"/api/v1/members/GBR/delegates/{id}", new { fullName = "Renamed head", version });

        await loser.ProblemAsync(HttpStatusCode.Conflict, "/problems/registry.changed-meanwhile");
        var stored = await app.DbAsync(db => db.Delegates.SingleAsync(d => d.Id == Guid.Parse(id), RegistryTestClient.Ct));
        Assert.Equal(("Deputy head", "Deputy"), (stored.FullName, stored.Position));
    }

    [Fact]
    public async Task Of_two_saves_racing_from_the_same_version_the_store_refuses_the_second()
    {
        using var secretariat = await app.SecretariatAsync();
        var code = await secretariat.RegisterOrganisationAsync("Raced name");

        var refused = await app.DbAsync(async db =>
        {
            // Loaded before the other save, saved after it: what two simultaneous requests do.
            var member = await db.Members.SingleAsync(m => m.Code == code, RegistryTestClient.Ct);
            await (await secretariat.PutJsonAsync($"/api/v1/members/{code}", new { name = "Won the race" })).JsonAsync(HttpStatusCode.OK);
            member.Update("Lost the race", null, member.Label, DateTime.UtcNow);
            return await Record.ExceptionAsync(() => db.SaveChangesAsync(RegistryTestClient.Ct));
        });

        Assert.IsType<DbUpdateConcurrencyException>(refused);
        var stored = await app.DbAsync(db => db.Members.SingleAsync(m => m.Code == code, RegistryTestClient.Ct));
        Assert.Equal("Won the race", stored.Name);
    }

    [Fact]
    public async Task Saving_the_member_form_after_someone_else_changed_the_member_explains_it_and_keeps_their_change()
    {
        using var secretariat = await app.SecretariatAsync();
        using var other = await app.SecretariatAsync();
        var code = await secretariat.RegisterOrganisationAsync("Before both edits");
        var form = await (await secretariat.GetPathAsync($"/registry/members/{code}/edit")).Content.ReadAsStringAsync(RegistryTestClient.Ct);
        var version = VersionField().Match(form).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(version), "the form carries the version it was filled from");

        await (await other.PutJsonAsync($"/api/v1/members/{code}", new { name = "Saved first" })).JsonAsync(HttpStatusCode.OK);
        var posted = await PageForms.PostFormAsync(secretariat, $"/registry/members/{code}/edit", "member",
            ("Input.Name", "Saved second"), ("Input.Label.Classification", "PUBLIC"), ("Input.Version", version));
        var html = await posted.Content.ReadAsStringAsync(RegistryTestClient.Ct);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("The member was changed by someone else after you opened it. Reload it to see their changes, then make yours again.",
            html, StringComparison.Ordinal);
        var stored = await app.DbAsync(db => db.Members.SingleAsync(m => m.Code == code, RegistryTestClient.Ct));
        Assert.Equal("Saved first", stored.Name);
    }

    [GeneratedRegex("name=\"Input.Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();
}

public sealed class ConcurrentEditsTestsOnSqlite(SqliteApp app) : ConcurrentEditsTests<SqliteApp>(app);

public sealed class ConcurrentEditsTestsOnPostgres(PostgresApp app) : ConcurrentEditsTests<PostgresApp>(app);
