using System.Net;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Forces.Domain;
using Entente.Testing;
using Entente.Tests.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entente.Tests.Sharing;

public abstract class ReleasesApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static readonly object GbrOnly = new { classification = "RESTRICTED", releasableTo = new[] { "GBR" } };
    private static readonly object GbrAndFra = new { classification = "RESTRICTED", releasableTo = new[] { "FRA", "GBR" } };

    private static readonly object SecretGbrOnly = new { classification = "SECRET", releasableTo = new[] { "GBR" } };
    private static readonly object SecretGbrAndFra = new { classification = "SECRET", releasableTo = new[] { "FRA", "GBR" } };
    private static readonly object UnknownMember = new { classification = "RESTRICTED", releasableTo = new[] { "GBR", "ZZZ" } };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<Label> LabelOfOfferAsync(Guid offer) =>
        app.DbAsync(db => db.Set<Offer>().IgnoreQueryFilters([EntenteDbContext.LabelFilter]).Where(o => o.Id == offer).Select(o => o.Label).SingleAsync(Ct));

    private Task<bool> RefusalAuditedAsync(Guid? release, string code) =>
        app.DbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.AccessDenied && e.EntityType == "sharing_release_requests"
            && (release == null || e.EntityId == release.Value.ToString("D")) && e.Details!.Contains(code), Ct));

    [Fact]
    public async Task A_release_approved_by_the_originators_releaser_lets_the_new_member_read_the_record()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);
        var (_, releaser) = await app.ReleaserAsync("GBR");
        var offer = await gbr.OfferUnderAsync("GBR", GbrOnly);
        await (await fra.GetPathAsync($"/api/v1/offers/{offer}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");

        var requested = await (await gbr.RequestReleaseAsync(offer, GbrAndFra)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("pending", requested.Str("status"));
        Assert.Equal(1, requested.GetProperty("requiredApprovals").GetInt32());
        var release = requested.GetProperty("id").GetGuid();
        var queue = await (await releaser.GetPathAsync("/api/v1/releases?view=queue")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(queue.EnumerateArray(), r => r.Str("id") == release.ToString());

        var approved = await (await releaser.ApproveAsync(release)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("approved", approved.Str("status"));
        await (await fra.GetPathAsync($"/api/v1/offers/{offer}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["FRA", "GBR"], (await LabelOfOfferAsync(offer)).ReleasableToCodes);
        Assert.True(await app.DbAsync(db => db.AuditEntries.AnyAsync(e => e.EntityType == "sharing_release_approvals" && e.Action == AuditActions.Create, Ct)));
    }

    [Fact]
    public async Task A_releaser_cannot_approve_its_own_request_and_nothing_changes()
    {
        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var (_, releaser) = await app.ReleaserAsync("GBR");
        var offer = await gbr.OfferUnderAsync("GBR", GbrOnly);
        var release = (await (await releaser.RequestReleaseAsync(offer, GbrAndFra)).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        await (await releaser.ApproveAsync(release)).ProblemAsync(HttpStatusCode.Forbidden, "/problems/sharing.release-self-approval");

        Assert.Equal(["GBR"], (await LabelOfOfferAsync(offer)).ReleasableToCodes);
        Assert.Equal("pending", (await (await releaser.GetPathAsync($"/api/v1/releases/{release}")).JsonAsync(HttpStatusCode.OK)).Str("status"));
        await (await fra.GetPathAsync($"/api/v1/offers/{offer}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        Assert.True(await RefusalAuditedAsync(release, "sharing.release-self-approval"));
    }

    [Fact]
    public async Task Above_confidential_one_approval_does_not_release_and_a_second_distinct_releaser_does()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Secret);
        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Secret);
        var (_, first) = await app.ReleaserAsync("GBR");
        var (_, second) = await app.ReleaserAsync("GBR");
        var offer = await gbr.OfferUnderAsync("GBR", SecretGbrOnly);
        var requested = await (await gbr.RequestReleaseAsync(offer, SecretGbrAndFra))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal(2, requested.GetProperty("requiredApprovals").GetInt32());
        var release = requested.GetProperty("id").GetGuid();

        var once = await (await first.ApproveAsync(release)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("pending", once.Str("status"));
        await (await fra.GetPathAsync($"/api/v1/offers/{offer}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await (await first.ApproveAsync(release)).ProblemAsync(HttpStatusCode.Conflict, "/problems/sharing.release-already-approved");
        Assert.True(await RefusalAuditedAsync(release, "sharing.release-already-approved"));

        var twice = await (await second.ApproveAsync(release)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("approved", twice.Str("status"));
        Assert.Equal(2, twice.GetProperty("approvals").GetArrayLength());
        await (await fra.GetPathAsync($"/api/v1/offers/{offer}")).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_releaser_of_another_member_gets_403_when_it_reads_the_record_and_404_when_it_does_not()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var (_, fraReleaser) = await app.ReleaserAsync("FRA");
        var shared = await gbr.OfferUnderAsync("GBR", GbrAndFra);
        var hidden = await gbr.OfferUnderAsync("GBR", GbrOnly);
        var visibleRelease = (await (await gbr.RequestReleaseAsync(shared, new { classification = "RESTRICTED" })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var hiddenRelease = (await (await gbr.RequestReleaseAsync(hidden, GbrAndFra)).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        await (await fraReleaser.ApproveAsync(visibleRelease)).ProblemAsync(HttpStatusCode.Forbidden, "/problems/sharing.release-not-releaser");
        await (await fraReleaser.ApproveAsync(hiddenRelease)).ProblemAsync(HttpStatusCode.NotFound, "/problems/sharing.release-not-found");
        Assert.Equal(["FRA", "GBR"], (await LabelOfOfferAsync(shared)).ReleasableToCodes);
        Assert.Equal(["GBR"], (await LabelOfOfferAsync(hidden)).ReleasableToCodes);
        Assert.True(await RefusalAuditedAsync(visibleRelease, "sharing.release-not-releaser"));
        Assert.True(await RefusalAuditedAsync(hiddenRelease, "sharing.release-not-found"));
    }

    [Fact]
    public async Task A_release_whose_record_was_relabelled_since_the_request_cannot_be_approved()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var (_, releaser) = await app.ReleaserAsync("GBR");
        var offer = await gbr.OfferUnderAsync("GBR", GbrOnly);
        var release = (await (await gbr.RequestReleaseAsync(offer, GbrAndFra)).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var moved = Label.Create(ClassificationLevels.Restricted, ["DEU", "GBR"], "GBR");
        await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<EntenteDbContext>();
            await sp.GetRequiredService<LabelledRecords>().Of("offer")!.RelabelAsync(db, offer, moved, Ct);
            await db.SaveChangesAsync(Ct);
        });

        await (await releaser.ApproveAsync(release)).ProblemAsync(HttpStatusCode.Conflict, "/problems/sharing.release-stale");
        Assert.Equal(moved, await LabelOfOfferAsync(offer));
        Assert.True(await RefusalAuditedAsync(release, "sharing.release-stale"));
    }

    [Fact]
    public async Task A_proposed_label_with_an_unknown_classification_or_member_is_refused_and_nothing_is_requested()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var offer = await gbr.OfferUnderAsync("GBR", GbrOnly);

        await (await gbr.RequestReleaseAsync(offer, new { classification = "COSMIC-PINK" })).ProblemAsync(HttpStatusCode.BadRequest, "/problems/label.classification-unknown");
        await (await gbr.RequestReleaseAsync(offer, UnknownMember))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/label.releasable-to-unknown");
        await (await gbr.RequestReleaseAsync(offer, GbrOnly)).ProblemAsync(HttpStatusCode.BadRequest, "/problems/sharing.release-not-wider");
        await (await gbr.RequestReleaseAsync(offer, GbrAndFra, justification: " ")).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");

        Assert.False(await app.DbAsync(db => db.ReleaseRequests.IgnoreQueryFilters([EntenteDbContext.LabelFilter]).AnyAsync(r => r.RecordId == offer, Ct)));
        Assert.True(await RefusalAuditedAsync(null, "label.classification-unknown"));
        Assert.True(await RefusalAuditedAsync(null, "label.releasable-to-unknown"));
    }

    [Fact]
    public async Task A_member_that_cannot_read_the_record_neither_sees_nor_counts_its_release_request()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        using var ita = await app.DelegateAsync("ITA", ClassificationLevels.Confidential);
        var offer = await gbr.OfferUnderAsync("GBR", GbrOnly);
        var release = (await (await gbr.RequestReleaseAsync(offer, GbrAndFra)).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        await (await ita.GetPathAsync($"/api/v1/releases/{release}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/sharing.release-not-found");
        await (await ita.PostJsonAsync($"/api/v1/releases/{release}/withdraw", new { })).ProblemAsync(HttpStatusCode.NotFound, "/problems/sharing.release-not-found");
        await (await ita.RequestReleaseAsync(offer, new { classification = "RESTRICTED" })).ProblemAsync(HttpStatusCode.NotFound, "/problems/sharing.release-record-not-found");
        var all = await (await ita.GetPathAsync("/api/v1/releases")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(all.EnumerateArray(), r => r.Str("recordId") == offer.ToString());
        Assert.DoesNotContain(all.EnumerateArray(), r => r.Str("requestedByMember") == "GBR");
        var visibleToGbr = await (await gbr.GetPathAsync("/api/v1/releases?view=mine")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(visibleToGbr.EnumerateArray(), r => r.Str("id") == release.ToString());
    }

    [Fact]
    public async Task The_requester_withdraws_and_a_releaser_rejects_with_a_reason()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var (_, releaser) = await app.ReleaserAsync("GBR");
        var offer = await gbr.OfferUnderAsync("GBR", GbrOnly);
        var first = (await (await gbr.RequestReleaseAsync(offer, GbrAndFra)).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var second = (await (await gbr.RequestReleaseAsync(offer, GbrAndFra)).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        await (await releaser.PostJsonAsync($"/api/v1/releases/{first}/withdraw", new { })).ProblemAsync(HttpStatusCode.Forbidden, "/problems/sharing.release-requester-only");
        Assert.Equal("withdrawn", (await (await gbr.PostJsonAsync($"/api/v1/releases/{first}/withdraw", new { })).JsonAsync(HttpStatusCode.OK)).Str("status"));
        await (await releaser.ApproveAsync(first)).ProblemAsync(HttpStatusCode.Conflict, "/problems/sharing.release-not-pending");

        await (await releaser.PostJsonAsync($"/api/v1/releases/{second}/reject", new { reason = " " })).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        var rejected = await (await releaser.PostJsonAsync($"/api/v1/releases/{second}/reject", new { reason = "Not before the conference." })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("rejected", rejected.Str("status"));
        Assert.Equal("Not before the conference.", rejected.Str("decisionReason"));
        Assert.Equal(["GBR"], (await LabelOfOfferAsync(offer)).ReleasableToCodes);
    }
}

public sealed class ReleasesApiTestsOnSqlite(SqliteApp app) : ReleasesApiTests<SqliteApp>(app);

public sealed class ReleasesApiTestsOnPostgres(PostgresApp app) : ReleasesApiTests<PostgresApp>(app);
