using System.Globalization;
using System.Text;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Forces.Features.Offers;

/// <summary><c>GET /offers/export</c>: the filtered offers the caller may see, as CSV (RFC 4180).</summary>
public static class ExportOffers
{
    public const int MaxRows = 10_000;

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/offers/export", HandleAsync)
            .RequireAuthorization()
            .WithLabelledExport()
            .WithName("ExportOffers")
            .WithSummary("Export national offers as CSV")
            .WithDescription("The same filters as the list; only what you may see, at most 10,000 rows, with caveats and conditions in words and the label of each row.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> HandleAsync(
        HttpContext http, [AsParameters] OfferFilter filter, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(catalog);
        if (filter.Check() is { } error)
        {
            return error.ToProblem();
        }

        var offers = await filter.Apply(db.Offers.AsNoTracking().Include(o => o.Conditions))
            .OrderBy(o => o.MemberCode).ThenBy(o => o.Capability).ThenBy(o => o.Id).Take(MaxRows).ToListAsync(cancellationToken);
        var banner = offers.Select(o => o.Label).Aggregate(Label.Public, AuditLabels.Join);
        LabelledExport.Declare(http, banner);
        var csv = new StringBuilder(
            Field(catalog.Current.Describe(banner)) + "\r\n" +
            "id,member,capability,component,unit_type,quantity,indivisible,notice_to_move_days,readiness,available_from,available_until,status,caveats,conditions,version,label\r\n");
        foreach (var o in offers)
        {
            csv.AppendJoin(',',
                o.Id.ToString(),
                o.MemberCode,
                EnumText.ToText(o.Capability),
                EnumText.ToText(o.Component),
                Field(o.UnitType),
                o.Quantity.ToString(CultureInfo.InvariantCulture),
                o.Indivisible ? "true" : "false",
                o.NoticeToMoveDays.ToString(CultureInfo.InvariantCulture),
                ForcesVocabulary.LevelCode(o.Readiness),
                o.AvailableFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                o.AvailableUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                EnumText.ToText(o.Status),
                Field(OfferText.CaveatSummary(o.Caveats)),
                Field(string.Join("; ", o.Conditions.OrderBy(c => c.Sequence).Select(OfferText.Describe))),
                o.Version.ToString(CultureInfo.InvariantCulture),
                Field(catalog.Current.Describe(o.Label)));
            csv.Append("\r\n");
        }

        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"offers-{time.Today():yyyy-MM-dd}.csv");
    }

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
