namespace Entente.Modules.Registry.Domain;

/// <summary>What kind of participant a member is.</summary>
public enum MemberKind
{
    /// <summary>A state, coded by ISO 3166-1 alpha-3.</summary>
    State,

    /// <summary>An international organisation such as NATO or the EU.</summary>
    Organisation,

    /// <summary>The coalition's own Secretariat; staff users belong to it so that records can be released to them.</summary>
    Secretariat,
}

/// <summary>A member's standing in the coalition over a period.</summary>
public enum CoalitionStatus
{
    CoChair,
    Member,
    Partner,
    Observer,
    Former,
}

public static class CoalitionStatuses
{
    public static string ToDisplay(this CoalitionStatus status) => status switch
    {
        CoalitionStatus.CoChair => "Co-chair",
        CoalitionStatus.Member => "Member",
        CoalitionStatus.Partner => "Partner",
        CoalitionStatus.Observer => "Observer",
        CoalitionStatus.Former => "Former member",
    };

    /// <summary>The status as a heading over several members, or one when <paramref name="count"/> is 1.</summary>
    public static string ToDisplay(this CoalitionStatus status, int count) => count == 1
        ? status.ToDisplay()
        : status switch
        {
            CoalitionStatus.CoChair => "Co-chairs",
            CoalitionStatus.Member => "Members",
            CoalitionStatus.Partner => "Partners",
            CoalitionStatus.Observer => "Observers",
            CoalitionStatus.Former => "Former members",
        };

    public static string ToDisplay(this MemberKind kind) => kind switch
    {
        MemberKind.State => "State",
        MemberKind.Organisation => "Organisation",
        MemberKind.Secretariat => "Secretariat",
    };
}
