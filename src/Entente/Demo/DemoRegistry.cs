using Entente.Modules.Registry.Domain;

namespace Entente.Demo;

/// <summary>
/// The coalition as public reporting described it in 2025–2026: launched at the London summit of 2 March 2025,
/// co-chaired by the United Kingdom and France, widened at the Paris meeting of 27 March 2025, with NATO and the
/// EU taking part. Statuses and dates are demo data drawn from that reporting, not an official roster.
/// </summary>
public static class DemoRegistry
{
    public static readonly DateOnly London = new(2025, 3, 2);
    public static readonly DateOnly Paris = new(2025, 3, 27);
    public static readonly DateOnly ParisSummit2026 = new(2026, 1, 6);

    public static IReadOnlyList<DemoMember> Members { get; } =
    [
        new("GBR", "United Kingdom", MemberKind.State, CoalitionStatus.CoChair, London, "Co-chair since the London summit."),
        new("FRA", "France", MemberKind.State, CoalitionStatus.CoChair, London, "Co-chair since the London summit."),
        new("DEU", "Germany", MemberKind.State, CoalitionStatus.Member, London),
        new("ITA", "Italy", MemberKind.State, CoalitionStatus.Member, London),
        new("POL", "Poland", MemberKind.State, CoalitionStatus.Member, London),
        new("ESP", "Spain", MemberKind.State, CoalitionStatus.Member, London),
        new("NLD", "Netherlands", MemberKind.State, CoalitionStatus.Member, London),
        new("DNK", "Denmark", MemberKind.State, CoalitionStatus.Member, London),
        new("NOR", "Norway", MemberKind.State, CoalitionStatus.Member, London),
        new("SWE", "Sweden", MemberKind.State, CoalitionStatus.Member, London),
        new("FIN", "Finland", MemberKind.State, CoalitionStatus.Member, London),
        new("CZE", "Czechia", MemberKind.State, CoalitionStatus.Member, London),
        new("ROU", "Romania", MemberKind.State, CoalitionStatus.Member, London),
        new("TUR", "Türkiye", MemberKind.State, CoalitionStatus.Member, London),
        new("CAN", "Canada", MemberKind.State, CoalitionStatus.Member, London),
        new("UKR", "Ukraine", MemberKind.State, CoalitionStatus.Partner, London, "The country whose security the coalition guarantees."),
        new("NATO", "North Atlantic Treaty Organization", MemberKind.Organisation, CoalitionStatus.Member, London),
        new("EU", "European Union", MemberKind.Organisation, CoalitionStatus.Member, London),
        new("EST", "Estonia", MemberKind.State, CoalitionStatus.Member, Paris),
        new("LVA", "Latvia", MemberKind.State, CoalitionStatus.Member, Paris),
        new("LTU", "Lithuania", MemberKind.State, CoalitionStatus.Member, Paris),
        new("BEL", "Belgium", MemberKind.State, CoalitionStatus.Member, Paris),
        new("LUX", "Luxembourg", MemberKind.State, CoalitionStatus.Member, Paris),
        new("PRT", "Portugal", MemberKind.State, CoalitionStatus.Member, Paris),
        new("GRC", "Greece", MemberKind.State, CoalitionStatus.Member, Paris),
        new("CYP", "Cyprus", MemberKind.State, CoalitionStatus.Member, Paris),
        new("HRV", "Croatia", MemberKind.State, CoalitionStatus.Member, Paris),
        new("SVN", "Slovenia", MemberKind.State, CoalitionStatus.Member, Paris),
        new("BGR", "Bulgaria", MemberKind.State, CoalitionStatus.Member, Paris),
        new("IRL", "Ireland", MemberKind.State, CoalitionStatus.Member, Paris),
        new("ISL", "Iceland", MemberKind.State, CoalitionStatus.Member, Paris),
        new("AUS", "Australia", MemberKind.State, CoalitionStatus.Member, Paris),
        new("NZL", "New Zealand", MemberKind.State, CoalitionStatus.Member, Paris),
        new("JPN", "Japan", MemberKind.State, CoalitionStatus.Partner, Paris),
        new("USA", "United States", MemberKind.State, CoalitionStatus.Observer, ParisSummit2026, "Envoys attended the Paris summit of January 2026."),
        new(DemoSeeder.SecretariatCode, "Coalition Secretariat", MemberKind.Secretariat, CoalitionStatus.Member, London,
            "The coalition's own staff. Staff accounts belong here so that records can be released to the Secretariat."),
    ];
}

public sealed record DemoMember(string Code, string Name, MemberKind Kind, CoalitionStatus Status, DateOnly From, string? Notes = null);
