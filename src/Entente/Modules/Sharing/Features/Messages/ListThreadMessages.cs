using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Entente.Modules.Sharing.Features.Messages;

/// <summary>Which thread: the record's kind and id.</summary>
public sealed record ThreadQuery
{
    [Required]
    [StringLength(32)]
    [FromQuery(Name = "kind")]
    public string? Kind { get; init; }

    [Required]
    [FromQuery(Name = "id")]
    public Guid? Id { get; init; }
}

/// <summary><c>GET /messages?kind=&amp;id=</c>: the thread of a record, oldest first, only the messages the caller may read.</summary>
public static class ListThreadMessages
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/messages", HandleAsync)
            .RequireAuthorization()
            .WithName("ListThreadMessages")
            .WithSummary("Read the message thread of a record")
            .WithDescription("The messages on a meeting, an event, an offer or any other labelled record, oldest first. A message may be more restricted than its record: you see (and the total counts) only the messages released to you. A record you cannot see has no thread for you (404).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<ThreadView>, ProblemHttpResult>> HandleAsync(
        [AsParameters] ThreadQuery query, [AsParameters] PageRequest page, EntenteDbContext db, LabelledRecords records,
        ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(query.Kind, query.Id ?? Guid.Empty, page, db, records, catalog, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Result<ThreadView>> ExecuteAsync(
        string? kind, Guid id, PageRequest page, EntenteDbContext db, LabelledRecords records, ISecurityPolicyCatalog catalog,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var record = await MessageAccess.FindRecordAsync(records, db, kind, id, cancellationToken);
        if (!record.IsSuccess)
        {
            return record.Error!;
        }

        var policy = catalog.Current;
        var paged = await MessageAccess.Thread(db, record.Value!.Kind, id)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .ToPagedAsync(page, m => MessageViews.Of(m, policy), cancellationToken);
        return new ThreadView(MessageViews.Of(record.Value!, policy), paged.Items, paged.Page, paged.PageSize, paged.Total);
    }
}
