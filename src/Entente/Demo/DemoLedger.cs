using Entente.Infrastructure.Labels;
using Entente.Modules.Ledger.Contracts;
using Entente.Modules.Ledger.Domain;

namespace Entente.Demo;

/// <summary>
/// Demo pledges from public reporting in 2025, each with its source. Amounts are as reported; where reporting gave
/// a rounded or approximate figure, the explanation says so. The last two entries are illustrative (not from
/// public reporting) and exist to show labels at work.
/// </summary>
public static class DemoLedger
{
    private const string GovUk = "GOV.UK (UK Government)";

    public static IReadOnlyList<Pledge> Build(IFxRates rates, DateOnly founded, DateOnly today, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(rates);
        var actor = new LedgerActor("demo", null);
        var list = new List<Pledge>();

        var missiles = Announce("GBR", new PledgeDetails
        {
            AnnouncedOn = new DateOnly(2025, 3, 2),
            Measure = "Air defence missiles for Ukraine, built in Belfast",
            Type = AidType.AirDefence,
            Item = "Lightweight multirole missiles (LMM)",
            Quantity = 5000,
            Amount = 1_600_000_000_00,
            Currency = "GBP",
            Valuation = ValuationBasis.DonorStated,
            Channel = FundingChannel.Bilateral,
            Explanation = "Announced at the London leaders' meeting that launched the coalition: a £1.6 billion deal, financed through UK Export Finance, for more than 5,000 air defence missiles. Demo data from public reporting.",
        }, Cite(GovUk, "2025-03-02", "https://www.gov.uk/search/news-and-communications?keywords=Ukraine+air+defence+missiles+1.6+billion",
            "A £1.6 billion deal to provide more than 5,000 air defence missiles to Ukraine."), Label.Public);
        Step(missiles, PledgeStage.Committed, "2025-03-02", null, null, Cite(GovUk, "2025-03-02", null, "Deal announced by the Prime Minister."));
        list.Add(missiles);

        var loan = Announce("GBR", new PledgeDetails
        {
            AnnouncedOn = new DateOnly(2025, 3, 2),
            Measure = "Loan to Ukraine repaid from the proceeds of immobilised Russian sovereign assets",
            Type = AidType.Loan,
            Amount = 2_260_000_000_00,
            Currency = "GBP",
            Valuation = ValuationBasis.DonorStated,
            Channel = FundingChannel.ImmobilisedAssetsLoan,
            Explanation = "The United Kingdom's £2.26 billion contribution to the G7's Extraordinary Revenue Acceleration loans, to be repaid from the windfall proceeds of immobilised Russian assets. The agreement was signed on 1 March 2025 and presented at the London meeting the next day; the ledger records it from the coalition's founding. Demo data from public reporting.",
        }, Cite(GovUk, "2025-03-01", "https://www.gov.uk/search/news-and-communications?keywords=Ukraine+2.26+billion+loan+Russian+assets",
            "A £2.26 billion loan to Ukraine, to be paid back with the profits of immobilised Russian assets."), Label.Public);
        Step(loan, PledgeStage.Committed, "2025-03-02", null, null, Cite(GovUk, "2025-03-01", null, "Loan agreement signed."));
        list.Add(loan);

        var droneDeal = Announce("GBR", new PledgeDetails
        {
            AnnouncedOn = new DateOnly(2025, 4, 11),
            Measure = "Drone deal backed by the International Fund for Ukraine",
            Type = AidType.Drones,
            Item = "Drones",
            Amount = 30_000_000_00,
            Currency = "GBP",
            Valuation = ValuationBasis.DonorStated,
            Channel = FundingChannel.JointFund,
            Explanation = "Reported as \"nearly £30 million\" for drones procured through the International Fund for Ukraine; recorded at £30 million. Date approximate. Demo data from public reporting.",
        }, Cite(GovUk, "2025-04-11", "https://www.gov.uk/search/news-and-communications?keywords=International+Fund+for+Ukraine+drones",
            "A drone deal worth nearly £30 million, backed by the International Fund for Ukraine."), Label.Public);
        list.Add(droneDeal);

        var drones = Announce("GBR", new PledgeDetails
        {
            AnnouncedOn = new DateOnly(2025, 3, 2),
            Measure = "Drones supplied to Ukraine",
            Type = AidType.Drones,
            Item = "Drones of several types",
            Quantity = 10_000,
            Currency = "GBP",
            Valuation = ValuationBasis.Undisclosed,
            Channel = FundingChannel.Bilateral,
            Explanation = "The United Kingdom reported that more than 10,000 drones had already been supplied; no value was given. Recorded as delivered, in quantity only. Demo data from public reporting.",
        }, Cite(GovUk, "2025-03-02", "https://www.gov.uk/search/news-and-communications?keywords=Ukraine+10%2C000+drones",
            "More than 10,000 drones already supplied."), Label.Public);
        var supplied = Cite(GovUk, "2025-03-02", null, "Reported as already supplied.");
        Step(drones, PledgeStage.Committed, "2025-03-02", null, null, supplied);
        Step(drones, PledgeStage.Allocated, "2025-03-02", null, null, supplied);
        Step(drones, PledgeStage.Delivered, "2025-03-02", null, 10_000, supplied);
        list.Add(drones);

        list.Add(Announce("EU", new PledgeDetails
        {
            Kind = MeasureKind.DefenceIndustrial,
            AnnouncedOn = new DateOnly(2025, 3, 4),
            Measure = "ReArm Europe plan: mobilising up to €800 billion for European defence",
            Type = AidType.MilitaryFunding,
            Amount = 800_000_000_000_00,
            Currency = "EUR",
            Valuation = ValuationBasis.DonorStated,
            Channel = FundingChannel.EuInstrument,
            Explanation = "A defence-industrial measure of the European Union (fiscal room for national defence spending and €150 billion of loans for joint procurement), not aid to one country: recorded for completeness and left out of aid totals. Demo data from public reporting.",
        }, Cite("European Commission", "2025-03-04", "https://ec.europa.eu/commission/presscorner/home/en",
            "A plan that could mobilise close to €800 billion for a safe and resilient Europe."), Label.Public));

        // Illustrative records (not from public reporting) that show labels at work.
        var tranche = Announce("FRA", new PledgeDetails
        {
            AnnouncedOn = new DateOnly(2025, 5, 15),
            Measure = "Interceptor missiles for the reassurance air component (illustrative)",
            Type = AidType.AirDefence,
            Item = "Surface-to-air interceptors",
            Quantity = 40,
            Amount = 120_000_000_00,
            Currency = "EUR",
            Valuation = ValuationBasis.EstimatedFromUnitPrice,
            Channel = FundingChannel.Bilateral,
            Explanation = "Illustrative demo record, not from public reporting: CONFIDENTIAL and releasable to the co-chairs and the Secretariat only.",
        }, Cite("Demo Secretariat", "2025-05-15", null, "Illustrative record."),
            Label.Create(ClassificationLevels.Confidential, ["GBR", "FRA", DemoSeeder.SecretariatCode], originator: "FRA", tlp: TlpMarking.Amber));
        Step(tranche, PledgeStage.Committed, "2025-06-02", null, null, Cite("Demo Secretariat", "2025-06-02", null, "Illustrative commitment."));
        Step(tranche, PledgeStage.Allocated, "2025-07-01", 80_000_000_00, 27, Cite("Demo Secretariat", "2025-07-01", null, "Illustrative allocation."));
        Step(tranche, PledgeStage.Delivered, "2025-09-10", 40_000_000_00, 13, Cite("Demo Secretariat", "2025-09-10", null, "Illustrative first tranche."));
        list.Add(tranche);

        var training = Announce("POL", new PledgeDetails
        {
            AnnouncedOn = new DateOnly(2025, 6, 20),
            Measure = "Training of engineer and demining teams (illustrative)",
            Type = AidType.Demining,
            Amount = 45_000_000_00,
            Currency = "PLN",
            Valuation = ValuationBasis.DonorStated,
            Channel = FundingChannel.Bilateral,
            Explanation = "Illustrative demo record, not from public reporting: RESTRICTED to the coalition's members.",
        }, Cite("Demo Secretariat", "2025-06-20", null, "Illustrative record."), Label.Create(ClassificationLevels.Restricted, originator: "POL", tlp: TlpMarking.Green));
        Step(training, PledgeStage.Committed, "2025-07-15", null, null, Cite("Demo Secretariat", "2025-07-15", null, "Illustrative commitment."));
        list.Add(training);
        return list;

        Pledge Announce(string donor, PledgeDetails details, Citation source, Label label)
        {
            var valid = details.Validate(founded, today);
            var pledge = valid.IsSuccess ? Pledge.Announce(donor, valid.Value!, [source], label, null, rates, actor, now) : valid.Error!;
            return pledge.IsSuccess ? pledge.Value! : throw new InvalidOperationException($"Demo pledge '{details.Measure}': {pledge.Error!.Detail}");
        }

        void Step(Pledge pledge, PledgeStage stage, string on, long? amount, long? quantity, Citation source)
        {
            var result = pledge.Record(stage, DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture), amount, quantity, source,
                stage == PledgeStage.Cancelled ? "Demo" : null, rates, actor, now, founded, today);
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException($"Demo step of '{pledge.Measure}': {result.Error!.Detail}");
            }
        }

        Citation Cite(string publisher, string date, string? url, string quote)
        {
            var citation = Citation.Create(url, publisher, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), quote, today);
            return citation.IsSuccess ? citation.Value! : throw new InvalidOperationException(citation.Error!.Detail);
        }
    }
}
