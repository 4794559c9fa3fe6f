using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Sharing.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Sharing.Features.Releases;

public sealed record RequestReleaseRequest
{
    /// <summary>The record kind, for example <c>offer</c> or <c>meeting</c>.</summary>
    [Required]
    [StringLength(32)]
    public string Kind { get; init; } = "";

    [Required]
    public Guid? Id { get; init; }

    /// <summary>The label the record should have once released: more members, every member, no sharing group, a lower classification or TLP.</summary>
    [Required]
    public LabelInput? Label { get; init; }

    [Required]
    [StringLength(ReleaseRequest.MaxJustificationLength)]
    public string Justification { get; init; } = "";
}

/// <summary><c>POST /releases</c>: anyone who can read a record asks for it to be released more widely.</summary>
public static class RequestRelease
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/releases", HandleAsync)
            .RequireAuthorization()
            .Idempotent()
            .WithName("RequestRelease")
            .WithSummary("Request the release of a record")
            .WithDescription("Proposes a wider releasability and/or a lower classification or TLP for a record you can read. Nothing changes until the originating member's releasers approve. " + ReleaseAccess.VisibilityRule)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Created<ReleaseView>, ProblemHttpResult>> HandleAsync(
        RequestReleaseRequest request, ClaimsPrincipal user, EntenteDbContext db, LabelledRecords records, ISecurityPolicyCatalog catalog,
        TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(catalog);
        var opened = await OpenAsync(request, db, records, catalog, time, cancellationToken);
        if (opened.Error is not null)
        {
            return (await SharingAudit.RefusedAsync(db, ReleaseAccess.EntityType, null, opened.Error, "request", null, cancellationToken)).ToProblem();
        }

        var release = opened.Value!;
        db.ReleaseRequests.Add(release);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/releases/{release.Id}", ReleaseAccess.View(release, user, db, catalog.Current));
    }

    /// <summary>The request, or why it is refused: the record not there for the caller, a label the caller may not give, no widening.</summary>
    public static async Task<Result<ReleaseRequest>> OpenAsync(
        RequestReleaseRequest request, EntenteDbContext db, LabelledRecords records, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(time);
        if (records.Of(request.Kind) is null)
        {
            return new DomainError("sharing.release-kind-unknown",
                "Not a kind of record that can be released. Use one of: " + string.Join(", ", records.Kinds.Select(k => k.Kind)) + ".",
                ErrorKind.Validation, "kind");
        }

        if (request.Id is not { } id || request.Label is null)
        {
            return DomainError.Invalid(request.Label is null ? "label" : "id", "Give the record's id and the proposed label.");
        }

        var record = await records.FindAsync(db, request.Kind, id, cancellationToken);
        if (record is null)
        {
            return SharingErrors.RecordNotFound;
        }

        var proposed = await LabelRules.ResolveAsync(request.Label, db.Caller, catalog, db, current: record.Label, cancellationToken: cancellationToken);
        if (proposed.Error is not null)
        {
            return proposed.Error;
        }

        var caller = db.Caller;
        var opened = ReleaseRequest.Open(record.Kind, record.Id, record.Title, record.Label, proposed.Value!, request.Justification,
            caller.UserId ?? Guid.Empty, caller.ActorName, caller.Member, time.GetUtcNow().UtcDateTime);
        if (opened.Value is { } release)
        {
            release.RecordPath = record.Path;
        }

        return opened;
    }
}
