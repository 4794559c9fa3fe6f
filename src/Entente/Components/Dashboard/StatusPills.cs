using Entente.Modules.Registry.Domain;

namespace Entente.Components.Dashboard;

/// <summary>How the dashboard names and styles coalition statuses (pill classes in app.css).</summary>
public static class StatusPills
{
    /// <summary>"1 co-chair", "31 members", "2 former members".</summary>
    public static string Count(CoalitionStatus status, int count) => count + " " + (status, count == 1) switch
    {
        (CoalitionStatus.CoChair, true) => "co-chair",
        (CoalitionStatus.CoChair, false) => "co-chairs",
        (CoalitionStatus.Member, true) => "member",
        (CoalitionStatus.Member, false) => "members",
        (CoalitionStatus.Partner, true) => "partner",
        (CoalitionStatus.Partner, false) => "partners",
        (CoalitionStatus.Observer, true) => "observer",
        (CoalitionStatus.Observer, false) => "observers",
        (CoalitionStatus.Former, true) => "former member",
        (CoalitionStatus.Former, false) => "former members",
    };

    public static string ClassOf(CoalitionStatus status) => status switch
    {
        CoalitionStatus.CoChair => "pill-cochair",
        CoalitionStatus.Member => "pill-member",
        CoalitionStatus.Partner => "pill-partner",
        CoalitionStatus.Observer => "pill-observer",
        CoalitionStatus.Former => "pill-former",
    };
}
