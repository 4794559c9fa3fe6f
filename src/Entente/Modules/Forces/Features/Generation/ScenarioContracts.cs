using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Entente.Modules.Identity.Domain;

namespace Entente.Modules.Forces.Features.Generation;

/// <summary>A scenario as a client sends it. Without a label, a scenario is RESTRICTED for every member.</summary>
public sealed record ScenarioRequest
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public bool CeasefireInForce { get; init; }

    public bool UsBackstop { get; init; }

    public bool UnMandate { get; init; }

    /// <summary>all (default), none, or listed (then <see cref="OtherMandates"/> names them).</summary>
    public ConditionScope OtherMandatesScope { get; init; }

    public IReadOnlyList<string>? OtherMandates { get; init; }

    /// <summary>all (default), none, or listed (then <see cref="Parliaments"/> gives member codes).</summary>
    public ConditionScope ParliamentsScope { get; init; }

    public IReadOnlyList<string>? Parliaments { get; init; }

    public LabelInput? Label { get; init; }

    /// <summary>For a revision: the version read; a stale one is refused.</summary>
    public int? ExpectedVersion { get; init; }

    public ScenarioTerms ToTerms() => new(Name, Description, CeasefireInForce, UsBackstop, UnMandate, OtherMandatesScope, OtherMandates ?? [],
        ParliamentsScope, Parliaments ?? []);
}

public sealed record ScenarioView(
    Guid Id,
    string Name,
    string? Description,
    bool CeasefireInForce,
    bool UsBackstop,
    bool UnMandate,
    ConditionScope OtherMandatesScope,
    IReadOnlyList<string> OtherMandates,
    ConditionScope ParliamentsScope,
    IReadOnlyList<string> Parliaments,
    IReadOnlyList<RunCondition> Conditions,
    int Version,
    DateTime CreatedAt,
    string CreatedBy,
    DateTime UpdatedAt,
    LabelView Label);

public sealed record ScenarioList(int Total, IReadOnlyList<ScenarioView> Items);

/// <summary>Who runs force generation and keeps its scenarios, and the shared steps of the scenario use cases.</summary>
public static class GenerationAccess
{
    /// <summary>Authorization policy: the Secretariat and administrators keep scenarios and run force generation.</summary>
    public const string RunPolicy = "forces-run-generation";

    public static DomainError ScenarioNotFound { get; } = DomainError.NotFound("The scenario");

    public static DomainError RunNotFound { get; } = DomainError.NotFound("The force-generation run");

    public static void AddPolicies(IServiceCollection services) =>
        services.AddAuthorizationBuilder().AddPolicy(RunPolicy, p => p.RequireRole(Roles.Administrator, Roles.Secretariat));

    public static ScenarioView View(ForceScenario s, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Id, s.Name, s.Description, s.CeasefireInForce, s.UsBackstop, s.UnMandate, s.OtherMandatesScope, s.OtherMandateList,
            s.ParliamentsScope, s.ParliamentList, s.ConditionsInWords().Select(c => new RunCondition(c.Condition, c.Holds)).ToList(), s.Version,
            s.CreatedAt, s.CreatedBy, s.UpdatedAt, LabelView.From(s.Label, policy));
    }

    /// <summary>Checks the request's members and label, then creates (<paramref name="current"/> null) or revises the scenario.</summary>
    public static async Task<Result<ForceScenario>> SaveAsync(
        ScenarioRequest request, ForceScenario? current, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var terms = request.ToTerms();
        var active = await MemberDirectory.ActiveAmongAsync(db, ForceScenario.MembersNamed(terms), time.Today(), cancellationToken);
        var labelInput = request.Label ?? (current is null ? new LabelInput { Classification = "RESTRICTED" } : null);
        var label = current?.Label;
        if (labelInput is not null)
        {
            var resolved = await LabelRules.ResolveAsync(labelInput, db.Caller, catalog, db, current?.Label, cancellationToken: cancellationToken);
            if (!resolved.IsSuccess)
            {
                return resolved.Error!;
            }

            label = resolved.Value!;
        }

        if (current is null)
        {
            var created = ForceScenario.Create(terms, label!, active, db.Caller.ActorName, time.UtcNow());
            if (created.IsSuccess)
            {
                db.ForceScenarios.Add(created.Value!);
            }

            return created;
        }

        if (request.ExpectedVersion is { } expected && expected != current.Version)
        {
            return new DomainError("forces.scenario-changed",
                $"The scenario changed since you read it (version {expected}; it is now {current.Version}). Read it again and repeat your change.",
                ErrorKind.Conflict, "expectedVersion");
        }

        var revised = current.Revise(terms, label!, active, time.UtcNow());
        return revised.IsSuccess ? current : revised.Error!;
    }
}
