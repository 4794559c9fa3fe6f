using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Monitoring.Domain;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Monitoring.Features;

/// <summary>An edited alert rule: the whole rule as on creation, with the version it was read at.</summary>
public sealed record EditAlertRuleInput : AlertRuleInput
{
    public int? ExpectedVersion { get; init; }
}

/// <summary><c>PUT /alert-rules/{id}</c>: replaces what a rule watches, checked as on creation; a stale version is a 409.</summary>
public static class EditAlertRule
{
    public static DomainError NotFound { get; } = DomainError.NotFound("The alert rule");

    public static DomainError VersionRequired { get; } =
        DomainError.Invalid("expectedVersion", "Give the version of the rule you edited (expectedVersion), so that a change made meanwhile is not overwritten.");

    public static DomainError ChangedMeanwhile(int current) => new("monitoring.rule-changed",
        $"The alert rule was changed by someone else (it is now at version {current}). Reload it, check the changes and edit it again.",
        ErrorKind.Conflict, "expectedVersion");

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPut("/alert-rules/{id:guid}", HandleAsync).RequireAuthorization(MonitoringModule.ManageAlerts)
            .WithName("EditAlertRule").WithSummary("Edit an alert rule")
            .WithDescription("Replaces the rule's name, kind, area, window, threshold, spike factor and (when given) label, checked as on creation. Send the version you read as expectedVersion: a stale one is a 409 and nothing changes. Alerts already raised keep what they were raised with.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Ok<AlertRuleView>, ProblemHttpResult>> HandleAsync(
        Guid id, EditAlertRuleInput request, EntenteDbContext db, ISecurityPolicyCatalog catalog, OblastLocator oblasts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(id, request, db, catalog, oblasts, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(Alerts.View(result.Value!, catalog.Current)) : result.Error!.ToProblem();
    }

    /// <summary>The edit, for the API and the alerts page alike; on any error the stored rule is untouched.</summary>
    public static async Task<Result<AlertRule>> ExecuteAsync(
        Guid id, EditAlertRuleInput request, EntenteDbContext db, ISecurityPolicyCatalog catalog, OblastLocator oblasts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(oblasts);

        // The label filter applies: a rule the caller may not read does not exist for it.
        var rule = await db.AlertRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return NotFound;
        }

        if (request.ExpectedVersion is not { } expected)
        {
            return VersionRequired;
        }

        if (expected != rule.Version)
        {
            return ChangedMeanwhile(rule.Version);
        }

        var input = await Alerts.ResolveRuleInputAsync(request, db, catalog, oblasts, rule.Label, cancellationToken);
        if (!input.IsSuccess)
        {
            return input.Error!;
        }

        var (region, area, label) = input.Value;
        var edited = rule.Edit(request.Name, request.Kind, region, area, request.WindowMinutes, request.Threshold,
            request.SpikeFactor, label);
        if (!edited.IsSuccess)
        {
            return edited.Error!;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.AlertRules.AsNoTracking().IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.Version).FirstOrDefaultAsync(cancellationToken);
            return ChangedMeanwhile(current);
        }

        return rule;
    }
}
