using Entente.Modules.Forces.Domain;
using Entente.Modules.Forces.Domain.Generation;
using SolverCaveats = Entente.Modules.Forces.Domain.Generation.OfferCaveats;
using SolverCondition = Entente.Modules.Forces.Domain.Generation.OfferCondition;

namespace Entente.Modules.Forces.Features.Conference;

/// <summary>
/// Whether a bid's offer can fill its line under the matching rules the solver uses (<see cref="Compatibility"/>), read
/// from the stored offer and line. A conference records what nations bid, so an incompatible bid is still recorded; the
/// reason is reported beside it so the Secretariat can raise it with the nation.
/// </summary>
/// <remarks>
/// Only the offer's terms and caveats are judged: its political conditions depend on a scenario, which a conference does
/// not have. The offer is judged at the readiness level it has reached today.
/// </remarks>
public static class BidCompatibility
{
    /// <summary>The first term or caveat that keeps the offer off the line, in words (e.g. "refuses task Patrolling"); null when it can fill it.</summary>
    public static string? Blocking(Offer offer, RequirementLine line) => Compatibility.CheckCaveats(ToOffer(offer), ToLine(line))?.Detail;

    /// <summary>The requirement line as the solver sees it.</summary>
    public static GenerationLine ToLine(RequirementLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new GenerationLine(line.Id, line.Code, line.Capability, line.MinimumQuantity, line.DesiredQuantity, line.Priority,
            line.NoticeToMoveDays, line.MinimumReadiness, line.SectorCode, line.StartsOn, line.EndsOn, line.Tasks, line.RequiredRoe,
            line.RequiredCommand);
    }

    /// <summary>The offer as the solver sees it; its conditions only if they were loaded with it.</summary>
    public static GenerationOffer ToOffer(Offer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var c = offer.Caveats;
        var caveats = new SolverCaveats(c.AllowedSectorCodes, c.RefusedSectorCodes, c.RefusedTaskList, c.MaxRulesOfEngagement,
            c.MaxDurationDays, c.NationalApprovalRequired, c.CommandArrangement);
        var conditions = offer.Conditions.OrderBy(x => x.Sequence).Select(x => new SolverCondition(x.Kind, x.Member, x.Text)).ToList();
        return new GenerationOffer(offer.Id, offer.MemberCode, offer.Capability, offer.Quantity, offer.Indivisible, offer.NoticeToMoveDays,
            offer.Readiness, offer.AvailableFrom, offer.AvailableUntil, caveats, conditions);
    }
}
