using Entente.Modules.Forces.Domain;
using Entente.Modules.Forces.Domain.Generation;
using Entente.Modules.Forces.Features.Generation;

namespace Entente.Modules.Forces.Features.Conference;

/// <summary>
/// Whether a bid's offer can fill its line under the matching rules the solver uses (<see cref="Compatibility"/>), read
/// from the stored offer and line through the solver's own adapter. A conference records what nations bid, so an
/// incompatible bid is still recorded; the reason is reported beside it so the Secretariat can raise it with the nation.
/// </summary>
/// <remarks>
/// Only the offer's terms and caveats are judged: its political conditions depend on a scenario, which a conference does
/// not have. Readiness is judged on the line's first day, from the offer's readiness plan when it was loaded with it.
/// </remarks>
public static class BidCompatibility
{
    /// <summary>The first term or caveat that keeps the offer off the line, in words (e.g. "refuses task Patrolling"); null when it can fill it.</summary>
    public static string? Blocking(Offer offer, RequirementLine line) =>
        Compatibility.CheckCaveats(GenerationAdapter.ToOffer(offer), GenerationAdapter.ToLine(line))?.Detail;
}
