using System.Globalization;
using System.Text;
using Entente.Demo;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Modules.Ledger.Contracts;
using Entente.Modules.Ledger.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace Entente.Testing.Reliability;

/// <summary>A pledge the load run seeded: what a reader or an editor needs to know of it without asking the host.</summary>
public sealed record SeededPledge(Guid Id, string Donor, Label Label)
{
    /// <summary>Stages recorded so far by the run (the seed records the announcement only).</summary>
    public int Steps { get; set; }
}

/// <summary>
/// The load run's dataset on top of the demo coalition (members, demo users, demo pledges, meetings, decisions, documents,
/// the demo ceasefire): thousands of announced pledges of the donors with mixed labels, written through the real
/// <see cref="Pledge"/> aggregate, and synthetic sensor reports near the demo line of contact as the batch API takes them.
/// Deterministic for a seed.
/// </summary>
public static class LoadDataset
{
    /// <summary>Donors: the demo coalition without its Secretariat and without the recipient.</summary>
    public static IReadOnlyList<string> Donors { get; } = DemoRegistry.Members
        .Select(m => m.Code).Where(c => c is not "UKR" && c != DemoSeeder.SecretariatCode).ToList();

    private static readonly AidType[] Types = Enum.GetValues<AidType>();
    private static readonly FundingChannel[] Channels = Enum.GetValues<FundingChannel>();

    private static readonly string[] ObservationTypes = ["explosionImpact", "explosionOutgoing", "explosionUndetermined", "bursts", "shots"];
    private static readonly string?[] Weapons = [null, "artillery", "mortar", "smallArms"];

    /// <summary>Seeds the demo data (as <c>entente demo</c> does, without printing credentials).</summary>
    public static Task SeedDemoAsync(EntenteApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.AsSystemAsync(sp => ActivatorUtilities.CreateInstance<DemoSeeder>(sp).SeedAsync(CancellationToken.None));
    }

    /// <summary>
    /// <paramref name="count"/> announced pledges in EUR; labels: about half PUBLIC, the rest RESTRICTED (some to every
    /// member), CONFIDENTIAL or SECRET, most of those releasable to a few members (always the donor, often the Secretariat).
    /// </summary>
    public static async Task<List<SeededPledge>> SeedPledgesAsync(EntenteApp app, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(app);
        var random = new Random(seed);
        var seeded = new List<SeededPledge>(count);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var actor = new LedgerActor("load:generator", null);
        const int Chunk = 500;
        for (var start = 0; start < count; start += Chunk)
        {
            await app.AsSystemAsync(async sp =>
            {
                var db = sp.GetRequiredService<EntenteDbContext>();
                var rates = sp.GetRequiredService<IFxRates>();
                var now = DateTime.UtcNow;
                for (var i = start; i < Math.Min(count, start + Chunk); i++)
                {
                    var donor = Donors[random.Next(Donors.Count)];
                    var label = LabelFor(random, donor);
                    var announced = DemoRegistry.London.AddDays(random.Next(Math.Max(1, today.DayNumber - 30 - DemoRegistry.London.DayNumber)));
                    var type = Types[random.Next(Types.Length)];
                    var details = new PledgeDetails
                    {
                        Kind = MeasureKind.Aid,
                        AnnouncedOn = announced,
                        Measure = $"{AidTypes.Display(type)} for the partner's security ({donor}, load {i})",
                        Type = type,
                        Amount = random.NextInt64(100_000, 500_000_000) * 100,
                        Currency = "EUR",
                        Valuation = ValuationBasis.DonorStated,
                        Channel = Channels[random.Next(Channels.Length)],
                    };
                    var source = new Citation
                    {
                        Url = string.Create(CultureInfo.InvariantCulture, $"https://www.example.org/{donor.ToLowerInvariant()}/support/{announced:yyyy-MM-dd}/{i}"),
                        Publisher = $"Ministry of Defence ({donor})",
                        PublishedOn = announced,
                    };
                    var pledge = Pledge.Announce(donor, details, [source], label, null, rates, actor, now).Value
                        ?? throw new InvalidOperationException("The load dataset produced a pledge the domain rejects.");
                    db.Pledges.Add(pledge);
                    db.PledgeVersions.AddRange(pledge.TakeNewVersions());
                    seeded.Add(new SeededPledge(pledge.Id, donor, label));
                }

                await db.SaveChangesAsync();
            });
        }

        return seeded;
    }

    private static Label LabelFor(Random random, string donor)
    {
        var roll = random.Next(100);
        if (roll < 50)
        {
            return Label.Public;
        }

        var classification = roll < 75 ? ClassificationLevels.Restricted : roll < 93 ? ClassificationLevels.Confidential : ClassificationLevels.Secret;
        if (classification == ClassificationLevels.Restricted && random.Next(3) == 0)
        {
            return Label.Create(classification, [], originator: donor);
        }

        var releasable = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Donors[random.Next(Donors.Count)]).Append(donor);
        if (random.Next(4) != 0)
        {
            releasable = releasable.Append(DemoSeeder.SecretariatCode);
        }

        return Label.Create(classification, [.. releasable.Distinct()], originator: donor);
    }

    /// <summary>
    /// A batch body of <paramref name="count"/> JSON lines: sensor reports near the demo line of contact (48.0–48.4° N,
    /// 37.3–37.8° E) between <paramref name="from"/> and <paramref name="to"/>, labels mixed (RESTRICTED to everyone,
    /// RESTRICTED or CONFIDENTIAL to the co-chairs, CONFIDENTIAL to everyone). Source ids start with <paramref name="prefix"/>.
    /// </summary>
    public static string ObservationBatch(Random random, int count, DateTime from, DateTime to, string prefix)
    {
        ArgumentNullException.ThrowIfNull(random);
        var sb = new StringBuilder(count * 360);
        var span = (to - from).Ticks;
        for (var i = 0; i < count; i++)
        {
            var at = from.AddTicks((long)(random.NextDouble() * span));
            var lat = 48.0 + (random.NextDouble() * 0.4);
            var lon = 37.3 + (random.NextDouble() * 0.5);
            var weapon = Weapons[random.Next(Weapons.Length)];
            var (classification, releasable) = random.Next(10) switch
            {
                < 5 => ("RESTRICTED", ""),
                < 7 => ("RESTRICTED", "GBR,FRA"),
                < 9 => ("CONFIDENTIAL", "GBR,FRA"),
                _ => ("CONFIDENTIAL", ""),
            };
            sb.Append(CultureInfo.InvariantCulture,
                $$"""{"sourceKind":"machineFeed","source":"load-net-{{random.Next(4) + 1}}","sourceRef":"{{prefix}}-{{i}}","observedFrom":"{{at:yyyy-MM-ddTHH:mm:ss}}Z","timePrecision":"exact","latitude":{{lat:0.#####}},"longitude":{{lon:0.#####}},"means":"sensor","type":"{{ObservationTypes[random.Next(ObservationTypes.Length)]}}","count":1,"confidence":"medium","classification":"{{classification}}""");
            sb.Append('"');
            if (releasable.Length > 0)
            {
                sb.Append(",\"releasableTo\":\"").Append(releasable).Append('"');
            }

            if (weapon is not null)
            {
                sb.Append(",\"weapon\":\"").Append(weapon).Append('"');
            }

            sb.Append("}\n");
        }

        return sb.ToString();
    }

    /// <summary>Whether a label releases a record to a user of <paramref name="member"/> with <paramref name="clearance"/> (sharing groups aside).</summary>
    public static bool Releases(int rank, IReadOnlyCollection<string> releasableTo, string? originator, string member, int clearance) =>
        rank <= clearance && (releasableTo.Count == 0 || releasableTo.Contains(member) || originator == member);
}
