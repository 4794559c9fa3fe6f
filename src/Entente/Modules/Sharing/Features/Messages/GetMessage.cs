using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Sharing.Features.Messages;

/// <summary><c>GET /messages/{id}</c>: one message the caller may read, on a record the caller may read.</summary>
public static class GetMessage
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/messages/{id:guid}", HandleAsync)
            .RequireAuthorization()
            .WithName("GetMessage")
            .WithSummary("Read one message")
            .WithDescription("A message not released to you is not found, exactly like one that does not exist.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<MessageView>, ProblemHttpResult>> HandleAsync(
        Guid id, EntenteDbContext db, LabelledRecords records, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var found = await MessageAccess.FindAsync(records, db, id, track: false, cancellationToken);
        return found is { } f
            ? TypedResults.Ok(MessageViews.Of(f.Message, catalog.Current))
            : MessageAccess.MessageNotFound.ToProblem();
    }
}
