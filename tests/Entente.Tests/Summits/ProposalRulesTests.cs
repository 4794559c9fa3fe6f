using Entente.Infrastructure.Labels;
using Entente.Modules.Summits.Domain;

namespace Entente.Tests.Summits;

public sealed class ProposalRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);
    private static readonly ProposalActor Secretariat = new("secretariat", "CSEC");

    private static Proposal Draft(string text = "The coalition will monitor the ceasefire line.") =>
        Proposal.Draft("Ceasefire monitoring", text, null, Label.Public, Secretariat, Now).Value!;

    [Fact]
    public void The_diff_between_two_versions_shows_the_deleted_and_the_inserted_words()
    {
        var segments = TextDiff.Compare("The force deploys in spring.", "The force deploys rapidly in summer.", DiffGranularity.Words);

        Assert.Contains(segments, s => s.Kind == DiffKind.Deleted && s.Text.Contains("spring", StringComparison.Ordinal));
        Assert.Contains(segments, s => s.Kind == DiffKind.Inserted && s.Text.Contains("summer", StringComparison.Ordinal));
        Assert.Contains(segments, s => s.Kind == DiffKind.Inserted && s.Text.Contains("rapidly", StringComparison.Ordinal));
        Assert.Equal("The force deploys in spring.", string.Concat(segments.Where(s => s.Kind != DiffKind.Inserted).Select(s => s.Text)));
        Assert.Equal("The force deploys rapidly in summer.", string.Concat(segments.Where(s => s.Kind != DiffKind.Deleted).Select(s => s.Text)));
    }

    [Fact]
    public void Consensus_is_not_reached_while_a_member_opposes_and_is_reached_once_it_abstains()
    {
        var p = Draft();
        Assert.True(p.OpenConsensus(2, null, 30, Now).IsSuccess);
        p.RecordPosition("FRA", Stance.Support, null, Secretariat, Now);
        p.RecordPosition("POL", Stance.Oppose, null, Secretariat, Now);

        var refused = p.ConcludeConsensus(Secretariat, Now);
        Assert.Equal("summits.consensus-opposed", refused.Error!.Code);
        Assert.Contains("POL", refused.Error.Detail, StringComparison.Ordinal);
        Assert.Equal(ProposalStatus.InConsultation, p.Status);

        p.RecordPosition("POL", Stance.Abstain, null, Secretariat, Now.AddMinutes(5));
        var adopted = p.ConcludeConsensus(Secretariat, Now.AddMinutes(6));
        Assert.True(adopted.IsSuccess);
        Assert.Equal(ProposalStatus.Adopted, p.Status);
        Assert.Equal(["FRA", "POL"], adopted.Value!.Statements.Select(s => s.Member).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Positions_on_an_older_version_are_kept_but_do_not_count_towards_the_quorum()
    {
        var p = Draft();
        p.OpenConsensus(2, null, 30, Now);
        p.RecordPosition("FRA", Stance.Support, null, Secretariat, Now);
        p.RecordPosition("GBR", Stance.Support, null, Secretariat, Now);
        Assert.True(p.Amend(null, "The coalition will monitor the ceasefire line with drones.", "Means of monitoring", Secretariat, Now.AddMinutes(1)).IsSuccess);
        p.RecordPosition("GBR", Stance.Support, null, Secretariat, Now.AddMinutes(2));

        var refused = p.ConcludeConsensus(Secretariat, Now.AddMinutes(3));

        Assert.Equal("summits.quorum-not-met", refused.Error!.Code);
        var fra = Assert.Single(p.LatestPositions(), x => x.Member == "FRA");
        Assert.Equal(1, fra.VersionNumber);
        Assert.Equal(2, p.CurrentVersion);
    }

    [Fact]
    public void Silence_is_adopted_at_the_deadline_once_and_only_once()
    {
        var p = Draft();
        p.OpenSilence(Now.AddHours(24), Now);

        Assert.Null(p.ConcludeSilenceIfDue(Now.AddHours(23)));
        var decision = p.ConcludeSilenceIfDue(Now.AddHours(25));
        var again = p.ConcludeSilenceIfDue(Now.AddHours(26));

        Assert.NotNull(decision);
        Assert.Equal(Now.AddHours(24), decision.AdoptedAt);
        Assert.Equal(DecisionProcedure.Silence, decision.Procedure);
        Assert.Null(again);
    }

    [Fact]
    public void Breaking_silence_returns_the_draft_and_a_second_break_is_refused()
    {
        var p = Draft();
        p.OpenSilence(Now.AddHours(24), Now);

        Assert.True(p.BreakSilence("POL", "The text omits the eastern sector.", Secretariat, Now.AddHours(1)).IsSuccess);
        Assert.Equal(ProposalStatus.ReturnedForRevision, p.Status);
        Assert.Equal("summits.silence-already-broken", p.BreakSilence("FRA", "Also", Secretariat, Now.AddHours(2)).Error!.Code);
        Assert.Null(p.ConcludeSilenceIfDue(Now.AddHours(30)));
    }

    [Fact]
    public void A_position_after_the_deadline_and_anything_on_a_withdrawn_draft_are_refused()
    {
        var p = Draft();
        p.OpenSilence(Now.AddHours(1), Now);
        Assert.Equal("summits.deadline-passed", p.RecordPosition("FRA", Stance.Support, null, Secretariat, Now.AddHours(2)).Error!.Code);
        Assert.Equal("summits.deadline-passed", p.BreakSilence("FRA", "Late", Secretariat, Now.AddHours(2)).Error!.Code);

        var w = Draft();
        Assert.True(w.Withdraw("Overtaken by events", Now).IsSuccess);
        Assert.Equal("summits.proposal-withdrawn", w.OpenConsensus(1, null, 30, Now).Error!.Code);
        Assert.Equal("summits.proposal-withdrawn", w.RecordPosition("FRA", Stance.Support, null, Secretariat, Now).Error!.Code);
        Assert.Equal("summits.proposal-withdrawn", w.ConcludeConsensus(Secretariat, Now).Error!.Code);
    }

    [Fact]
    public void The_text_under_silence_cannot_be_amended()
    {
        var p = Draft();
        p.OpenSilence(Now.AddHours(1), Now);

        Assert.Equal("summits.silence-text-fixed", p.Amend(null, "Another text", "Because", Secretariat, Now).Error!.Code);
    }
}
