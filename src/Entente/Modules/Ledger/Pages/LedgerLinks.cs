using System.Globalization;
using Entente.Infrastructure.Text;
using Entente.Modules.Ledger.Domain;
using Entente.Modules.Ledger.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace Entente.Modules.Ledger.Pages;

/// <summary>Links that carry the ledger's filters, in the query-string spelling the pages and the API share.</summary>
public static class LedgerLinks
{
    /// <summary>The filter as query parameters; defaults are left out so that links stay short.</summary>
    public static Dictionary<string, string?> Query(LedgerFilter filter, bool withSort = true)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["donor"] = filter.Donor,
            ["category"] = filter.Category is { } c ? EnumText.ToText(c) : null,
            ["type"] = filter.Type is { } t ? EnumText.ToText(t) : null,
            ["channel"] = filter.Channel is { } ch ? EnumText.ToText(ch) : null,
            ["status"] = filter.Status is { } s ? EnumText.ToText(s) : null,
            ["kind"] = filter.Kind switch
            {
                null => "all",
                MeasureKind.Aid => null,
                var k => EnumText.ToText(k.Value),
            },
            ["from"] = filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["q"] = filter.Text,
        };
        if (withSort && filter.Sort != PledgeSort.Announced)
        {
            query["sort"] = EnumText.ToText(filter.Sort);
        }

        if (withSort && filter.Descending != (filter.Sort == PledgeSort.Announced))
        {
            query["desc"] = filter.Descending ? "true" : "false";
        }

        return query;
    }

    public static string With(string path, LedgerFilter filter, bool withSort = true, params (string Name, string? Value)[] extra)
    {
        var query = Query(filter, withSort);
        foreach (var (name, value) in extra)
        {
            query[name] = value;
        }

        return QueryHelpers.AddQueryString(path, query.Where(p => p.Value is not null));
    }

    /// <summary>The export of the filtered view: <c>/api/v1/ledger/export?format=csv</c> and the filters.</summary>
    public static string Export(LedgerFilter filter, string format) => With("/api/v1/ledger/export", filter, true, ("format", format));

    public static string Pledge(Guid id) => $"/ledger/pledges/{id}";

    public static string Donor(string code) => $"/ledger/donors/{Uri.EscapeDataString(code)}";
}

/// <summary>Reads the ledger's query string on a page, where a stale or hand-edited link shows what it can rather than fail.</summary>
public static class LedgerQueryText
{
    public static (LedgerFilter Filter, string? Problem) Read(
        string? q, string? donor, string? category, string? type, string? channel, string? status, string? kind,
        string? from, string? to, string? sort, string? desc)
    {
        var problems = new List<string>();
        var fromDate = Date(from, "start", problems);
        var toDate = Date(to, "end", problems);
        bool? descending = null;
        if (!string.IsNullOrWhiteSpace(desc))
        {
            if (bool.TryParse(desc, out var d))
            {
                descending = d;
            }
            else
            {
                problems.Add("The order must be desc=true or desc=false.");
            }
        }

        var query = new LedgerQuery
        {
            Q = q is { Length: > LedgerQuery.MaxSearchLength } ? q[..LedgerQuery.MaxSearchLength] : q,
            Donor = donor is { Length: > 8 } ? null : donor,
            Category = category,
            Type = type,
            Channel = channel,
            Status = status,
            Kind = kind,
            From = fromDate,
            To = toDate,
            Sort = sort,
            Desc = descending,
        };
        var filter = LedgerFilter.Lenient(query, out var errors);
        problems.AddRange(errors.Select(e => e.Detail));
        if (errors.Any(e => e.Field == "to"))
        {
            filter = filter with { To = null };
        }

        return (filter, problems.Count == 0 ? null : string.Join(" ", problems));
    }

    private static DateOnly? Date(string? text, string which, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems.Add($"The {which} of the period must be a date such as 2025-06-30.");
        return null;
    }
}
