using Entente.Infrastructure.Labels;
using Entente.Modules.Forces.Domain;

namespace Entente.Demo;

/// <summary>Three what-if scenarios for force generation: the baseline, without a US backstop, and without a holding ceasefire.</summary>
public static class DemoScenarios
{
    public const string Actor = "demo";

    public static IReadOnlyList<ForceScenario> Build(DateTime now)
    {
        var label = Label.Create(ClassificationLevels.Restricted, null);
        var none = new HashSet<string>(StringComparer.Ordinal);
        ForceScenario Make(string name, string description, bool ceasefire, bool usBackstop) =>
            ForceScenario.Create(new ScenarioTerms(name, description, ceasefire, usBackstop, UnMandate: true, ConditionScope.All, [], ConditionScope.All, []),
                label, none, Actor, now).Value!;
        return
        [
            Make("Baseline", "A ceasefire in force, a US backstop, a UN mandate and every parliament's approval.", true, true),
            Make("No US backstop", "As the baseline, but the United States provides no backstop.", true, false),
            Make("Ceasefire not holding", "As the baseline, but the ceasefire does not hold.", false, true),
        ];
    }
}
