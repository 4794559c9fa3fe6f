using System.Globalization;
using Entente.Modules.Monitoring.Contracts;

namespace Entente.Modules.Monitoring.Pages;

/// <summary>Reads a map page's query string leniently (a wrong value is ignored and named), and writes it back for the API.</summary>
public static class MapPageFilter
{
    public static (MapFilter Filter, string? Problem) Read(string? layer, string? from, string? to, string? type, string? zone, string? status,
        string? source, Guid? agreement, bool? violations)
    {
        string? problem = null;
        DateTimeOffset? Date(string? text, bool end)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                return end ? start.AddDays(1).AddTicks(-1) : start;
            }

            problem ??= $"'{text}' is not a date.";
            return null;
        }

        var f = Date(from, false);
        var t = Date(to, true);
        var parsed = MapFilter.Parse(layer, f, t, type, zone, status, source, agreement, violations);
        if (parsed.IsSuccess)
        {
            return (parsed.Value!, problem);
        }

        // Drop the one wrong value and keep the rest.
        var field = parsed.Error!.Field;
        var retry = MapFilter.Parse(field == "layer" ? null : layer, f, field == "to" ? null : t, field == "type" ? null : type, zone,
            field == "status" ? null : status, field == "source" ? null : source, agreement, violations);
        return (retry.IsSuccess ? retry.Value! : new MapFilter(), parsed.Error.Detail);
    }

    /// <summary>The filter as a query string for the API, with its leading '?', or empty.</summary>
    public static string Query(MapFilter f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var parts = new List<string>();
        if (f.Layer == MapLayer.Observations)
        {
            parts.Add("layer=observations");
        }

        if (f.From is { } from)
        {
            parts.Add("from=" + Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture)));
        }

        if (f.To is { } to)
        {
            parts.Add("to=" + Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture)));
        }

        if (f.Type is { } type)
        {
            parts.Add("type=" + MonitoringText.Code(type));
        }

        if (f.Zone is { } zone)
        {
            parts.Add("zone=" + Uri.EscapeDataString(zone));
        }

        if (f.Status is { } status)
        {
            parts.Add("status=" + MonitoringText.Code(status));
        }

        if (f.SourceKind is { } kind)
        {
            parts.Add("source=" + MonitoringText.Code(kind));
        }

        if (f.AgreementId is { } agreement)
        {
            parts.Add("agreement=" + agreement.ToString("D"));
        }

        if (f.ViolationsOnly)
        {
            parts.Add("violations=true");
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
