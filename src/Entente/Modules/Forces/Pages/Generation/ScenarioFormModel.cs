using Entente.Components.Shared;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Forces.Features.Generation;

namespace Entente.Modules.Forces.Pages.Generation;

/// <summary>The scenario form: lists as text (mandates one a line, member codes separated by commas), split on the way out.</summary>
public sealed class ScenarioFormModel
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public bool CeasefireInForce { get; set; }

    public bool UsBackstop { get; set; }

    public bool UnMandate { get; set; }

    public ConditionScope OtherMandatesScope { get; set; }

    public string? OtherMandates { get; set; }

    public ConditionScope ParliamentsScope { get; set; }

    public string? Parliaments { get; set; }

    public int? ExpectedVersion { get; set; }

    public LabelFormModel Label { get; set; } = new();

    public static ScenarioFormModel From(ForceScenario scenario, LabelFormModel label)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new()
        {
            Name = scenario.Name,
            Description = scenario.Description,
            CeasefireInForce = scenario.CeasefireInForce,
            UsBackstop = scenario.UsBackstop,
            UnMandate = scenario.UnMandate,
            OtherMandatesScope = scenario.OtherMandatesScope,
            OtherMandates = string.Join('\n', scenario.OtherMandateList),
            ParliamentsScope = scenario.ParliamentsScope,
            Parliaments = string.Join(", ", scenario.ParliamentList),
            ExpectedVersion = scenario.Version,
            Label = label,
        };
    }

    public ScenarioRequest ToRequest() => new()
    {
        Name = Name,
        Description = string.IsNullOrWhiteSpace(Description) ? null : Description,
        CeasefireInForce = CeasefireInForce,
        UsBackstop = UsBackstop,
        UnMandate = UnMandate,
        OtherMandatesScope = OtherMandatesScope,
        OtherMandates = Split(OtherMandates, ['\n', '\r']),
        ParliamentsScope = ParliamentsScope,
        Parliaments = Split(Parliaments, [',', ';', ' ', '\n', '\r']),
        Label = Label.ToInput(),
        ExpectedVersion = ExpectedVersion,
    };

    private static List<string> Split(string? text, char[] separators) =>
        [.. (text ?? "").Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
