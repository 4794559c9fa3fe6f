using System.Globalization;
using System.Text;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Entente.Modules.Summits.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Features.Actions;

/// <summary><c>GET /actions/export</c>: the filtered action items the caller may see, as CSV (RFC 4180).</summary>
public static class ExportActionItems
{
    public const int MaxRows = 10_000;

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/actions/export", HandleAsync)
            .RequireAuthorization()
            .WithLabelledExport()
            .WithName("ExportActionItems")
            .WithSummary("Export action items as CSV")
            .WithDescription("The same filters as the list; only what you may see, at most 10,000 rows, soonest due first.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> HandleAsync(
        HttpContext http, [AsParameters] ActionFilter filter, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(catalog);
        if (filter.Check() is { } error)
        {
            return error.ToProblem();
        }

        var today = time.Today();
        var items = await filter.Apply(db.ActionItems.AsNoTracking(), today)
            .OrderBy(a => a.DueOn).ThenBy(a => a.Id).Take(MaxRows).ToListAsync(cancellationToken);
        var banner = items.Select(a => a.Label).Aggregate(Label.Public, AuditLabels.Join);
        LabelledExport.Declare(http, banner);
        var csv = new StringBuilder(Field(catalog.Current.Describe(banner)) + "\r\nid,title,owner_member,owner_name,due_on,status,overdue,origin_kind,origin_id,origin_title,label\r\n");
        foreach (var item in items)
        {
            csv.AppendJoin(',',
                item.Id.ToString(),
                Field(item.Title),
                item.OwnerMember,
                Field(item.OwnerName),
                item.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Wire(item.Status),
                item.IsOverdueOn(today) ? "true" : "false",
                item.OriginKind.ToString().ToLowerInvariant(),
                item.OriginId?.ToString() ?? "",
                Field(item.OriginTitle),
                Field(catalog.Current.Describe(item.Label)));
            csv.Append("\r\n");
        }

        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"actions-{today:yyyy-MM-dd}.csv");
    }

    private static string Wire(ActionStatus status) => status switch
    {
        ActionStatus.Open => "open",
        ActionStatus.InProgress => "inProgress",
        ActionStatus.Done => "done",
        ActionStatus.Cancelled => "cancelled",
        _ => status.ToString(),
    };

    /// <summary>Quotes a field when needed; a leading formula character is neutralised so spreadsheets do not run it.</summary>
    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
