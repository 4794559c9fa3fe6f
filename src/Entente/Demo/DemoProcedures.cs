using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Modules.Summits.Domain;

namespace Entente.Demo;

/// <summary>
/// Illustrative proposals for the demo: a statement on ceasefire monitoring under a silence procedure that is still
/// running, and a decision on the reassurance force's planning adopted by consensus, with its public communiqué.
/// The texts are invented for the demonstration and say so.
/// </summary>
public static class DemoProcedures
{
    public static void AddTo(EntenteDbContext db, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var secretariat = new ProposalActor("secretariat", DemoSeeder.SecretariatCode);
        var restricted = Label.Create(ClassificationLevels.Restricted, originator: DemoSeeder.SecretariatCode);

        var statement = Check(Proposal.Draft("Statement on ceasefire monitoring (illustrative)",
            "Illustrative demo text.\n\nThe coalition welcomes the start of the ceasefire monitoring mission. Members will share the observations of their monitors and sensors through the coalition within twenty-four hours and support the mission's daily reports.",
            null, restricted, secretariat, now.AddDays(-2)));
        Check(statement.Amend(null,
            "Illustrative demo text.\n\nThe coalition welcomes the start of the ceasefire monitoring mission. Members will share the observations of their monitors, sensors and open sources through the coalition within twelve hours and support the mission's daily reports.",
            "Shorter reporting time and open sources, as asked at the senior officials' meeting.", secretariat, now.AddDays(-1)));
        Check(statement.OpenSilence(now.AddDays(2), now.AddHours(-6)));
        Check(statement.RecordPosition("FRA", Stance.SupportWithStatement, "France will contribute its satellite imagery.",
            new ProposalActor("delegate.fra", "FRA"), now.AddHours(-3)));
        db.Proposals.Add(statement);

        var planning = Check(Proposal.Draft("Planning of the multinational reassurance force (illustrative)",
            "Illustrative demo text.\n\nThe coalition tasks the multinational planning cell to prepare the reassurance force's concept of operations, sectors and readiness, to be presented at the next leaders' meeting.",
            null, restricted, secretariat, now.AddDays(-10)));
        Check(planning.OpenConsensus(3, null, 30, now.AddDays(-9)));
        var gbr = new ProposalActor("delegate.gbr", "GBR");
        Check(planning.RecordPosition("GBR", Stance.Support, null, gbr, now.AddDays(-9).AddHours(1)));
        Check(planning.RecordPosition("FRA", Stance.Support, null, new ProposalActor("delegate.fra", "FRA"), now.AddDays(-9).AddHours(1)));
        Check(planning.RecordPosition("POL", Stance.Reservation, "Poland's contribution depends on national approval.",
            new ProposalActor("delegate.pol", "POL"), now.AddDays(-9).AddHours(2)));
        var decision = Check(planning.ConcludeConsensus(secretariat, now.AddDays(-9).AddHours(3)));
        db.Proposals.Add(planning);
        db.Decisions.Add(decision);
        db.Communiques.Add(Communique.Release(decision, "The coalition begins planning the reassurance force (illustrative)",
            "Illustrative demo communiqué. The coalition agreed today to begin planning a multinational reassurance force, to be presented to leaders at their next meeting.",
            "secretariat", now.AddDays(-9).AddHours(4)));
    }

    private static T Check<T>(Infrastructure.Problems.Result<T> result) =>
        result.IsSuccess ? result.Value! : throw new InvalidOperationException($"Demo proposals: {result.Error!.Detail}");

    private static void Check(Infrastructure.Problems.Result result)
    {
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"Demo proposals: {result.Error!.Detail}");
        }
    }
}
