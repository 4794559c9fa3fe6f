using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Features;
using Entente.Modules.Summits.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Features;

/// <summary>The public text of a communiqué; the title defaults to the decision's.</summary>
public sealed record ReleaseCommuniqueRequest(string? Title, string? Text);

/// <summary><c>POST /decisions/{id}/communique</c>: releases a public communiqué (PUBLIC, TLP:CLEAR) on a decision.</summary>
public static class ReleaseCommunique
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/decisions/{id:guid}/communique", HandleAsync)
            .RequireAuthorization(ProposalAccess.ManagePolicy)
            .Idempotent()
            .WithName("ReleaseCommunique")
            .WithSummary("Release a communiqué")
            .WithDescription("Publishes the communiqué of a decision: PUBLIC and TLP:CLEAR, readable by anyone at GET /communiques and /summits/communiques. The decision keeps its own label; the communiqué says only what is written in it. Released once.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Created<CommuniqueView>, ProblemHttpResult>> HandleAsync(
        Guid id, ReleaseCommuniqueRequest request, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(id, request, db, time, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/communiques/{result.Value!.Id}", ProposalViews.Communique(result.Value))
            : result.Error!.ToProblem();
    }

    public static async Task<Result<Communique>> ExecuteAsync(
        Guid id, ReleaseCommuniqueRequest request, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        var decision = await db.Decisions.FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (decision is null)
        {
            return ProposalErrors.DecisionNotFound;
        }

        if (await db.Communiques.AnyAsync(c => c.DecisionId == id, cancellationToken))
        {
            return ProposalErrors.CommuniqueReleased;
        }

        var title = string.IsNullOrWhiteSpace(request.Title) ? decision.Title : request.Title.Trim();
        var text = (request.Text ?? "").Trim();
        if (title.Length > Proposal.MaxTitleLength)
        {
            return DomainError.Invalid("title", $"A communiqué's title has at most {Proposal.MaxTitleLength} characters.");
        }

        if (text.Length is 0 or > Communique.MaxTextLength)
        {
            return DomainError.Invalid("text", $"Give the communiqué's public text (at most {Communique.MaxTextLength} characters).");
        }

        var communique = Communique.Release(decision, title, text, db.Caller.ActorName, time.UtcNow());
        db.Communiques.Add(communique);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return ProposalErrors.CommuniqueReleased;
        }

        return communique;
    }
}
