namespace Entente.Modules.Forces.Domain;

/// <summary>A requirement line as the readiness timeline needs it.</summary>
public sealed record TimelineLine(
    Guid Id, string Code, Priority Priority, int MinimumQuantity, int DesiredQuantity, ReadinessLevel MinimumReadiness, DateOnly StartsOn, DateOnly EndsOn);

/// <summary>A level an offer has reached (history) or is expected to reach (plan) on a day.</summary>
public sealed record TimelineLevel(DateOnly On, ReadinessLevel Level);

/// <summary>
/// An offer as the readiness timeline needs it: its window, whether it still stands, and its readiness history and plan
/// together, in any order.
/// </summary>
public sealed record TimelineOffer(Guid Id, DateOnly AvailableFrom, DateOnly AvailableUntil, bool Stands, IReadOnlyList<TimelineLevel> Levels)
{
    /// <summary>
    /// The level the offer is at, or expected to be at, on <paramref name="day"/>: the latest entry dated on or before it.
    /// Null before the first entry (the offer was not yet made).
    /// </summary>
    public ReadinessLevel? LevelOn(DateOnly day)
    {
        TimelineLevel? latest = null;
        foreach (var level in Levels)
        {
            if (level.On <= day && (latest is null || level.On >= latest.On))
            {
                latest = level;
            }
        }

        return latest?.Level;
    }

    /// <summary>Whether the offer can serve on <paramref name="day"/> a line asking for at least <paramref name="minimum"/>.</summary>
    public bool Serves(DateOnly day, ReadinessLevel minimum) =>
        Stands && AvailableFrom <= day && day <= AvailableUntil && LevelOn(day) is { } level && level >= minimum;
}

/// <summary>Units of an offer assigned to a line, whatever assigned them (conference confirmations, a force-generation run ...).</summary>
public sealed record TimelineAssignment(Guid OfferId, Guid LineId, int Quantity);

/// <summary>
/// One line over time: units covering it at each date (null when the line is not needed that day) and when it fills:
/// <c>FilledToMinimumOn</c> and <c>FilledToDesiredOn</c> are the first days in the horizon on which the line is covered to
/// its minimum and to its desired quantity, null for never.
/// </summary>
public sealed record LineCoverage(
    Guid LineId, string Code, Priority Priority, int MinimumQuantity, int DesiredQuantity, IReadOnlyList<int?> Coverage,
    DateOnly? FilledToMinimumOn, DateOnly? FilledToDesiredOn);

/// <summary>
/// Coverage of the lines of one priority on one date. Units beyond a line's minimum (or desired) quantity do not count
/// towards it, so one over-filled line cannot hide an empty one. Shares are null when no line of the priority is needed
/// that day.
/// </summary>
public sealed record PriorityCoverage(
    DateOnly On, int RequiredMinimum, int CoveredMinimum, int RequiredDesired, int CoveredDesired)
{
    public double? MinimumShare => RequiredMinimum == 0 ? null : (double)CoveredMinimum / RequiredMinimum;

    public double? DesiredShare => RequiredDesired == 0 ? null : (double)CoveredDesired / RequiredDesired;
}

/// <summary>Coverage of the lines of one priority, date by date.</summary>
public sealed record PriorityTimeline(Priority Priority, IReadOnlyList<PriorityCoverage> Points);

/// <summary>
/// The force's coverage over the coming months as offers move through readiness levels, computed from requirement lines,
/// offers and a set of assignments — independent of where the assignments come from.
/// The sampled <c>Dates</c> are the start, then the same day of each following month.
/// </summary>
public sealed record ReadinessTimeline(IReadOnlyList<DateOnly> Dates, IReadOnlyList<LineCoverage> Lines, IReadOnlyList<PriorityTimeline> Priorities)
{
    public const int DefaultMonths = 12;
    public const int MaxMonths = 36;

    /// <summary>
    /// Computes the timeline from <paramref name="from"/> over <paramref name="months"/> months. A line's coverage on a day
    /// is the sum of the units assigned to it from offers that stand, are within their availability window and at (or
    /// expected at) the line's minimum readiness level or above, while the line's period includes the day. The first
    /// filled dates are exact days, not months: coverage only rises when a line's period starts, an offer's window opens
    /// or an offer reaches a level, so those days (and the start) are the only candidates.
    /// </summary>
    public static ReadinessTimeline Compute(
        IEnumerable<TimelineLine> lines, IEnumerable<TimelineOffer> offers, IEnumerable<TimelineAssignment> assignments, DateOnly from, int months = DefaultMonths)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(offers);
        ArgumentNullException.ThrowIfNull(assignments);
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(months, MaxMonths);

        var offerById = offers.ToDictionary(o => o.Id);
        var byLine = assignments.Where(a => a.Quantity > 0 && offerById.ContainsKey(a.OfferId))
            .GroupBy(a => a.LineId)
            .ToDictionary(g => g.Key, g => g.Select(a => (Offer: offerById[a.OfferId], a.Quantity)).ToList());
        var dates = Enumerable.Range(0, months + 1).Select(from.AddMonths).ToList();
        var horizon = dates[^1];
        var orderedLines = lines.ToList();

        int? CoverageOn(TimelineLine line, DateOnly day)
        {
            if (day < line.StartsOn || day > line.EndsOn)
            {
                return null;
            }

            return byLine.TryGetValue(line.Id, out var assigned)
                ? assigned.Where(a => a.Offer.Serves(day, line.MinimumReadiness)).Sum(a => a.Quantity)
                : 0;
        }

        var lineCoverage = new List<LineCoverage>();
        foreach (var line in orderedLines)
        {
            var candidates = new SortedSet<DateOnly> { from, line.StartsOn };
            foreach (var (offer, _) in byLine.GetValueOrDefault(line.Id) ?? [])
            {
                candidates.Add(offer.AvailableFrom);
                foreach (var level in offer.Levels)
                {
                    candidates.Add(level.On);
                }
            }

            DateOnly? toMinimum = null;
            DateOnly? toDesired = null;
            foreach (var day in candidates.Where(d => d >= from && d <= horizon))
            {
                var covered = CoverageOn(line, day);
                if (covered >= line.MinimumQuantity)
                {
                    toMinimum ??= day;
                }

                if (covered >= line.DesiredQuantity)
                {
                    toDesired ??= day;
                    break;
                }
            }

            lineCoverage.Add(new LineCoverage(line.Id, line.Code, line.Priority, line.MinimumQuantity, line.DesiredQuantity,
                dates.Select(d => CoverageOn(line, d)).ToList(), toMinimum, toDesired));
        }

        var priorities = Enum.GetValues<Priority>().Select(priority =>
        {
            var ofPriority = orderedLines.Select((l, i) => (Line: l, Coverage: lineCoverage[i])).Where(x => x.Line.Priority == priority).ToList();
            var points = dates.Select((day, d) =>
            {
                int requiredMinimum = 0, coveredMinimum = 0, requiredDesired = 0, coveredDesired = 0;
                foreach (var (line, coverage) in ofPriority)
                {
                    if (coverage.Coverage[d] is not { } covered)
                    {
                        continue;
                    }

                    requiredMinimum += line.MinimumQuantity;
                    requiredDesired += line.DesiredQuantity;
                    coveredMinimum += Math.Min(covered, line.MinimumQuantity);
                    coveredDesired += Math.Min(covered, line.DesiredQuantity);
                }

                return new PriorityCoverage(day, requiredMinimum, coveredMinimum, requiredDesired, coveredDesired);
            }).ToList();
            return new PriorityTimeline(priority, points);
        }).ToList();

        return new ReadinessTimeline(dates, lineCoverage, priorities);
    }
}
