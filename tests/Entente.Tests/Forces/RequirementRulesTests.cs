using Entente.Infrastructure.Labels;
using Entente.Modules.Forces.Domain;

namespace Entente.Tests.Forces;

public sealed class RequirementRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);
    private static readonly ForcesActor Secretariat = new("planner", "CSEC");

    private static RequirementDetails Details(Capability capability = Capability.MechanisedInfantry, string sector = "KYIV", params ForceTask[] tasks) =>
        new(capability, "  mechanised infantry battalion ", 2, 3, 30, ReadinessLevel.Ready, sector, new DateOnly(2027, 3, 1), new DateOnly(2027, 8, 31),
            Priority.High, tasks.Length == 0 ? [ForceTask.Patrolling, ForceTask.Deterrence, ForceTask.Patrolling] : tasks,
            RulesOfEngagement.ForceProtection, CommandArrangement.TacticalControl, null);

    [Fact]
    public void A_new_line_gets_its_code_from_its_number_and_keeps_its_details_normalised()
    {
        var line = RequirementLine.Create(7, Details(sector: "kyiv"), Label.Public, Secretariat, Now).Value!;
        Assert.Equal("R-007", line.Code);
        Assert.Equal(ForceComponent.Land, line.Component);
        Assert.Equal("KYIV", line.SectorCode);
        Assert.Equal("mechanised infantry battalion", line.UnitType);
        Assert.Equal([ForceTask.Deterrence, ForceTask.Patrolling], line.Tasks);
        Assert.Equal(184, line.PeriodDays);
        var version = Assert.Single(line.Versions);
        Assert.Equal("created", version.Change);
        Assert.Equal("R-007", version.Read()!.Code);
    }

    [Theory]
    [InlineData(Capability.MineCountermeasures, "BLACKSEA", true)]
    [InlineData(Capability.MineCountermeasures, "ODESA", false)]
    [InlineData(Capability.MineCountermeasures, "THEATRE", false)]
    [InlineData(Capability.MechanisedInfantry, "BLACKSEA", false)]
    [InlineData(Capability.Medical, "BLACKSEA", false)]
    [InlineData(Capability.Medical, "THEATRE", true)]
    [InlineData(Capability.AirPolicing, "BLACKSEA", true)]
    [InlineData(Capability.Isr, "BLACKSEA", true)]
    public void Capabilities_serve_only_in_sectors_that_suit_them(Capability capability, string sector, bool allowed)
    {
        var result = Details(capability, sector, ForceTask.Surveillance).Check();
        Assert.Equal(allowed, result.IsSuccess);
        if (!allowed)
        {
            Assert.Equal("forces.sector-mismatch", result.Error!.Code);
        }
    }

    [Fact]
    public void Patrolling_near_the_line_is_asked_for_only_where_the_line_is()
    {
        Assert.True(Details(sector: "EAST", tasks: ForceTask.PatrollingNearLine).Check().IsSuccess);
        Assert.True(Details(sector: "THEATRE", tasks: ForceTask.PatrollingNearLine).Check().IsSuccess);
        Assert.Equal("forces.near-line-task-away-from-line", Details(sector: "KYIV", tasks: ForceTask.PatrollingNearLine).Check().Error!.Code);
    }

    [Fact]
    public void A_revision_records_each_changed_field_and_keeps_the_version_it_replaces()
    {
        var line = RequirementLine.Create(1, Details(), Label.Public, Secretariat, Now).Value!;
        var changed = Details() with { DesiredQuantity = 5, SectorCode = "ODESA" };
        Assert.True(line.Revise(changed, Label.Public, "Odesa needs more.", Secretariat, Now.AddHours(1)).IsSuccess);
        Assert.Equal(2, line.Version);
        var revision = line.Versions[^1];
        Assert.Equal(["desired quantity: 3 → 5", "sector: KYIV → ODESA"], revision.ChangeList);
        Assert.Equal(3, line.Versions[0].Read()!.DesiredQuantity);
        Assert.Equal("forces.requirement-unchanged", line.Revise(changed, Label.Public, "Again", Secretariat, Now).Error!.Code);
    }
}
