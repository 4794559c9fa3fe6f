using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Forces.Features.Conference;

/// <summary>A force-generation conference to convene: title, day, venue and/or online, label.</summary>
public sealed record ConveneConferenceRequest
{
    [Required]
    [StringLength(ForceGenerationConference.MaxTitleLength)]
    public string Title { get; init; } = "";

    [Required]
    public DateOnly? HeldOn { get; init; }

    [StringLength(ForceGenerationConference.MaxVenueLength)]
    public string? Venue { get; init; }

    /// <summary>Delegations take part online (alone, or beside a venue).</summary>
    public bool Online { get; init; }

    [Required]
    public LabelInput? Label { get; init; }
}

/// <summary><c>POST /force-generation/conferences</c>: convenes a conference, open and without rounds.</summary>
public static class ConveneConference
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/force-generation/conferences", HandleAsync)
            .RequireAuthorization(ConferenceAccess.RunPolicy)
            .Idempotent()
            .WithName("ConveneConference")
            .WithSummary("Convene a force-generation conference")
            .WithDescription("Creates a conference (title, day, venue, online) under a label; rounds are opened next. The Secretariat and administrators only.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    public static async Task<Results<Created<ConferenceDetail>, ProblemHttpResult>> HandleAsync(
        ConveneConferenceRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        if (request.HeldOn is not { } heldOn)
        {
            return DomainError.Invalid("heldOn", "Give the day the conference opens.").ToProblem();
        }

        if (request.Label is null)
        {
            return DomainError.Invalid("label", "Give the conference's label.").ToProblem();
        }

        var label = await LabelRules.ResolveAsync(request.Label, db.Caller, catalog, db, cancellationToken: cancellationToken);
        if (!label.IsSuccess)
        {
            return label.Error!.ToProblem();
        }

        var convened = ForceGenerationConference.Convene(request.Title, heldOn, request.Venue, request.Online, label.Value!,
            ForcesActors.Of(db.Caller), time.UtcNow());
        if (!convened.IsSuccess)
        {
            return convened.Error!.ToProblem();
        }

        var conference = convened.Value!;
        db.ForceGenerationConferences.Add(conference);
        await db.SaveChangesAsync(cancellationToken);
        var detail = await ConferenceAccess.DetailAsync(db, conference, catalog.Current, cancellationToken);
        return TypedResults.Created($"/api/v1/force-generation/conferences/{conference.Id}", detail);
    }
}
