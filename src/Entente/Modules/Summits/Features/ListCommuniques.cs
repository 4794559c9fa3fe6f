using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Features;

/// <summary><c>GET /communiques</c>: the coalition's released communiqués, for anyone, newest first.</summary>
public static class ListCommuniques
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/communiques", HandleAsync)
            .AllowAnonymous()
            .WithName("ListCommuniques")
            .WithSummary("List public communiqués")
            .WithDescription("Communiqués released on adopted decisions (PUBLIC, TLP:CLEAR), newest first. No sign-in needed.");

    public static async Task<Ok<Paged<CommuniqueView>>> HandleAsync(
        [AsParameters] PageRequest page, EntenteDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await QueryAsync(db, page, cancellationToken));

    public static Task<Paged<CommuniqueView>> QueryAsync(EntenteDbContext db, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Communiques.AsNoTracking().OrderByDescending(c => c.ReleasedAt).ThenBy(c => c.Id)
            .ToPagedAsync(page, ProposalViews.Communique, cancellationToken);
    }
}

/// <summary><c>GET /communiques/{id}</c>: one released communiqué, for anyone.</summary>
public static class GetCommunique
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/communiques/{id:guid}", HandleAsync)
            .AllowAnonymous()
            .WithName("GetCommunique")
            .WithSummary("Get a public communiqué")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<CommuniqueView>, ProblemHttpResult>> HandleAsync(Guid id, EntenteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var c = await db.Communiques.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        return c is null ? DomainError.NotFound("The communiqué").ToProblem() : TypedResults.Ok(ProposalViews.Communique(c));
    }
}
