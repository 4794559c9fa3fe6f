using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Identity;
using Entente.Modules.Monitoring.Contracts;
using Entente.Modules.Monitoring.Domain;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Monitoring.Features;

/// <summary>A ceasefire agreement as the Secretariat records it; <c>zones</c> is a GeoJSON FeatureCollection.</summary>
public sealed record ConcludeAgreementRequest
{
    [Required]
    [StringLength(CeasefireAgreement.MaxCodeLength)]
    public string Code { get; init; } = "";

    [Required]
    [StringLength(CeasefireAgreement.MaxNameLength)]
    public string Name { get; init; } = "";

    [Required]
    [StringLength(CeasefireAgreement.MaxPartiesLength)]
    public string Parties { get; init; } = "";

    [Required]
    [StringLength(CeasefireAgreement.MaxTermsLength)]
    public string Terms { get; init; } = "";

    [Required]
    public DateTimeOffset? StartsAt { get; init; }

    public DateTimeOffset? EndsAt { get; init; }

    [Required]
    public LabelInput? Label { get; init; }

    /// <summary>
    /// GeoJSON FeatureCollection: features with <c>kind</c> (lineOfContact, withdrawalZone, disengagementArea,
    /// securityZone), <c>name</c>, optional <c>rule</c>, <c>weaponClasses</c>, <c>leftSide</c>, <c>rightSide</c>.
    /// </summary>
    [Required]
    public JsonElement? Zones { get; init; }
}

/// <summary>Redrawn lines: the whole new set of lines and zones, and when it takes effect.</summary>
public sealed record RedrawLinesRequest
{
    [Required]
    public DateTimeOffset? EffectiveFrom { get; init; }

    [Required]
    public JsonElement? Zones { get; init; }

    /// <summary>The agreement's version the redraw was based on; a newer stored version answers 409.</summary>
    public int? ExpectedVersion { get; init; }
}

/// <summary><c>/agreements</c>: ceasefire agreements with their lines and zones.</summary>
public static class Agreements
{
    public static DomainError NotFound { get; } = DomainError.NotFound("The agreement");

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/agreements", ListAsync).WithName("ListAgreements").WithSummary("List ceasefire agreements")
            .WithDescription("Agreements released to you, newest start first.");
        group.MapGet("/agreements/{id:guid}", GetAsync).WithName("GetAgreement").WithSummary("Get a ceasefire agreement")
            .WithDescription("The agreement's terms and every version of its lines and zones as GeoJSON geometries, newest first.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/agreements", ConcludeAsync).RequireAuthorization(Policies.ManageAgreements).Idempotent()
            .WithName("ConcludeAgreement").WithSummary("Record a ceasefire agreement")
            .WithDescription("Parties, terms, period, label and the first version of the line of contact and zones (a GeoJSON FeatureCollection).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/agreements/{id:guid}/lines", RedrawAsync).RequireAuthorization(Policies.ManageAgreements).Idempotent()
            .WithName("RedrawAgreementLines").WithSummary("Redraw an agreement's lines")
            .WithDescription("Adds a version of the lines and zones that takes effect at effectiveFrom; observations are checked against the version in force at their time.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    public static async Task<Ok<Paged<AgreementSummary>>> ListAsync(
        [AsParameters] PageRequest page, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var policy = catalog.Current;
        return TypedResults.Ok(await db.Agreements.AsNoTracking().OrderByDescending(a => a.StartsAt).ThenBy(a => a.Id)
            .ToPagedAsync(page, a => MonitoringViews.Summary(a, policy), cancellationToken));
    }

    public static async Task<Results<Ok<AgreementDetail>, ProblemHttpResult>> GetAsync(
        Guid id, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var agreement = await db.Agreements.AsNoTracking().Include(a => a.Geometries).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return agreement is null ? NotFound.ToProblem() : TypedResults.Ok(MonitoringViews.Detail(agreement, catalog.Current));
    }

    public static async Task<Results<Created<AgreementDetail>, ProblemHttpResult>> ConcludeAsync(
        ConcludeAgreementRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, AgreementCatalog agreements, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(agreements);
        if (request.Label is null || request.StartsAt is null || request.Zones is null)
        {
            return DomainError.Invalid("label", "Give the label, the start and the zones.").ToProblem();
        }

        var label = await LabelRules.ResolveAsync(request.Label, db.Caller, catalog, db, cancellationToken: cancellationToken);
        if (!label.IsSuccess)
        {
            return label.Error!.ToProblem();
        }

        var zones = ZoneGeometry.Parse(request.Zones.Value);
        if (!zones.IsSuccess)
        {
            return zones.Error!.ToProblem();
        }

        var code = request.Code.Trim().ToUpperInvariant();
        if (await db.Agreements.IgnoreQueryFilters().AnyAsync(a => a.Code == code, cancellationToken))
        {
            return new DomainError("monitoring.agreement-code-taken", $"The code {code} is already in use.", ErrorKind.Conflict, "code").ToProblem();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var concluded = CeasefireAgreement.Conclude(request.Code, request.Name, request.Parties, request.Terms, request.StartsAt.Value.UtcDateTime,
            request.EndsAt?.UtcDateTime, label.Value!, zones.Value!, now);
        if (!concluded.IsSuccess)
        {
            return concluded.Error!.ToProblem();
        }

        var agreement = concluded.Value!;
        db.Agreements.Add(agreement);
        await db.SaveChangesAsync(cancellationToken);
        agreements.Invalidate();
        return TypedResults.Created($"/api/v1/agreements/{agreement.Id}", MonitoringViews.Detail(agreement, catalog.Current));
    }

    public static async Task<Results<Ok<AgreementDetail>, ProblemHttpResult>> RedrawAsync(
        Guid id, RedrawLinesRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, AgreementCatalog agreements, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(agreements);
        var agreement = await db.Agreements.Include(a => a.Geometries).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (agreement is null)
        {
            return NotFound.ToProblem();
        }

        if (request.ExpectedVersion is { } expected && expected != agreement.Version)
        {
            return new DomainError("monitoring.version-conflict", $"The agreement was changed meanwhile (now version {agreement.Version}). Reload it and try again.",
                ErrorKind.Conflict, "expectedVersion").ToProblem();
        }

        if (request.EffectiveFrom is null || request.Zones is null)
        {
            return DomainError.Invalid("effectiveFrom", "Give when the new lines take effect and the zones.").ToProblem();
        }

        var zones = ZoneGeometry.Parse(request.Zones.Value);
        if (!zones.IsSuccess)
        {
            return zones.Error!.ToProblem();
        }

        var redrawn = agreement.Redraw(zones.Value!, request.EffectiveFrom.Value.UtcDateTime, time.GetUtcNow().UtcDateTime);
        if (!redrawn.IsSuccess)
        {
            return redrawn.Error!.ToProblem();
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new DomainError("monitoring.version-conflict", "The agreement was changed meanwhile. Reload it and try again.",
                ErrorKind.Conflict, "expectedVersion").ToProblem();
        }

        agreements.Invalidate();
        return TypedResults.Ok(MonitoringViews.Detail(agreement, catalog.Current));
    }
}
