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

/// <summary>A new message in the thread of a record.</summary>
public sealed record PostMessageRequest
{
    /// <summary>Kind of the record (<c>meeting</c>, <c>event</c>, <c>offer</c> …).</summary>
    [Required]
    [StringLength(Message.MaxKindLength)]
    public string Kind { get; init; } = "";

    [Required]
    public Guid? Id { get; init; }

    /// <summary>The message of the same thread this one answers.</summary>
    public Guid? ReplyTo { get; init; }

    /// <summary>Plain text; surrounding white space is trimmed.</summary>
    public string Body { get; init; } = "";

    /// <summary>The message's label; the record's (or the answered message's) when absent. Never wider than either.</summary>
    public LabelInput? Label { get; init; }
}

/// <summary><c>POST /messages</c>: posts a message on a record the caller can read.</summary>
public static class PostMessage
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/messages", HandleAsync)
            .RequireAuthorization(MessageAccess.PostPolicy)
            .Idempotent()
            .WithName("PostMessage")
            .WithSummary("Post a message on a record")
            .WithDescription("Delegates, analysts, monitors and the Secretariat post on records they can read. The message's label defaults to the record's and can never be wider than the record's or than the message it replies to (sharing.label-below-parent).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Created<MessageView>, ProblemHttpResult>> HandleAsync(
        PostMessageRequest request, EntenteDbContext db, LabelledRecords records, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(request, db, records, catalog, time, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/messages/{result.Value!.Id}", MessageViews.Of(result.Value!, catalog.Current))
            : result.Error!.ToProblem();
    }

    public static async Task<Result<Message>> ExecuteAsync(
        PostMessageRequest request, EntenteDbContext db, LabelledRecords records, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        var record = await MessageAccess.FindRecordAsync(records, db, request.Kind, request.Id ?? Guid.Empty, cancellationToken);
        if (!record.IsSuccess)
        {
            return record.Error!;
        }

        Message? replyTo = null;
        if (request.ReplyTo is { } replyId)
        {
            replyTo = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == replyId, cancellationToken);
            if (replyTo is null || replyTo.ParentKind != record.Value!.Kind || replyTo.ParentId != record.Value.Id)
            {
                return MessageAccess.ReplyNotInThread;
            }
        }

        var label = await MessageAccess.ResolveLabelAsync(request.Label, record.Value!, replyTo, null, db, catalog, cancellationToken);
        if (!label.IsSuccess)
        {
            return label.Error!;
        }

        var posted = Message.Post(record.Value!.Kind, record.Value.Id, replyTo?.Id, request.Body, label.Value!,
            MessageAccess.AuthorOf(db.Caller), time.UtcNow());
        if (!posted.IsSuccess)
        {
            return posted.Error!;
        }

        db.Messages.Add(posted.Value!);
        var saved = await MessageAccess.SaveAsync(db, posted.Value!.Id, cancellationToken);
        return saved.IsSuccess ? posted.Value! : saved.Error!;
    }
}
