using Entente.Modules.Forces.Domain;

namespace Entente.Tests.Forces;

public sealed class ReadinessTimelineTests
{
    private static readonly DateOnly Start = new(2027, 1, 1);

    private static readonly TimelineLine Battalion = new(Guid.NewGuid(), "R-001", Priority.Critical, 2, 3, ReadinessLevel.Ready, Start, new DateOnly(2027, 12, 31));

    private static readonly TimelineLine Police = new(Guid.NewGuid(), "R-002", Priority.Low, 1, 1, ReadinessLevel.Assessed, Start, new DateOnly(2027, 12, 31));

    /// <summary>Two units assessed now, planned to be ready (level 3) on 20 March, in the third month.</summary>
    private static readonly TimelineOffer Assessed = new(Guid.NewGuid(), Start, new DateOnly(2028, 1, 1), true,
        [new TimelineLevel(new DateOnly(2026, 12, 1), ReadinessLevel.Assessed), new TimelineLevel(new DateOnly(2027, 3, 20), ReadinessLevel.Ready)]);

    /// <summary>One unit ready already, but available only from June.</summary>
    private static readonly TimelineOffer LateReady = new(Guid.NewGuid(), new DateOnly(2027, 6, 1), new DateOnly(2028, 1, 1), true,
        [new TimelineLevel(new DateOnly(2026, 11, 1), ReadinessLevel.Ready)]);

    private static ReadinessTimeline Compute(params TimelineAssignment[] assignments) =>
        ReadinessTimeline.Compute([Battalion, Police], [Assessed, LateReady], assignments, Start);

    [Fact]
    public void A_line_fills_to_its_minimum_on_the_day_its_offer_reaches_level_3_and_to_its_desired_quantity_when_the_late_offer_arrives()
    {
        var timeline = Compute(new TimelineAssignment(Assessed.Id, Battalion.Id, 2), new TimelineAssignment(LateReady.Id, Battalion.Id, 1));

        var line = timeline.Lines.Single(l => l.LineId == Battalion.Id);
        Assert.Equal(new DateOnly(2027, 3, 20), line.FilledToMinimumOn);
        Assert.Equal(new DateOnly(2027, 6, 1), line.FilledToDesiredOn);

        // Month by month: nothing counts while the offer is only assessed, two units from April, three from June.
        Assert.Equal(13, timeline.Dates.Count);
        Assert.Equal([0, 0, 0, 2, 2, 3, 3], line.Coverage.Take(7));
    }

    [Fact]
    public void Coverage_by_priority_counts_units_up_to_each_lines_minimum_and_desired_quantity()
    {
        var timeline = Compute(new TimelineAssignment(Assessed.Id, Battalion.Id, 2), new TimelineAssignment(LateReady.Id, Battalion.Id, 1));

        var critical = timeline.Priorities.Single(p => p.Priority == Priority.Critical).Points;
        Assert.Equal(0d, critical[2].MinimumShare);
        Assert.Equal(1d, critical[3].MinimumShare);
        Assert.Equal(2d / 3, critical[3].DesiredShare!.Value, 6);
        Assert.Equal(1d, critical[5].DesiredShare);

        // The police line has no assignment: never filled, and its priority stays at nothing covered.
        var police = timeline.Lines.Single(l => l.LineId == Police.Id);
        Assert.Null(police.FilledToMinimumOn);
        Assert.Null(police.FilledToDesiredOn);
        Assert.All(timeline.Priorities.Single(p => p.Priority == Priority.Low).Points.Take(12), p => Assert.Equal(0d, p.MinimumShare));

        // No medium line is needed, so there is no share to report rather than a share of zero.
        Assert.All(timeline.Priorities.Single(p => p.Priority == Priority.Medium).Points, p => Assert.Null(p.MinimumShare));
    }

    [Fact]
    public void An_offer_below_the_lines_readiness_a_withdrawn_offer_and_days_outside_the_lines_period_cover_nothing()
    {
        var withdrawn = Assessed with { Id = Guid.NewGuid(), Stands = false };
        var shortLine = Police with { Id = Guid.NewGuid(), Code = "R-003", EndsOn = new DateOnly(2027, 2, 15) };
        var timeline = ReadinessTimeline.Compute([Battalion, shortLine], [Assessed, withdrawn, LateReady],
            [new TimelineAssignment(withdrawn.Id, Battalion.Id, 2), new TimelineAssignment(LateReady.Id, shortLine.Id, 1)], Start, months: 6);

        var battalion = timeline.Lines.Single(l => l.LineId == Battalion.Id);
        Assert.All(battalion.Coverage, c => Assert.Equal(0, c));
        Assert.Null(battalion.FilledToMinimumOn);

        // The late offer arrives after the short line has ended: the line is not needed then, and never filled.
        var shortCoverage = timeline.Lines.Single(l => l.LineId == shortLine.Id);
        Assert.Equal([0, 0, null, null, null, null, null], shortCoverage.Coverage);
        Assert.Null(shortCoverage.FilledToMinimumOn);
        Assert.Equal(7, timeline.Dates.Count);
    }

    [Fact]
    public void An_offer_is_at_the_latest_level_dated_on_or_before_the_day_and_at_none_before_it_was_made()
    {
        Assert.Null(Assessed.LevelOn(new DateOnly(2026, 11, 30)));
        Assert.Equal(ReadinessLevel.Assessed, Assessed.LevelOn(new DateOnly(2027, 3, 19)));
        Assert.Equal(ReadinessLevel.Ready, Assessed.LevelOn(new DateOnly(2027, 3, 20)));
    }
}
