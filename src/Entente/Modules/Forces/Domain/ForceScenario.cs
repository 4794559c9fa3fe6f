using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;
using Entente.Modules.Forces.Domain.Generation;

namespace Entente.Modules.Forces.Domain;

/// <summary>Which of a set of mandates or parliaments a scenario counts as given.</summary>
public enum ConditionScope
{
    /// <summary>Every one holds.</summary>
    All,

    /// <summary>None holds.</summary>
    None,

    /// <summary>Only those listed hold.</summary>
    Listed,
}

/// <summary>What a scenario says, as a client states it, before it is checked.</summary>
public sealed record ScenarioTerms(
    string? Name,
    string? Description,
    bool CeasefireInForce,
    bool UsBackstop,
    bool UnMandate,
    ConditionScope OtherMandatesScope,
    IReadOnlyList<string> OtherMandates,
    ConditionScope ParliamentsScope,
    IReadOnlyList<string> Parliaments);

/// <summary>
/// A what-if for force generation: which political conditions hold (a ceasefire in force, a US backstop, a UN mandate,
/// other mandates, parliamentary approvals). Member participation is never part of a scenario: the solver decides it.
/// </summary>
/// <remarks>
/// Invariants: a name of 1 to <see cref="MaxNameLength"/> characters; listed mandates and parliaments only with the
/// scope <see cref="ConditionScope.Listed"/>; listed parliaments are active members (checked by the caller, passed in);
/// every change raises <see cref="Version"/>, the optimistic concurrency token, which runs record.
/// </remarks>
public sealed class ForceScenario : ILabelled
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;
    public const int MaxListed = 40;
    public const int MaxMandateLength = 100;

    private ForceScenario()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string? Description { get; private set; }

    public bool CeasefireInForce { get; private set; }

    public bool UsBackstop { get; private set; }

    public bool UnMandate { get; private set; }

    public ConditionScope OtherMandatesScope { get; private set; }

    /// <summary>Mandate names separated by a bar, with <see cref="ConditionScope.Listed"/> only.</summary>
    public string OtherMandates { get; private set; } = "";

    public ConditionScope ParliamentsScope { get; private set; }

    /// <summary>Upper-case member codes separated by a bar, with <see cref="ConditionScope.Listed"/> only.</summary>
    public string Parliaments { get; private set; } = "";

    public Label Label { get; private set; } = Label.Public;

    public int Version { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyList<string> OtherMandateList => Split(OtherMandates);

    public IReadOnlyList<string> ParliamentList => Split(Parliaments);

    /// <summary>The member codes a scenario's terms name, to be checked against the registry before <see cref="Create"/>.</summary>
    public static IReadOnlyList<string> MembersNamed(ScenarioTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return (terms.Parliaments ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim().ToUpperInvariant()).Distinct().ToList();
    }

    public static Result<ForceScenario> Create(ScenarioTerms terms, Label label, IReadOnlySet<string> activeMembers, string actor, DateTime now)
    {
        var scenario = new ForceScenario { Id = Guid.CreateVersion7(now), CreatedAt = now, CreatedBy = actor };
        var applied = scenario.Apply(terms, label, activeMembers, now);
        return applied.IsSuccess ? scenario : applied.Error!;
    }

    public Result Revise(ScenarioTerms terms, Label label, IReadOnlySet<string> activeMembers, DateTime now) => Apply(terms, label, activeMembers, now);

    /// <summary>The scenario as the solver reads it.</summary>
    public GenerationScenario ToGeneration() => new(
        Name,
        CeasefireInForce,
        UsBackstop,
        UnMandate,
        OtherMandatesScope switch
        {
            ConditionScope.All => null,
            ConditionScope.None => new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            ConditionScope.Listed => OtherMandateList.ToHashSet(StringComparer.OrdinalIgnoreCase),
            _ => throw new InvalidOperationException($"Unknown scope {OtherMandatesScope}."),
        },
        ParliamentsScope switch
        {
            ConditionScope.All => null,
            ConditionScope.None => new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            ConditionScope.Listed => ParliamentList.ToHashSet(StringComparer.OrdinalIgnoreCase),
            _ => throw new InvalidOperationException($"Unknown scope {ParliamentsScope}."),
        });

    /// <summary>The conditions in words, one phrase each, as pages and comparisons show them.</summary>
    public IReadOnlyList<(string Condition, string Holds)> ConditionsInWords() =>
    [
        ("Ceasefire in force", CeasefireInForce ? "yes" : "no"),
        ("US backstop", UsBackstop ? "yes" : "no"),
        ("UN mandate", UnMandate ? "yes" : "no"),
        ("Other mandates", ScopeText(OtherMandatesScope, OtherMandateList)),
        ("Parliaments that approved", ScopeText(ParliamentsScope, ParliamentList)),
    ];

    public static string ScopeText(ConditionScope scope, IReadOnlyList<string> listed) => scope switch
    {
        ConditionScope.All => "all",
        ConditionScope.None => "none",
        ConditionScope.Listed => listed.Count == 0 ? "none" : string.Join(", ", listed),
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    };

    private Result Apply(ScenarioTerms t, Label label, IReadOnlySet<string> activeMembers, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(activeMembers);
        var name = PlainText.Check("name", t.Name, MaxNameLength, required: true);
        if (!name.IsSuccess)
        {
            return name.Error!;
        }

        var description = PlainText.Check("description", t.Description, MaxDescriptionLength, multiline: true);
        if (!description.IsSuccess)
        {
            return description.Error!;
        }

        if (!Enum.IsDefined(t.OtherMandatesScope) || !Enum.IsDefined(t.ParliamentsScope))
        {
            return DomainError.Invalid("scope", "Use all, none or listed.");
        }

        var mandates = (t.OtherMandates ?? []).Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var parliaments = MembersNamed(t);
        if (t.OtherMandatesScope != ConditionScope.Listed && mandates.Count > 0)
        {
            return DomainError.Invalid("otherMandates", "List mandates only when the scope of other mandates is 'listed'.");
        }

        if (t.ParliamentsScope != ConditionScope.Listed && parliaments.Count > 0)
        {
            return DomainError.Invalid("parliaments", "List members only when the scope of parliaments is 'listed'.");
        }

        if (mandates.Count > MaxListed || parliaments.Count > MaxListed)
        {
            return DomainError.Invalid(mandates.Count > MaxListed ? "otherMandates" : "parliaments", $"List at most {MaxListed}.");
        }

        foreach (var mandate in mandates)
        {
            if (mandate.Length > MaxMandateLength || mandate.Contains('|', StringComparison.Ordinal) || !PlainText.IsClean(mandate))
            {
                return DomainError.Invalid("otherMandates", $"A mandate's name is plain text of at most {MaxMandateLength} characters, without '|'.");
            }
        }

        var unknown = parliaments.FirstOrDefault(c => !activeMembers.Contains(c));
        if (unknown is not null)
        {
            return new DomainError("forces.unknown-member",
                $"'{PlainText.Shorten(unknown, 16)}' is not an active member of the coalition that you may see. List the codes of current members.",
                ErrorKind.Validation, "parliaments");
        }

        Name = name.Value!;
        Description = description.Value;
        CeasefireInForce = t.CeasefireInForce;
        UsBackstop = t.UsBackstop;
        UnMandate = t.UnMandate;
        OtherMandatesScope = t.OtherMandatesScope;
        OtherMandates = string.Join('|', mandates);
        ParliamentsScope = t.ParliamentsScope;
        Parliaments = string.Join('|', parliaments.Order(StringComparer.Ordinal));
        Label = label;
        UpdatedAt = now;
        Version++;
        return Result.Success;
    }

    private static string[] Split(string joined) =>
        joined.Length == 0 ? [] : joined.Split('|', StringSplitOptions.RemoveEmptyEntries);
}
