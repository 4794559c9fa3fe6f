using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Entente.Modules.Sharing.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Sharing.Features.Messages;

/// <summary>A new text (and optionally a new label) for one's own message.</summary>
public sealed record EditMessageRequest
{
    public string Body { get; init; } = "";

    /// <summary>The label to give the message; unchanged when absent. Never wider than the record's.</summary>
    public LabelInput? Label { get; init; }

    /// <summary>The version the edit is based on; another version means someone changed it meanwhile (409).</summary>
    [Required]
    public int? ExpectedVersion { get; init; }
}

/// <summary><c>PUT /messages/{id}</c>: the author edits a message; the replaced text is kept as a revision and the change is audited.</summary>
public static class EditMessage
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPut("/messages/{id:guid}", HandleAsync)
            .RequireAuthorization(MessageAccess.PostPolicy)
            .Idempotent()
            .WithName("EditMessage")
            .WithSummary("Edit one's own message")
            .WithDescription("Only the author edits; the earlier text is kept. expectedVersion must match the stored version (409 otherwise).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Ok<MessageView>, ProblemHttpResult>> HandleAsync(
        Guid id, EditMessageRequest request, EntenteDbContext db, LabelledRecords records, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(id, request, db, records, catalog, time, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(MessageViews.Of(result.Value!, catalog.Current)) : result.Error!.ToProblem();
    }

    public static async Task<Result<Message>> ExecuteAsync(
        Guid id, EditMessageRequest request, EntenteDbContext db, LabelledRecords records, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        if (await MessageAccess.FindAsync(records, db, id, track: true, cancellationToken) is not { } found)
        {
            return MessageAccess.MessageNotFound;
        }

        var (message, record) = found;
        if (request.ExpectedVersion is not { } expected)
        {
            return DomainError.Invalid("expectedVersion", "Give the version of the message your edit is based on.");
        }

        if (expected != message.Version)
        {
            return MessageAccess.VersionConflict(message.Version);
        }

        Label? label = null;
        if (request.Label is not null)
        {
            var replyTo = message.ReplyToId is { } r ? await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == r, cancellationToken) : null;
            var resolved = await MessageAccess.ResolveLabelAsync(request.Label, record, replyTo, message.Label, db, catalog, cancellationToken);
            if (!resolved.IsSuccess)
            {
                db.ChangeTracker.Clear();
                return resolved.Error!;
            }

            label = resolved.Value!;
        }

        var edited = message.Edit(request.Body, label, MessageAccess.AuthorOf(db.Caller), time.UtcNow());
        if (!edited.IsSuccess)
        {
            db.ChangeTracker.Clear();
            return edited.Error!;
        }

        var saved = await MessageAccess.SaveAsync(db, id, cancellationToken);
        return saved.IsSuccess ? message : saved.Error!;
    }
}
