using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Forces.Domain.Generation;
using Microsoft.EntityFrameworkCore;
using SolverCaveats = Entente.Modules.Forces.Domain.Generation.OfferCaveats;
using SolverCondition = Entente.Modules.Forces.Domain.Generation.OfferCondition;

namespace Entente.Modules.Forces.Features.Generation;

/// <summary>The solver's input as read for one caller: the lines and offers it may see, and the label they jointly carry.</summary>
public sealed record GenerationInputs(IReadOnlyList<GenerationLine> Lines, IReadOnlyList<GenerationOffer> Offers, IReadOnlyList<RunInput> Inputs, Label Label);

/// <summary>
/// Adapts the stored statement of requirements and national offers to the solver's model, in one place. Only active
/// lines and standing (not withdrawn) offers take part, and only those the caller may read: the label filter applies to
/// both queries, so a run never uses what its requester could not see. Offers enter at the readiness level they have
/// reached today; the readiness plan is not anticipated.
/// </summary>
public static class GenerationAdapter
{
    public static async Task<Result<GenerationInputs>> LoadAsync(EntenteDbContext db, IReadOnlyList<Guid>? lineIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var lineQuery = db.RequirementLines.AsNoTracking().Where(l => l.Status == RequirementStatus.Active);
        var wanted = lineIds?.Distinct().ToList() ?? [];
        if (wanted.Count > 0)
        {
            lineQuery = lineQuery.Where(l => wanted.Contains(l.Id));
        }

        var lines = await lineQuery.OrderBy(l => l.Number).ToListAsync(cancellationToken);
        if (wanted.Count > 0)
        {
            var missing = wanted.Where(id => lines.All(l => l.Id != id)).ToList();
            if (missing.Count > 0)
            {
                return new DomainError("forces.unknown-requirement-line",
                    $"No active requirement line that you may see has the id {missing[0]}{(missing.Count > 1 ? $" (and {missing.Count - 1} more)" : "")}. Give ids of active lines of the statement.",
                    ErrorKind.Validation, "lineIds");
            }
        }

        if (lines.Count == 0)
        {
            return new DomainError("forces.no-requirement-lines",
                "The statement of requirements has no active line that you may see: there is nothing to fill.", ErrorKind.RuleViolation, "lineIds");
        }

        // Offers fill lines of their own capability only, and a member's participation can only come from an offer that
        // is used; so offers of capabilities no line asks for cannot change the outcome, and stay out of the run's inputs
        // (and of its label).
        var capabilities = lines.Select(l => l.Capability).Distinct().ToList();
        var offers = await db.Offers.AsNoTracking().Include(o => o.Conditions).Include(o => o.ReadinessPlan).AsSplitQuery()
            .Where(o => o.Status == OfferStatus.Offered && capabilities.Contains(o.Capability))
            .OrderBy(o => o.CreatedAt).ThenBy(o => o.Id)
            .ToListAsync(cancellationToken);
        if (offers.Count == 0)
        {
            return new DomainError("forces.no-offers",
                "No standing national offer of the capabilities these lines ask for is visible to you: there is nothing to fill them with.", ErrorKind.RuleViolation);
        }

        var inputs = lines.Select(l => new RunInput(l.Id, "line", l.Code, l.Version))
            .Concat(offers.Select(o => new RunInput(o.Id, "offer", o.MemberCode, o.Version)))
            .ToList();
        var label = lines.Select(l => l.Label).Concat(offers.Select(o => o.Label)).Distinct().Aggregate(AuditLabels.Join);
        return new GenerationInputs(lines.Select(ToLine).ToList(), offers.Select(ToOffer).ToList(), inputs, label);
    }

    public static GenerationLine ToLine(RequirementLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new GenerationLine(line.Id, line.Code, line.Capability, line.MinimumQuantity, line.DesiredQuantity, line.Priority,
            line.NoticeToMoveDays, line.MinimumReadiness, line.SectorCode, line.StartsOn, line.EndsOn, line.Tasks, line.RequiredRoe,
            line.RequiredCommand);
    }

    public static GenerationOffer ToOffer(Offer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var c = offer.Caveats;
        var caveats = new SolverCaveats(c.AllowedSectorCodes, c.RefusedSectorCodes, c.RefusedTaskList, c.MaxRulesOfEngagement,
            c.MaxDurationDays, c.NationalApprovalRequired, c.CommandArrangement);
        var conditions = offer.Conditions.OrderBy(x => x.Sequence).Select(x => new SolverCondition(x.Kind, x.Member, x.Text)).ToList();
        return new GenerationOffer(offer.Id, offer.MemberCode, offer.Capability, offer.Quantity, offer.Indivisible, offer.NoticeToMoveDays,
            offer.Readiness, offer.AvailableFrom, offer.AvailableUntil, caveats, conditions,
            [.. offer.ReadinessPlan.Select(p => (p.Level, p.ExpectedOn))]);
    }
}
