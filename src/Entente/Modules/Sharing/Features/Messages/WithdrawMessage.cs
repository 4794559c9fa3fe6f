using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Entente.Modules.Sharing.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Sharing.Features.Messages;

/// <summary><c>DELETE /messages/{id}</c>: the author withdraws a message; a tombstone keeps its place in the thread.</summary>
public static class WithdrawMessage
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapDelete("/messages/{id:guid}", HandleAsync)
            .RequireAuthorization(MessageAccess.PostPolicy)
            .Idempotent()
            .WithName("WithdrawMessage")
            .WithSummary("Withdraw one's own message")
            .WithDescription("The text goes; the thread shows that a message was withdrawn, by whom and when. The withdrawal is audited.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Ok<MessageView>, ProblemHttpResult>> HandleAsync(
        Guid id, EntenteDbContext db, LabelledRecords records, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(id, db, records, time, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(MessageViews.Of(result.Value!, catalog.Current)) : result.Error!.ToProblem();
    }

    public static async Task<Result<Message>> ExecuteAsync(
        Guid id, EntenteDbContext db, LabelledRecords records, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await MessageAccess.FindAsync(records, db, id, track: true, cancellationToken) is not { } found)
        {
            return MessageAccess.MessageNotFound;
        }

        var withdrawn = found.Message.Withdraw(MessageAccess.AuthorOf(db.Caller), time.UtcNow());
        if (!withdrawn.IsSuccess)
        {
            db.ChangeTracker.Clear();
            return withdrawn.Error!;
        }

        var saved = await MessageAccess.SaveAsync(db, id, cancellationToken);
        return saved.IsSuccess ? found.Message : saved.Error!;
    }
}
