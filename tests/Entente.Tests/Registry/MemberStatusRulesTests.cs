using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Domain;

namespace Entente.Tests.Registry;

/// <summary>The rules of a member's status history, as the Member aggregate states them.</summary>
public class MemberStatusRulesTests
{
    private static readonly DateOnly Founded = new(2025, 3, 2);
    private static readonly DateOnly Today = new(2026, 6, 15);
    private static readonly DateTime Now = new(2026, 6, 15, 9, 30, 0, DateTimeKind.Utc);

    private static Member NewMember(string code = "POL") =>
        Member.Register(code, null, MemberKind.State, null, Label.Public, Now).Value!;

    private static Result Record(Member m, CoalitionStatus status, DateOnly from, string? note = null) =>
        m.RecordStatus(status, from, note, Founded, Today, Now);

    [Fact]
    public void A_new_status_closes_the_open_period_the_day_before_it_starts()
    {
        var m = NewMember();
        Assert.True(Record(m, CoalitionStatus.Observer, Founded).IsSuccess);
        Assert.True(Record(m, CoalitionStatus.Member, new DateOnly(2025, 6, 1)).IsSuccess);

        Assert.Equal(2, m.Statuses.Count);
        Assert.Equal(new DateOnly(2025, 5, 31), m.Statuses[0].To);
        Assert.Null(m.Statuses[1].To);
        Assert.Equal(CoalitionStatus.Observer, m.StatusOn(new DateOnly(2025, 5, 31)));
        Assert.Equal(CoalitionStatus.Member, m.StatusOn(new DateOnly(2025, 6, 1)));
    }

    [Fact]
    public void A_status_cannot_start_before_the_coalition_was_founded()
    {
        var m = NewMember();
        var result = Record(m, CoalitionStatus.Member, Founded.AddDays(-1));
        Assert.Equal("registry.status-before-coalition", result.Error?.Code);
        Assert.Equal("from", result.Error?.Field);
        Assert.Empty(m.Statuses);
    }

    [Fact]
    public void A_status_can_be_planned_up_to_a_year_ahead_and_no_further()
    {
        var m = NewMember();
        Assert.Equal("registry.status-too-far-ahead", Record(m, CoalitionStatus.Member, Today.AddYears(1).AddDays(1)).Error?.Code);
        Assert.True(Record(m, CoalitionStatus.Member, Today.AddYears(1)).IsSuccess);
        Assert.Null(m.StatusOn(Today));
        Assert.Equal(CoalitionStatus.Member, m.StatusOn(Today.AddYears(1)));
    }

    [Fact]
    public void A_new_status_must_start_after_the_latest_one()
    {
        var m = NewMember();
        Record(m, CoalitionStatus.Member, new DateOnly(2025, 6, 1));
        var same = Record(m, CoalitionStatus.Partner, new DateOnly(2025, 6, 1));
        var earlier = Record(m, CoalitionStatus.Partner, new DateOnly(2025, 5, 1));
        Assert.Equal("registry.status-out-of-order", same.Error?.Code);
        Assert.Equal("registry.status-out-of-order", earlier.Error?.Code);
        Assert.Single(m.Statuses);
        Assert.Null(m.Statuses[0].To);
    }

    [Fact]
    public void Recording_the_status_a_member_already_has_is_refused()
    {
        var m = NewMember();
        Record(m, CoalitionStatus.Partner, Founded);
        var result = Record(m, CoalitionStatus.Partner, new DateOnly(2025, 9, 1));
        Assert.Equal("registry.status-unchanged", result.Error?.Code);
        Assert.Equal(ErrorKind.RuleViolation, result.Error?.Kind);
        Assert.Single(m.Statuses);
    }

    [Fact]
    public void A_member_cannot_start_as_a_former_member()
    {
        var m = NewMember();
        Assert.Equal("registry.status-former-first", Record(m, CoalitionStatus.Former, Founded).Error?.Code);
    }

    [Fact]
    public void A_former_member_can_rejoin()
    {
        var m = NewMember();
        Record(m, CoalitionStatus.Member, Founded);
        Record(m, CoalitionStatus.Former, new DateOnly(2025, 8, 1));
        Assert.True(Record(m, CoalitionStatus.Member, new DateOnly(2026, 1, 1)).IsSuccess);
        Assert.Equal(CoalitionStatus.Member, m.StatusOn(Today));
    }

    [Fact]
    public void Removing_the_latest_status_reopens_the_one_before()
    {
        var m = NewMember();
        Record(m, CoalitionStatus.Observer, Founded);
        Record(m, CoalitionStatus.Member, new DateOnly(2025, 6, 1));

        var removed = m.RemoveLatestStatus(Now);

        Assert.Equal(CoalitionStatus.Member, removed.Value?.Status);
        var only = Assert.Single(m.Statuses);
        Assert.Null(only.To);
        Assert.Equal(CoalitionStatus.Observer, m.StatusOn(Today));
    }

    [Fact]
    public void Removing_a_status_from_a_member_without_one_is_refused()
    {
        Assert.Equal("registry.no-status", NewMember().RemoveLatestStatus(Now).Error?.Code);
    }

    [Fact]
    public void Notes_longer_than_allowed_or_with_control_characters_are_refused()
    {
        var m = NewMember();
        Assert.Equal("note", Record(m, CoalitionStatus.Member, Founded, new string('x', MemberStatusPeriod.MaxNoteLength + 1)).Error?.Field);
        Assert.Equal("note", Record(m, CoalitionStatus.Member, Founded, "bad\0note").Error?.Field);
        Assert.True(Record(m, CoalitionStatus.Member, Founded, "Line one\nLine two").IsSuccess);
    }

    [Fact]
    public void The_history_is_read_in_date_order_whatever_order_it_was_loaded_in()
    {
        var m = NewMember();
        Record(m, CoalitionStatus.Observer, Founded);
        Record(m, CoalitionStatus.Partner, new DateOnly(2025, 6, 1));
        Record(m, CoalitionStatus.Member, new DateOnly(2026, 1, 1));

        // EF Core fills the backing list in the order the database returns rows.
        var field = typeof(Member).GetField("_statuses", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        ((List<MemberStatusPeriod>)field.GetValue(m)!).Reverse();

        Assert.Equal(CoalitionStatus.Member, m.LatestPeriod?.Status);
        Assert.Equal("registry.status-out-of-order", Record(m, CoalitionStatus.Former, new DateOnly(2025, 12, 1)).Error?.Code);
        Assert.Equal([CoalitionStatus.Observer, CoalitionStatus.Partner, CoalitionStatus.Member], m.Statuses.Select(s => s.Status));
    }
}

/// <summary>What a member may be registered as.</summary>
public class MemberRegistrationRulesTests
{
    private static readonly DateTime Now = new(2026, 6, 15, 9, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void A_state_needs_an_ISO_3166_alpha_3_code_and_takes_its_ISO_name_when_none_is_given()
    {
        var moldova = Member.Register(" mda ", "", MemberKind.State, null, Label.Public, Now);
        Assert.Equal("MDA", moldova.Value?.Code);
        Assert.Equal("Moldova", moldova.Value?.Name);
        Assert.Equal("code", Member.Register("XXA", "Nowhere", MemberKind.State, null, Label.Public, Now).Error?.Field);
        Assert.Equal("code", Member.Register("GB", "United Kingdom", MemberKind.State, null, Label.Public, Now).Error?.Field);
    }

    [Fact]
    public void An_organisation_cannot_take_a_country_code()
    {
        Assert.Equal("code", Member.Register("FRA", "Not France", MemberKind.Organisation, null, Label.Public, Now).Error?.Field);
        Assert.True(Member.Register("OSCE", "OSCE", MemberKind.Organisation, null, Label.Public, Now).IsSuccess);
    }

    [Fact]
    public void Names_are_kept_verbatim_but_refuse_line_breaks_and_control_characters()
    {
        var html = Member.Register("OSCE", "<b>OSCE</b> 'quoted'; DROP TABLE x;--", MemberKind.Organisation, null, Label.Public, Now);
        Assert.Equal("<b>OSCE</b> 'quoted'; DROP TABLE x;--", html.Value?.Name);
        Assert.Equal("name", Member.Register("OSCE", "Two\nlines", MemberKind.Organisation, null, Label.Public, Now).Error?.Field);
        Assert.Equal("name", Member.Register("OSCE", new string('x', Member.MaxNameLength + 1), MemberKind.Organisation, null, Label.Public, Now).Error?.Field);
    }
}
