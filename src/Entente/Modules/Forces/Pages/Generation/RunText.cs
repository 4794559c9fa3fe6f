using System.Globalization;
using System.Security.Claims;
using Entente.Infrastructure.Security;
using Entente.Modules.Forces.Domain.Generation;

namespace Entente.Modules.Forces.Pages.Generation;

/// <summary>Wording shared by the force-generation pages.</summary>
public static class RunText
{
    /// <summary>The Secretariat and administrators run force generation and keep scenarios (as the API's policy says).</summary>
    public static bool MayRun(ClaimsPrincipal user)
    {
        return MemberAccess.IsStaff(user);
    }

    /// <summary>The greedy baseline's objective as a share of the solver's (greedy ÷ solver), e.g. "92.5% of the solver's".</summary>
    public static string Ratio(double greedyRatio) => (greedyRatio * 100).ToString("0.#", CultureInfo.InvariantCulture) + "% of the solver's";

    public static string Percent(int covered, int required) =>
        required == 0 ? "—" : ((double)covered / required * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static string PercentValue(int covered, int required) =>
        required == 0 ? "" : Math.Round((double)covered / required * 100, 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>What kind of obstacle keeps an offer off a line, in words.</summary>
    public static string Kind(BlockKind kind) => kind switch
    {
        BlockKind.Capability => "Other capability",
        BlockKind.NoticeToMove => "Notice to move",
        BlockKind.Readiness => "Readiness level",
        BlockKind.Availability => "Availability window",
        BlockKind.Duration => "Duration caveat",
        BlockKind.Sector => "Geographic caveat",
        BlockKind.Task => "Task caveat",
        BlockKind.RulesOfEngagement => "Rules of engagement",
        BlockKind.CommandArrangement => "Command arrangements",
        BlockKind.Condition => "Condition not met in the scenario",
        BlockKind.Participation => "Needs another member's participation",
        BlockKind.UsedElsewhere => "Used on another line",
        BlockKind.NotChosen => "Not chosen",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
