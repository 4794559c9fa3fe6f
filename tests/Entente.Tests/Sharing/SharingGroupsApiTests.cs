using System.Net;
using Entente.Infrastructure.Labels;
using Entente.Modules.Audit.Domain;
using Entente.Testing;
using Entente.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Entente.Tests.Sharing;

public abstract class SharingGroupsApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_extender_adds_members_a_plain_member_cannot_and_only_the_owner_grants_the_right_to_extend()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);
        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Restricted);
        var group = (await gbr.CreateGroupAsync(SharingTestKit.UniqueName("Air policing cell"))).GetProperty("id").GetGuid();

        await (await gbr.AddMemberAsync(group, "FRA", canExtend: true)).JsonAsync(HttpStatusCode.OK);
        await (await fra.AddMemberAsync(group, "POL")).JsonAsync(HttpStatusCode.OK);
        await (await fra.AddMemberAsync(group, "DEU", canExtend: true)).ProblemAsync(HttpStatusCode.Forbidden, "/problems/sharing.group-grant-owner-only");
        await (await pol.AddMemberAsync(group, "DEU")).ProblemAsync(HttpStatusCode.Forbidden, "/problems/sharing.group-extend-forbidden");
        await (await gbr.AddMemberAsync(group, "XXX")).ProblemAsync(HttpStatusCode.BadRequest, "/problems/sharing.unknown-member");

        var seen = await (await gbr.GetPathAsync($"/api/v1/sharing-groups/{group}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["FRA", "GBR", "POL"], seen.GetProperty("members").EnumerateArray().Select(m => m.Str("memberCode")));
        Assert.Equal("GBR", seen.Str("ownerMember"));

        // Refused attempts are in the audit chain, and nothing changed.
        var refusals = await app.DbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.AccessDenied && e.EntityId == group.ToString("D"), Ct));
        Assert.Equal(2, refusals);
    }

    [Fact]
    public async Task The_group_page_lists_members_to_the_owner_hides_them_from_a_plain_member_and_does_not_exist_for_others()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Restricted);
        using var deu = await app.DelegateAsync("DEU", ClassificationLevels.Confidential);
        var name = SharingTestKit.UniqueName("Maritime cell");
        var group = (await gbr.CreateGroupAsync(name, hideMembers: true)).GetProperty("id").GetGuid();
        await (await gbr.AddMemberAsync(group, "FRA")).JsonAsync(HttpStatusCode.OK);
        await (await gbr.AddMemberAsync(group, "POL")).JsonAsync(HttpStatusCode.OK);

        var asOwner = await gbr.GetPathAsync($"/sharing/groups/{group}");
        var asMember = await pol.GetPathAsync($"/sharing/groups/{group}");
        var asStranger = await deu.GetPathAsync($"/sharing/groups/{group}");

        Assert.Equal(HttpStatusCode.OK, asOwner.StatusCode);
        var ownerHtml = System.Net.WebUtility.HtmlDecode(await asOwner.Content.ReadAsStringAsync(Ct));
        Assert.Contains(name, ownerHtml, StringComparison.Ordinal);
        Assert.Contains("FRA", ownerHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, asMember.StatusCode);
        var memberHtml = System.Net.WebUtility.HtmlDecode(await asMember.Content.ReadAsStringAsync(Ct));
        Assert.Contains(name, memberHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("FRA", memberHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, asStranger.StatusCode);
        Assert.DoesNotContain(name, await asStranger.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_that_hides_its_members_shows_a_plain_member_only_its_own_membership_and_the_owner_the_whole_list()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Restricted);
        var name = SharingTestKit.UniqueName("Hidden cell");
        var group = (await gbr.CreateGroupAsync(name, hideMembers: true)).GetProperty("id").GetGuid();
        await (await gbr.AddMemberAsync(group, "FRA")).JsonAsync(HttpStatusCode.OK);
        await (await gbr.AddMemberAsync(group, "POL")).JsonAsync(HttpStatusCode.OK);

        var response = await pol.GetPathAsync($"/api/v1/sharing-groups/{group}");
        var body = await response.Content.ReadAsStringAsync(Ct);
        var asPol = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(name, asPol.Str("name"));
        Assert.Equal("POL", asPol.GetProperty("yourMembership").Str("memberCode"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, asPol.GetProperty("members").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, asPol.GetProperty("memberCount").ValueKind);
        Assert.DoesNotContain("GBR", body, StringComparison.Ordinal);
        Assert.DoesNotContain("FRA", body, StringComparison.Ordinal);

        var listed = await (await pol.GetPathAsync("/api/v1/sharing-groups")).JsonAsync(HttpStatusCode.OK);
        var inList = listed.EnumerateArray().Single(g => g.Str("id") == group.ToString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, inList.GetProperty("members").ValueKind);

        var asOwner = await (await gbr.GetPathAsync($"/api/v1/sharing-groups/{group}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, asOwner.GetProperty("memberCount").GetInt32());
        Assert.Equal(["FRA", "GBR", "POL"], asOwner.GetProperty("members").EnumerateArray().Select(m => m.Str("memberCode")));
    }

    [Fact]
    public async Task A_member_outside_the_group_neither_finds_nor_lists_it()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        using var ita = await app.DelegateAsync("ITA", ClassificationLevels.Confidential);
        var group = (await gbr.CreateGroupAsync(SharingTestKit.UniqueName("Co-chairs only"))).GetProperty("id").GetGuid();

        await (await ita.GetPathAsync($"/api/v1/sharing-groups/{group}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/sharing.group-not-found");
        await (await ita.AddMemberAsync(group, "ITA")).ProblemAsync(HttpStatusCode.NotFound, "/problems/sharing.group-not-found");
        var listed = await (await ita.GetPathAsync("/api/v1/sharing-groups")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(listed.EnumerateArray(), g => g.Str("id") == group.ToString());
        Assert.Equal(1, await app.DbAsync(db => db.SharingGroupMembers.CountAsync(m => m.GroupId == group, Ct)));
    }

    [Fact]
    public async Task The_owner_leaves_only_after_handing_the_group_on_and_a_member_may_leave_on_its_own()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);
        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Restricted);
        var group = (await gbr.CreateGroupAsync(SharingTestKit.UniqueName("Handover"))).GetProperty("id").GetGuid();
        await (await gbr.AddMemberAsync(group, "FRA")).JsonAsync(HttpStatusCode.OK);
        await (await gbr.AddMemberAsync(group, "POL")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, (await pol.DeletePathAsync($"/api/v1/sharing-groups/{group}/members/POL")).StatusCode);
        await (await fra.DeletePathAsync($"/api/v1/sharing-groups/{group}/members/GBR")).ProblemAsync(HttpStatusCode.Forbidden, "/problems/sharing.group-owner-only");
        await (await gbr.DeletePathAsync($"/api/v1/sharing-groups/{group}/members/GBR")).ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/sharing.group-owner-cannot-leave");
        await (await fra.PutJsonAsync($"/api/v1/sharing-groups/{group}", new { name = "Taken over" })).ProblemAsync(HttpStatusCode.Forbidden, "/problems/sharing.group-owner-only");

        var handed = await (await gbr.PostJsonAsync($"/api/v1/sharing-groups/{group}/transfer", new { memberCode = "FRA" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("FRA", handed.Str("ownerMember"));
        Assert.Equal(HttpStatusCode.NoContent, (await gbr.DeletePathAsync($"/api/v1/sharing-groups/{group}/members/GBR")).StatusCode);
        await (await gbr.GetPathAsync($"/api/v1/sharing-groups/{group}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/sharing.group-not-found");
        var renamed = await (await fra.PutJsonAsync($"/api/v1/sharing-groups/{group}", new { name = SharingTestKit.UniqueName("Renamed"), hideMembers = true })).JsonAsync(HttpStatusCode.OK);
        Assert.True(renamed.GetProperty("hideMembers").GetBoolean());
    }

    [Fact]
    public async Task A_member_removed_from_a_group_no_longer_reads_the_records_labelled_with_it_from_its_next_request()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);
        var group = (await gbr.CreateGroupAsync(SharingTestKit.UniqueName("Offer cell"))).GetProperty("id").GetGuid();
        await (await gbr.AddMemberAsync(group, "FRA")).JsonAsync(HttpStatusCode.OK);
        var offer = await gbr.OfferUnderAsync("GBR", new { classification = "RESTRICTED", sharingGroupId = group });
        await (await fra.GetPathAsync($"/api/v1/offers/{offer}")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, (await gbr.DeletePathAsync($"/api/v1/sharing-groups/{group}/members/FRA")).StatusCode);

        await (await fra.GetPathAsync($"/api/v1/offers/{offer}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        var listed = await (await fra.GetPathAsync("/api/v1/offers")).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(offer.ToString(), listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delegate_cannot_create_a_group_owned_by_another_member_and_the_refusal_is_audited()
    {
        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Restricted);
        var name = SharingTestKit.UniqueName("Not yours");
        await (await pol.PostJsonAsync("/api/v1/sharing-groups", new { name, ownerMember = "GBR" }))
            .ProblemAsync(HttpStatusCode.Forbidden, "/problems/sharing.group-owner-not-yours");
        Assert.False(await app.DbAsync(db => db.SharingGroups.AnyAsync(g => g.Name == name, Ct)));
        Assert.True(await app.DbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.AccessDenied && e.ActorMember == "POL"
            && e.EntityType == "sharing_groups" && e.Details!.Contains("sharing.group-owner-not-yours"), Ct)));
    }
}

public sealed class SharingGroupsApiTestsOnSqlite(SqliteApp app) : SharingGroupsApiTests<SqliteApp>(app);

public sealed class SharingGroupsApiTestsOnPostgres(PostgresApp app) : SharingGroupsApiTests<PostgresApp>(app);
