using System.Net;
using Entente.Infrastructure.Labels;
using Entente.Modules.Summits.Contracts;
using Entente.Modules.Summits.Domain;
using Entente.Testing;
using Entente.Tests.Registry;
using Microsoft.EntityFrameworkCore;
using static Entente.Tests.Summits.ProceduresTestKit;

namespace Entente.Tests.Summits;

public abstract class ProceduresApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_consensus_with_no_opposition_and_the_quorum_met_enters_the_register_with_the_statements()
    {
        using var secretariat = await app.SecretariatAsync();
        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var marker = Marker();
        var id = await DraftAsync(secretariat, $"{marker} planning of the reassurance force", "The coalition tasks the planning cell.");
        await (await secretariat.PostJsonAsync($"/api/v1/proposals/{id}/consensus", new { quorumCount = 2 })).JsonAsync(HttpStatusCode.OK);

        await (await fra.PostJsonAsync($"/api/v1/proposals/{id}/positions", new { stance = "support" })).JsonAsync(HttpStatusCode.OK);
        var early = await (await secretariat.PostJsonAsync($"/api/v1/proposals/{id}/conclusion", new { }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/summits.quorum-not-met");
        Assert.Contains("1 of the 2", early.Str("detail"), StringComparison.Ordinal);
        await (await gbr.PostJsonAsync($"/api/v1/proposals/{id}/positions", new { stance = "supportWithStatement", statement = "Subject to parliamentary approval." }))
            .JsonAsync(HttpStatusCode.OK);
        var adopted = await (await secretariat.PostJsonAsync($"/api/v1/proposals/{id}/conclusion", new { })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("adopted", adopted.Str("status"));
        var register = await (await gbr.GetPathAsync($"/api/v1/decisions?q={marker}")).JsonAsync(HttpStatusCode.OK);
        var entry = Assert.Single(register.GetProperty("items").EnumerateArray());
        Assert.Equal("consensus", entry.Str("procedure"));
        var decision = await (await gbr.GetPathAsync($"/api/v1/decisions/{entry.Str("id")}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("The coalition tasks the planning cell.", decision.Str("text"));
        Assert.Contains(decision.GetProperty("statements").EnumerateArray(),
            s => s.Str("member") == "GBR" && s.Str("statement") == "Subject to parliamentary approval.");
    }

    [Fact]
    public async Task One_member_opposing_blocks_consensus_and_a_delegate_cannot_answer_for_another_member()
    {
        using var secretariat = await app.SecretariatAsync();
        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Restricted);
        var id = await DraftAsync(secretariat, $"{Marker()} sanctions alignment", "Members align their measures.");
        await (await secretariat.PostJsonAsync($"/api/v1/proposals/{id}/consensus", new { quorumCount = 1 })).JsonAsync(HttpStatusCode.OK);

        await (await pol.PostJsonAsync($"/api/v1/proposals/{id}/positions", new { member = "FRA", stance = "support" }))
            .ProblemAsync(HttpStatusCode.Forbidden, "/problems/summits.not-your-member");
        await (await pol.PostJsonAsync($"/api/v1/proposals/{id}/positions", new { stance = "oppose" })).JsonAsync(HttpStatusCode.OK);
        await (await secretariat.PostJsonAsync($"/api/v1/proposals/{id}/positions", new { member = "DEU", stance = "support" })).JsonAsync(HttpStatusCode.OK);

        var refused = await (await secretariat.PostJsonAsync($"/api/v1/proposals/{id}/conclusion", new { }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/summits.consensus-opposed");
        Assert.Contains("POL", refused.Str("detail"), StringComparison.Ordinal);
        var proposal = await (await secretariat.GetPathAsync($"/api/v1/proposals/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("inConsultation", proposal.Str("status"));
    }

    [Fact]
    public async Task The_silence_job_adopts_after_the_deadline_and_running_it_twice_adopts_once()
    {
        using var secretariat = await app.SecretariatAsync();
        var marker = Marker();
        var id = await DraftAsync(secretariat, $"{marker} statement on ceasefire monitoring", "The coalition welcomes the monitoring mission.");
        var deadline = DateTimeOffset.UtcNow.AddHours(6);
        await OpenSilenceAsync(secretariat, id, deadline);
        var clock = new ProceduresClock(deadline.AddMinutes(-1));

        // Other tests' procedures share the database and may fall due on the same ticks: count only this proposal's outcome.
        await app.AsSystemAsync(sp => SilenceProcedureJob.RunOnceAsync(sp, clock, Ct));
        Assert.Equal(0, await app.DbAsync(db => db.Decisions.CountAsync(d => d.ProposalId == id, Ct)));
        clock.Now = deadline.AddMinutes(1);
        var first = await app.AsSystemAsync(sp => SilenceProcedureJob.RunOnceAsync(sp, clock, Ct));
        await app.AsSystemAsync(sp => SilenceProcedureJob.RunOnceAsync(sp, clock, Ct));

        Assert.True(first >= 1);
        var decisions = await app.DbAsync(db => db.Decisions.Where(d => d.ProposalId == id).ToListAsync(Ct));
        var decision = Assert.Single(decisions);
        Assert.Equal(DecisionProcedure.Silence, decision.Procedure);
        Assert.Equal(deadline.UtcDateTime, decision.AdoptedAt, TimeSpan.FromSeconds(1));
        var proposal = await (await secretariat.GetPathAsync($"/api/v1/proposals/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("adopted", proposal.Str("status"));
    }

    [Fact]
    public async Task Two_instances_ticking_at_the_same_moment_record_the_outcome_once()
    {
        using var secretariat = await app.SecretariatAsync();
        var id = await DraftAsync(secretariat, $"{Marker()} statement on energy infrastructure", "The coalition condemns strikes on energy infrastructure.");
        var deadline = DateTimeOffset.UtcNow.AddHours(3);
        await OpenSilenceAsync(secretariat, id, deadline);
        var clock = new ProceduresClock(deadline.AddSeconds(30));

        // Two hosts on one database are two service providers' ticks racing; the lease is bypassed on purpose here.
        var ticks = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            app.AsSystemAsync(sp => SilenceProcedureJob.RunOnceAsync(sp, clock, Ct))));

        Assert.True(ticks.Sum() >= 1);
        Assert.Equal(1, await app.DbAsync(db => db.Decisions.CountAsync(d => d.ProposalId == id, Ct)));
    }

    [Fact]
    public async Task Breaking_silence_returns_the_draft_for_revision_and_a_second_break_is_refused()
    {
        using var secretariat = await app.SecretariatAsync();
        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Restricted);
        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);
        var id = await DraftAsync(secretariat, $"{Marker()} statement on drone incursions", "The coalition condemns the incursions.");
        await OpenSilenceAsync(secretariat, id, DateTimeOffset.UtcNow.AddDays(1));

        var broken = await (await pol.PostJsonAsync($"/api/v1/proposals/{id}/silence-breaks", new { reason = "The text must name the airspace violated." }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal("returnedForRevision", broken.Str("status"));
        Assert.Equal("POL", broken.GetProperty("breaks")[0].Str("member"));
        await (await fra.PostJsonAsync($"/api/v1/proposals/{id}/silence-breaks", new { reason = "Also." }))
            .ProblemAsync(HttpStatusCode.Conflict, "/problems/summits.silence-already-broken");

        var clock = new ProceduresClock(DateTimeOffset.UtcNow.AddDays(2));
        await app.AsSystemAsync(sp => SilenceProcedureJob.RunOnceAsync(sp, clock, Ct));
        Assert.False(await app.DbAsync(db => db.Decisions.AnyAsync(d => d.ProposalId == id, Ct)));
    }

    [Fact]
    public async Task A_position_after_the_deadline_is_refused()
    {
        using var secretariat = await app.SecretariatAsync();
        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);
        var id = await DraftAsync(secretariat, $"{Marker()} short silence", "A text under a short silence.");
        await OpenSilenceAsync(secretariat, id, DateTimeOffset.UtcNow.AddSeconds(2));
        await Task.Delay(TimeSpan.FromSeconds(2.5), Ct);

        await (await fra.PostJsonAsync($"/api/v1/proposals/{id}/positions", new { stance = "support" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/summits.deadline-passed");
        await (await fra.PostJsonAsync($"/api/v1/proposals/{id}/silence-breaks", new { reason = "Too late" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/summits.deadline-passed");
    }

    [Fact]
    public async Task Nothing_can_be_decided_on_a_withdrawn_draft_and_a_deadline_without_time_zone_is_refused()
    {
        using var secretariat = await app.SecretariatAsync();
        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);
        var id = await DraftAsync(secretariat, $"{Marker()} withdrawn", "A text that is withdrawn.");
        await (await secretariat.PostJsonAsync($"/api/v1/proposals/{id}/silence", new { deadline = "2030-01-01T17:00:00" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/summits.time-zone-missing");
        await (await secretariat.PostJsonAsync($"/api/v1/proposals/{id}/consensus", new { quorumCount = 1 })).JsonAsync(HttpStatusCode.OK);
        await (await secretariat.PostJsonAsync($"/api/v1/proposals/{id}/withdrawal", new { reason = "Overtaken by events." })).JsonAsync(HttpStatusCode.OK);

        await (await fra.PostJsonAsync($"/api/v1/proposals/{id}/positions", new { stance = "support" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/summits.proposal-withdrawn");
        await (await secretariat.PostJsonAsync($"/api/v1/proposals/{id}/conclusion", new { }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/summits.proposal-withdrawn");
    }

    [Fact]
    public async Task Amendments_create_versions_and_the_diff_shows_inserted_and_deleted_words()
    {
        using var secretariat = await app.SecretariatAsync();
        var id = await DraftAsync(secretariat, $"{Marker()} force posture", "The force deploys in spring.");
        await (await secretariat.PostJsonAsync($"/api/v1/proposals/{id}/amendments", new { text = "The force deploys rapidly in summer.", reason = "Planning timelines" }))
            .JsonAsync(HttpStatusCode.OK);

        var versions = await (await secretariat.GetPathAsync($"/api/v1/proposals/{id}/versions")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([2, 1], versions.EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));
        Assert.Equal("Planning timelines", versions[0].Str("reason"));
        var diff = await (await secretariat.GetPathAsync($"/api/v1/proposals/{id}/diff?from=1&to=2")).JsonAsync(HttpStatusCode.OK);
        var segments = diff.GetProperty("segments").EnumerateArray().Select(s => (Kind: s.Str("kind"), Text: s.Str("text"))).ToList();
        Assert.Contains(segments, s => s.Kind == "deleted" && s.Text.Contains("spring", StringComparison.Ordinal));
        Assert.Contains(segments, s => s.Kind == "inserted" && s.Text.Contains("summer", StringComparison.Ordinal));

        var page = await (await secretariat.GetPathAsync($"/summits/proposals/{id}?from=1&to=2")).Content.ReadAsStringAsync(Ct);
        Assert.Contains("<del", page, StringComparison.Ordinal);
        Assert.Contains("<ins", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_without_release_cannot_see_count_or_search_a_restricted_proposal_or_its_decision()
    {
        using var secretariat = await app.SecretariatAsync();
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Confidential);
        var marker = Marker();
        var label = new { classification = "CONFIDENTIAL", releasableTo = new[] { "GBR", "CSEC" } };
        var id = await DraftAsync(secretariat, $"{marker} restricted", "Only for the United Kingdom.", label);
        await (await secretariat.PostJsonAsync($"/api/v1/proposals/{id}/consensus", new { quorumCount = 1 })).JsonAsync(HttpStatusCode.OK);
        await (await gbr.PostJsonAsync($"/api/v1/proposals/{id}/positions", new { stance = "support" })).JsonAsync(HttpStatusCode.OK);
        var adopted = await (await secretariat.PostJsonAsync($"/api/v1/proposals/{id}/conclusion", new { })).JsonAsync(HttpStatusCode.OK);
        var decisionId = adopted.Str("decisionId");

        await (await pol.GetPathAsync($"/api/v1/proposals/{id}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await (await pol.GetPathAsync($"/api/v1/proposals/{id}/versions")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await (await pol.GetPathAsync($"/api/v1/decisions/{decisionId}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await (await pol.PostJsonAsync($"/api/v1/proposals/{id}/positions", new { stance = "oppose" })).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        var polList = await (await pol.GetPathAsync($"/api/v1/proposals?q={marker}")).JsonAsync(HttpStatusCode.OK);
        var polRegister = await (await pol.GetPathAsync($"/api/v1/decisions?q={marker}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, polList.GetProperty("total").GetInt32());
        Assert.Equal(0, polRegister.GetProperty("total").GetInt32());
        var polPage = await (await pol.GetPathAsync($"/summits/decisions?q={marker}")).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain($"{marker} restricted", polPage, StringComparison.Ordinal);
        Assert.Contains("No decision released to you matches.", polPage, StringComparison.Ordinal);

        var gbrRegister = await (await gbr.GetPathAsync($"/api/v1/decisions?q={marker}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, gbrRegister.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_communique_is_visible_anonymously_only_after_its_release()
    {
        using var secretariat = await app.SecretariatAsync();
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        using var anonymous = app.Anonymous();
        var marker = Marker();
        var id = await DraftAsync(secretariat, $"{marker} reassurance force", "Restricted planning text.",
            new { classification = "RESTRICTED" });
        await (await secretariat.PostJsonAsync($"/api/v1/proposals/{id}/consensus", new { quorumCount = 1 })).JsonAsync(HttpStatusCode.OK);
        await (await gbr.PostJsonAsync($"/api/v1/proposals/{id}/positions", new { stance = "support" })).JsonAsync(HttpStatusCode.OK);
        var adopted = await (await secretariat.PostJsonAsync($"/api/v1/proposals/{id}/conclusion", new { })).JsonAsync(HttpStatusCode.OK);
        var decisionId = adopted.Str("decisionId");

        var before = await (await anonymous.GetPathAsync("/summits/communiques")).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(marker, before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetPathAsync($"/api/v1/decisions/{decisionId}")).StatusCode);

        await (await secretariat.PostJsonAsync($"/api/v1/decisions/{decisionId}/communique", new { text = $"{marker}: the coalition agreed the force's planning." }))
            .JsonAsync(HttpStatusCode.Created);
        await (await secretariat.PostJsonAsync($"/api/v1/decisions/{decisionId}/communique", new { text = "Again" }))
            .ProblemAsync(HttpStatusCode.Conflict, "/problems/summits.communique-released");

        var list = await (await anonymous.GetPathAsync("/api/v1/communiques?pageSize=200")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), c => c.Str("text").StartsWith(marker, StringComparison.Ordinal));
        var after = await (await anonymous.GetPathAsync("/summits/communiques")).Content.ReadAsStringAsync(Ct);
        Assert.Contains(marker, after, StringComparison.Ordinal);
        Assert.DoesNotContain("Restricted planning text.", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delegate_sees_what_awaits_its_member_until_it_answers_the_current_version()
    {
        using var secretariat = await app.SecretariatAsync();
        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);
        var id = await DraftAsync(secretariat, $"{Marker()} pending", "A text to answer.");
        await (await secretariat.PostJsonAsync($"/api/v1/proposals/{id}/consensus", new { quorumPercent = 50 })).JsonAsync(HttpStatusCode.OK);

        var pending = await app.DbAsync(db => PendingProcedures.ForMemberAsync(db, "FRA", Ct));
        Assert.Contains(pending, p => p.ProposalId == id && p.Procedure == DecisionProcedure.Consensus);
        await (await fra.PostJsonAsync($"/api/v1/proposals/{id}/positions", new { stance = "abstain" })).JsonAsync(HttpStatusCode.OK);
        var answered = await app.DbAsync(db => PendingProcedures.ForMemberAsync(db, "FRA", Ct));
        Assert.DoesNotContain(answered, p => p.ProposalId == id);
    }
}

public sealed class ProceduresApiTestsOnSqlite(ProceduresSqliteApp app) : ProceduresApiTests<ProceduresSqliteApp>(app);

public sealed class ProceduresApiTestsOnPostgres(ProceduresPostgresApp app) : ProceduresApiTests<ProceduresPostgresApp>(app);
