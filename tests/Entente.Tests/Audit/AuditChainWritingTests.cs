using System.Net;
using System.Net.Http.Headers;
using Entente.Demo;
using Entente.Infrastructure.Labels;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Registry.Domain;
using Entente.Testing;
using Microsoft.EntityFrameworkCore;

namespace Entente.Tests.Audit;

/// <summary>
/// How changes and reads reach the chain: every write appends exactly its entries, concurrent writers never fork
/// the chain, a failed write leaves nothing behind, and reads of restricted records are recorded.
/// </summary>
public abstract class AuditChainWritingTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Many_concurrent_writers_leave_one_unbroken_chain_with_every_entry()
    {
        using var administrator = await app.ClientAsync(Roles.Administrator, DemoSeeder.SecretariatCode, ClassificationLevels.Secret);
        using var stranger = app.Anonymous();
        var editor = await app.CreateUserAsync(Roles.Secretariat, DemoSeeder.SecretariatCode, ClassificationLevels.Secret);
        var members = DemoRegistry.Members.Take(20).Select(m => m.Code).ToList();
        var before = await app.HeadAsync();

        // 20 HTTP requests that write entries (10 rejected tokens, 10 verifications), racing 20 member updates.
        var requests = Enumerable.Range(0, 20).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/audit/verify");
            if (i % 2 == 0)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"ent_{Guid.NewGuid():N}_{new string('x', 43)}");
                return (await stranger.SendAsync(request, Ct)).StatusCode;
            }

            return (await administrator.SendAsync(request, Ct)).StatusCode;
        });
        var updates = members.Select((code, i) => app.AsUserAsync(editor, async db =>
        {
            var member = await db.Members.SingleAsync(m => m.Code == code, Ct);
            member.Update(member.Name, $"Concurrent note {i}", member.Label, DateTime.UtcNow);
            return await db.SaveChangesAsync(Ct);
        }));
        var statuses = await Task.WhenAll(requests);
        await Task.WhenAll(updates);

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.OK));
        var result = await app.VerifyAsync();
        Assert.True(result.IsValid, result.Problem);
        // Each rejected token is written twice: the rejection itself, and the refused request (access-denied).
        Assert.Equal(before + 50, await app.HeadAsync());
        var written = await app.DbAsync(db => db.AuditEntries.Where(e => e.Sequence > before).ToListAsync(Ct));
        Assert.Equal(10, written.Count(e => e.Action == AuditActions.TokenRejected));
        Assert.Equal(10, written.Count(e => e.Action == AuditActions.AccessDenied));
        Assert.Equal(10, written.Count(e => e.Action == AuditActions.ChainVerified));
        Assert.Equal(members.Order(), written.Where(e => e.Action == AuditActions.Update).Select(e => e.EntityId!).Order());
    }

    [Fact]
    public async Task A_write_that_fails_stores_neither_the_change_nor_an_audit_entry()
    {
        var before = await app.HeadAsync();
        var code = NewOrganisationCode();

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => app.DbAsync(async db =>
        {
            db.Members.Add(Member.Register(code, "A new organisation", MemberKind.Organisation, null, Label.Public, DateTime.UtcNow).Value!);
            db.Members.Add(Member.Register("GBR", "A second United Kingdom", MemberKind.State, null, Label.Public, DateTime.UtcNow).Value!);
            return await db.SaveChangesAsync(Ct);
        }));

        Assert.Equal(before, await app.HeadAsync());
        Assert.False(await app.DbAsync(db => db.Members.AnyAsync(m => m.Code == code, Ct)));
        Assert.Equal("United Kingdom", await app.DbAsync(db => db.Members.Where(m => m.Code == "GBR").Select(m => m.Name).SingleAsync(Ct)));
        Assert.True((await app.VerifyAsync()).IsValid);
    }

    [Fact]
    public async Task After_a_failed_write_the_corrected_write_continues_the_chain()
    {
        var before = await app.HeadAsync();
        var code = NewOrganisationCode();

        var saved = await app.DbAsync(async db =>
        {
            db.Members.Add(Member.Register(code, "A new organisation", MemberKind.Organisation, null, Label.Public, DateTime.UtcNow).Value!);
            var duplicate = Member.Register("FRA", "A second France", MemberKind.State, null, Label.Public, DateTime.UtcNow).Value!;
            db.Members.Add(duplicate);
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));

            db.Entry(duplicate).State = EntityState.Detached;
            return await db.SaveChangesAsync(Ct);
        });

        Assert.True(saved > 0);
        Assert.Equal(before + 1, await app.HeadAsync());
        var entry = await app.DbAsync(db => db.AuditEntries.SingleAsync(e => e.Sequence == before + 1, Ct));
        Assert.Equal(AuditActions.Create, entry.Action);
        Assert.Equal(code, entry.EntityId);
        Assert.True((await app.VerifyAsync()).IsValid);
    }

    [Fact]
    public async Task Reading_a_confidential_record_through_the_API_writes_a_read_entry_naming_it()
    {
        var administrator = await app.CreateUserAsync(Roles.Administrator, DemoSeeder.SecretariatCode, ClassificationLevels.Secret, twoFactor: true);
        using var client = await app.ClientAsync(administrator);
        var label = Label.Create(ClassificationLevels.Confidential, tlp: TlpMarking.Amber);
        var delegateId = await app.AddDelegateAsync("UKR", $"Confidential liaison {Guid.NewGuid():N}", label);
        var creation = await app.DbAsync(db => db.AuditEntries.SingleAsync(e => e.EntityId == AuditTestKit.Id(delegateId), Ct));

        var response = await client.GetAsync(new Uri($"/api/v1/audit?entityType=registry_delegates&entityId={delegateId}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var reads = await app.DbAsync(db => db.AuditEntries
            .Where(e => e.Action == AuditActions.Read && e.ActorName == administrator.UserName)
            .ToListAsync(Ct));
        var read = Assert.Single(reads);
        Assert.Equal("audit_entries", read.EntityType);
        Assert.Equal(creation.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), read.EntityId);
        Assert.Equal(label, read.Label);
        Assert.Equal(DemoSeeder.SecretariatCode, read.ActorMember);
    }

    [Fact]
    public async Task Reading_a_public_record_through_the_API_writes_no_read_entry()
    {
        var administrator = await app.CreateUserAsync(Roles.Administrator, DemoSeeder.SecretariatCode, ClassificationLevels.Secret, twoFactor: true);
        using var client = await app.ClientAsync(administrator);
        var delegateId = await app.AddDelegateAsync("UKR", $"Public liaison {Guid.NewGuid():N}", Label.Public);

        var response = await client.GetAsync(new Uri($"/api/v1/audit?entityType=registry_delegates&entityId={delegateId}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(AuditTestKit.Id(delegateId), await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        Assert.False(await app.DbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.Read && e.ActorName == administrator.UserName, Ct)));
    }

    [Fact]
    public async Task A_delegate_who_sees_a_confidential_delegate_on_the_home_page_leaves_a_read_entry_naming_it()
    {
        var delegateUser = await app.CreateUserAsync(Roles.Delegate, "POL", ClassificationLevels.Confidential);
        using var client = await app.ClientAsync(delegateUser);
        var confidential = await app.AddDelegateAsync("POL", "Confidential adviser", Label.Create(ClassificationLevels.Confidential, ["POL"]));
        var restricted = await app.AddDelegateAsync("POL", "Restricted adviser", Label.Create(ClassificationLevels.Restricted));

        var page = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Contains("Confidential adviser", page, StringComparison.Ordinal);
        Assert.Contains("Restricted adviser", page, StringComparison.Ordinal);

        var reads = await app.DbAsync(db => db.AuditEntries
            .Where(e => e.Action == AuditActions.Read && e.ActorName == delegateUser.UserName)
            .ToListAsync(Ct));
        var read = Assert.Single(reads);
        Assert.Equal("registry_delegates", read.EntityType);
        Assert.Equal(AuditTestKit.Id(confidential), read.EntityId);
        Assert.DoesNotContain(AuditTestKit.Id(restricted), read.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recording_reads_never_saves_changes_the_request_left_unsaved()
    {
        var reader = await app.CreateUserAsync(Roles.Secretariat, DemoSeeder.SecretariatCode, ClassificationLevels.Secret);
        var id = await app.AddDelegateAsync("UKR", "Unchanged name", Label.Create(ClassificationLevels.Secret));

        await app.AsUserAsync(reader, async db =>
        {
            var person = await db.Delegates.SingleAsync(d => d.Id == id, Ct);
            person.Update("Changed but never saved", person.Position, person.Email, person.Phone, false, null, person.Label, DateTime.UtcNow);
            await db.ReadAudit.FlushAsync(Ct);
            return 0;
        });

        Assert.Equal("Unchanged name", await app.DbAsync(db => db.Delegates.Where(d => d.Id == id).Select(d => d.FullName).SingleAsync(Ct)));
        Assert.True(await app.DbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.Read && e.EntityId == AuditTestKit.Id(id), Ct)));
        Assert.False(await app.DbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.Update && e.EntityId == AuditTestKit.Id(id), Ct)));
    }

    [Fact]
    public async Task Relabelling_a_record_labels_its_update_entry_for_readers_of_both_labels()
    {
        var before = Label.Create(ClassificationLevels.Restricted, ["FRA", "GBR"]);
        var after = Label.Create(ClassificationLevels.Confidential, ["GBR", "POL"]);
        var id = await app.AddDelegateAsync("UKR", "Relabelled adviser", before);

        await app.DbAsync(async db =>
        {
            var person = await db.Delegates.SingleAsync(d => d.Id == id, Ct);
            person.Update(person.FullName, "Senior adviser", null, null, false, null, after, DateTime.UtcNow);
            return await db.SaveChangesAsync(Ct);
        });

        var update = await app.DbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.Update && e.EntityId == AuditTestKit.Id(id), Ct));
        Assert.Equal(ClassificationLevels.Confidential, update.Label.Classification);
        Assert.Equal("GBR", Assert.Single(update.Label.ReleasableToCodes));
        Assert.False(AccessScope.ForUser(ClassificationLevels.Secret, "FRA", []).CanRead(update.Label));
        Assert.False(AccessScope.ForUser(ClassificationLevels.Secret, "POL", []).CanRead(update.Label));
        Assert.True(AccessScope.ForUser(ClassificationLevels.Confidential, "GBR", []).CanRead(update.Label));
    }

    private static string NewOrganisationCode() => "T" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
}

public sealed class AuditChainWritingTestsOnSqlite(SqliteApp app) : AuditChainWritingTests<SqliteApp>(app);

public sealed class AuditChainWritingTestsOnPostgres(PostgresApp app) : AuditChainWritingTests<PostgresApp>(app);
