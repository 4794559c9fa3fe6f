using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Entente.Modules.Summits.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Summits.Features;

/// <summary>A new draft: its title, text, label and, optionally, the meeting that discusses it.</summary>
public sealed record CreateProposalRequest(string? Title, string? Text, Guid? MeetingId, LabelInput? Label);

/// <summary><c>POST /proposals</c>: drafts a proposal (version 1 of its text).</summary>
public static class CreateProposal
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/proposals", HandleAsync)
            .RequireAuthorization(ProposalAccess.ManagePolicy)
            .Idempotent()
            .WithName("CreateProposal")
            .WithSummary("Draft a proposal")
            .WithDescription("Drafts a proposal with its title, text (version 1) and label; optionally the meeting that discusses it. The Secretariat drafts proposals.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    public static async Task<Results<Created<ProposalDetail>, ProblemHttpResult>> HandleAsync(
        CreateProposalRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(request, db, catalog, time, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/proposals/{result.Value!.Id}", ProposalViews.Detail(result.Value, null, catalog.Current))
            : result.Error!.ToProblem();
    }

    public static async Task<Result<Proposal>> ExecuteAsync(
        CreateProposalRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        if (request.Label is null)
        {
            return DomainError.Invalid("label", "Label the proposal: at least its classification.");
        }

        var label = await LabelRules.ResolveAsync(request.Label, db.Caller, catalog, db, cancellationToken: cancellationToken);
        if (!label.IsSuccess)
        {
            return label.Error!;
        }

        var drafted = Proposal.Draft(request.Title ?? "", request.Text ?? "", request.MeetingId, label.Value!, ProposalAccess.ActorOf(db.Caller), time.UtcNow());
        if (!drafted.IsSuccess)
        {
            return drafted.Error!;
        }

        db.Proposals.Add(drafted.Value!);
        var saved = await ProposalAccess.SaveAsync(db, null, cancellationToken);
        return saved.IsSuccess ? drafted.Value! : saved.Error!;
    }
}
