using Entente.Demo;
using Entente.Infrastructure.Labels;
using Entente.Modules.Ledger.Contracts;
using Entente.Modules.Ledger.Domain;

namespace Entente.Bench.Ledger;

/// <summary>
/// A synthetic but plausible ledger: pledges of the demo coalition's donors (a few large, many small), every aid type
/// and channel, announced from the London summit to two months before today, each taken through its lifecycle by
/// the real <see cref="Pledge"/> aggregate — so running totals, statuses and delays are what the product computes.
/// Step counts cycle through a pattern that averages exactly five transitions per pledge (announced, committed,
/// allocated, then delivered tranches; a few cancelled). Labels: about two thirds PUBLIC, the rest RESTRICTED,
/// CONFIDENTIAL or SECRET, most of those releasable to a short list of members. Deterministic for a given size.
/// </summary>
public sealed class LedgerDataset(int pledgeCount, IFxRates rates, DateOnly today)
{
    /// <summary>Transitions per pledge, averaging 5 over each cycle of 20 pledges.</summary>
    private static readonly int[] StepPattern = [1, 2, 3, 4, 4, 4, 5, 5, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7, 5];

    private static readonly DateOnly Founded = DemoRegistry.London;

    private static readonly Dictionary<string, string> HomeCurrency = new(StringComparer.Ordinal)
    {
        ["GBR"] = "GBP", ["USA"] = "USD", ["NOR"] = "NOK", ["SWE"] = "SEK", ["DNK"] = "DKK", ["POL"] = "PLN",
        ["CZE"] = "CZK", ["CAN"] = "CAD", ["JPN"] = "JPY", ["AUS"] = "AUD", ["NZL"] = "NZD", ["ISL"] = "ISK",
        ["ROU"] = "RON", ["TUR"] = "TRY",
    };

    private static readonly AidType[] Types = Enum.GetValues<AidType>();
    private static readonly FundingChannel[] Channels = Enum.GetValues<FundingChannel>();

    private readonly Random _random = new(20250302);
    private readonly LedgerActor _actor = new("bench:generator", null);

    public int PledgeCount { get; } = pledgeCount;

    /// <summary>Donors in order of size: the demo coalition without its Secretariat and without the recipient.</summary>
    public static IReadOnlyList<string> Donors { get; } = DemoRegistry.Members
        .Select(m => m.Code)
        .Where(c => c is not "UKR" && c != DemoSeeder.SecretariatCode)
        .ToList();

    /// <summary>
    /// The pledges, one at a time: a package is followed by its tranches. Callers write each pledge and drop it,
    /// so memory stays flat (each pledge carries the JSON snapshots of its versions until written).
    /// </summary>
    public IEnumerable<Pledge> Generate()
    {
        var donorWeights = Donors.Select((_, i) => 1.0 / Math.Pow(i + 1, 0.9)).ToArray();
        var now = today.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
        var produced = 0;
        while (produced < PledgeCount)
        {
            var donor = Donors[Pick(donorWeights)];

            // About one pledge in forty is a package announced as such and split into two to four tranches.
            var tranches = _random.Next(40) == 0 ? Math.Min(_random.Next(2, 5), PledgeCount - produced - 1) : 0;
            Pledge? package = null;
            if (tranches > 0)
            {
                package = Build(donor, StepPattern[produced % StepPattern.Length], null, now);
                package.SetPackage(true);
                produced++;
                yield return package;
            }

            for (var t = 0; t < Math.Max(tranches, package is null ? 1 : 0) && produced < PledgeCount; t++)
            {
                produced++;
                yield return Build(donor, StepPattern[(produced - 1) % StepPattern.Length], package, now);
            }
        }
    }

    private Pledge Build(string donor, int steps, Pledge? package, DateTime now)
    {
        var lastAnnouncement = today.AddDays(-60);
        var announced = package is null
            ? Founded.AddDays(_random.Next(lastAnnouncement.DayNumber - Founded.DayNumber + 1))
            : package.AnnouncedOn.AddDays(_random.Next(0, 20));
        var type = Types[_random.Next(Types.Length)];
        var currency = HomeCurrency.TryGetValue(donor, out var home) && _random.Next(10) < 7 ? home : "EUR";
        var undisclosed = _random.Next(10) == 0;
        long? quantity = undisclosed || _random.Next(10) < 4 ? _random.Next(20, 5000) : null;

        // Log-uniform between 100 thousand and 2 billion (major units), as announcements range from one consignment to a fund.
        long? amount = undisclosed
            ? null
            : (long)Math.Round(Math.Exp(_random.NextDouble() * (Math.Log(2e9) - Math.Log(1e5)) + Math.Log(1e5))) * Iso4217.MinorPerMajor(currency);
        var details = new PledgeDetails
        {
            Kind = _random.Next(50) == 0 ? MeasureKind.DefenceIndustrial : MeasureKind.Aid,
            AnnouncedOn = announced,
            Measure = $"{AidTypes.Display(type)} for the partner's security ({donor})",
            Type = type,
            Item = quantity is null ? null : $"{AidTypes.Display(type)} items",
            Quantity = quantity,
            Amount = amount,
            Currency = currency,
            Valuation = undisclosed ? ValuationBasis.Undisclosed : _random.Next(5) == 0 ? ValuationBasis.EstimatedFromUnitPrice : ValuationBasis.DonorStated,
            Channel = Channels[_random.Next(Channels.Length)],
            Explanation = _random.Next(3) == 0 ? "Announced at a coalition meeting; figures as reported by the donor's ministry." : null,
        };
        var source = Source(donor, announced);
        var pledge = Pledge.Announce(donor, details, [source], LabelFor(donor), package?.Id, rates, _actor, now).Value
            ?? throw new InvalidOperationException("The generator produced a pledge the domain rejects.");

        var on = announced;
        var total = amount ?? quantity ?? 0;
        var committed = Math.Max(1, (long)(total * (0.6 + (0.4 * _random.NextDouble()))));
        var allocated = steps == 3 ? Math.Max(1, (long)(committed * (0.5 + (0.5 * _random.NextDouble())))) : committed;
        var cancelLast = steps >= 4 && _random.Next(30) == 0;
        var remaining = allocated;
        for (var step = 2; step <= steps; step++)
        {
            on = Next(on, steps - step + 1);
            var stage = step switch
            {
                2 => PledgeStage.Committed,
                3 => PledgeStage.Allocated,
                _ when step == steps && cancelLast => PledgeStage.Cancelled,
                _ => PledgeStage.Delivered,
            };
            long? value = stage switch
            {
                PledgeStage.Committed => committed,
                PledgeStage.Allocated => allocated,
                PledgeStage.Delivered => Tranche(ref remaining, steps - step + 1, step == steps),
                _ => null,
            };
            var recorded = pledge.Record(stage, on, amount is null ? null : value, amount is null ? value : null,
                Source(donor, on), stage == PledgeStage.Cancelled ? "Cancelled by the donor." : null, rates, _actor, now, Founded, today);
            if (!recorded.IsSuccess)
            {
                throw new InvalidOperationException($"The generator produced a step the domain rejects: {recorded.Error!.Detail}");
            }
        }

        return pledge;
    }

    /// <summary>A delivered tranche: a share of what remains, the last one often (not always) completing the delivery.</summary>
    private long Tranche(ref long remaining, int left, bool last)
    {
        long value;
        if (last)
        {
            value = _random.Next(10) < 7 ? remaining : Math.Max(1, (long)(remaining * (0.3 + (0.6 * _random.NextDouble()))));
        }
        else
        {
            // Keep at least one unit per later tranche.
            value = Math.Clamp((long)(remaining / (double)left * (0.7 + (0.3 * _random.NextDouble()))), 1, remaining - (left - 1));
        }

        remaining -= value;
        return value;
    }

    /// <summary>The next step's date: a few days to two months later, leaving room for the steps still to come.</summary>
    private DateOnly Next(DateOnly on, int stepsLeft)
    {
        var room = (today.DayNumber - on.DayNumber) / stepsLeft;
        return on.AddDays(room <= 0 ? 0 : _random.Next(0, Math.Min(room, 60) + 1));
    }

    private Label LabelFor(string donor)
    {
        var roll = _random.Next(100);
        if (roll < 65)
        {
            return Label.Public;
        }

        var classification = roll < 85 ? ClassificationLevels.Restricted : roll < 97 ? ClassificationLevels.Confidential : ClassificationLevels.Secret;

        // Most restricted pledges go to a short list of members; some RESTRICTED ones to every member.
        var releasable = classification == ClassificationLevels.Restricted && _random.Next(3) == 0
            ? []
            : Enumerable.Range(0, _random.Next(2, 7)).Select(_ => Donors[_random.Next(Donors.Count)]).Append(donor).ToList();
        return Label.Create(classification, releasable, originator: donor);
    }

    private Citation Source(string donor, DateOnly on) => new()
    {
        Url = $"https://www.example.org/{donor.ToLowerInvariant()}/support/{on:yyyy-MM-dd}/{_random.Next(1_000_000)}",
        Publisher = $"Ministry of Defence ({donor})",
        PublishedOn = on,
        Quote = _random.Next(4) == 0 ? "The package will be delivered in tranches over the coming months." : null,
    };

    private int Pick(double[] weights)
    {
        var roll = _random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
