using System.Text;
using System.Text.Json;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Identity;
using Entente.Modules.Monitoring.Contracts;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Entente.Modules.Monitoring.Features;

/// <summary>The filters of a map view in the query string; every one optional.</summary>
public sealed record MapViewQuery
{
    /// <summary><c>events</c> (default) or <c>observations</c>.</summary>
    [FromQuery(Name = "layer")]
    public string? Layer { get; init; }

    [FromQuery(Name = "from")]
    public DateTimeOffset? From { get; init; }

    [FromQuery(Name = "to")]
    public DateTimeOffset? To { get; init; }

    [FromQuery(Name = "type")]
    public string? Type { get; init; }

    /// <summary>Part of a zone's name.</summary>
    [FromQuery(Name = "zone")]
    public string? Zone { get; init; }

    [FromQuery(Name = "status")]
    public string? Status { get; init; }

    /// <summary>Source kind: monitorTeam, machineFeed or openSource.</summary>
    [FromQuery(Name = "source")]
    public string? Source { get; init; }

    [FromQuery(Name = "agreement")]
    public Guid? Agreement { get; init; }

    [FromQuery(Name = "violations")]
    public bool? Violations { get; init; }

    /// <summary>At most this many points (default and maximum 20,000).</summary>
    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }

    public Result<MapFilter> ToFilter() => MapFilter.Parse(Layer, From, To, Type, Zone, Status, Source, Agreement, Violations);
}

public sealed record OblastCount(string Iso, string Name, int Count);

public sealed record OblastCounts(string Layer, int Total, int OutsideUkraine, IReadOnlyList<OblastCount> Oblasts);

/// <summary>
/// <c>/monitoring/...</c>: the map's data (a bounded GeoJSON FeatureCollection of what the caller may see), counts
/// per oblast, the offline base map, exports of any view as GeoJSON or ACLED-style CSV, and the import of
/// ACLED-style CSV as open-source observations through the ingest pipeline.
/// </summary>
public static class MonitoringMap
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/monitoring/map", MapAsync).WithName("GetMonitoringMap").WithSummary("Events or observations on the map")
            .WithDescription("A GeoJSON FeatureCollection (RFC 7946) of the events (or, with layer=observations, the observations) you may see that match the filters, newest first, at most limit points; the member 'truncated' is true when there were more.")
            .Produces(StatusCodes.Status200OK, contentType: "application/geo+json").ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/monitoring/oblast-counts", OblastCountsAsync).WithName("GetMonitoringOblastCounts").WithSummary("Counts per oblast")
            .WithDescription("How many of the events (or observations) you may see that match the filters lie in each oblast of Ukraine, within its internationally recognised borders.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/monitoring/base-map", GetBaseMap).AllowAnonymous().WithName("GetMonitoringBaseMap").WithSummary("The offline base map")
            .WithDescription("One GeoJSON FeatureCollection: the neighbouring countries (Natural Earth admin-0 1:50m, clipped to the region, with Ukraine's oblasts cut out of them), then Ukraine's oblasts within its internationally recognised borders (geoBoundaries ADM1, CC BY 4.0, simplified); properties layer (country or oblast), iso and name.")
            .Produces(StatusCodes.Status200OK, contentType: "application/geo+json");
        group.MapGet("/monitoring/export", ExportAsync).WithLabelledExport().WithName("ExportMonitoringView").WithSummary("Export a map view")
            .WithDescription("The view's events or observations as a GeoJSON file (format=geojson) or as ACLED-style CSV (format=acled; columns, precision codes and type mapping in docs/monitoring-acled.md).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/monitoring/import/acled", ImportAcledAsync).RequireAuthorization(Policies.FileObservations).Idempotent()
            .WithName("ImportAcled").WithSummary("Import ACLED-style CSV")
            .WithDescription("Each row becomes an open-source observation keyed by source ACLED and its event_id_cnty, through the same pipeline as the batch API: a row imported before is a duplicate, a bad row is rejected with its reason. Optional query: classification (default RESTRICTED).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> MapAsync(
        [AsParameters] MapViewQuery query, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(catalog);
        var filter = query.ToFilter();
        if (!filter.IsSuccess)
        {
            return filter.Error!.ToProblem();
        }

        var (items, truncated) = await MapQuery.ItemsAsync(db, filter.Value!, query.Limit ?? MapQuery.MaxItems, cancellationToken);
        return TypedResults.File(GeoJson(items, truncated, catalog.Current), "application/geo+json");
    }

    public static async Task<Results<Ok<OblastCounts>, ProblemHttpResult>> OblastCountsAsync(
        [AsParameters] MapViewQuery query, EntenteDbContext db, OblastIndex oblasts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = query.ToFilter();
        if (!filter.IsSuccess)
        {
            return filter.Error!.ToProblem();
        }

        var (perOblast, outside) = await MapQuery.OblastCountsAsync(db, filter.Value!, oblasts, cancellationToken);
        return TypedResults.Ok(new OblastCounts(filter.Value!.Layer == MapLayer.Events ? "events" : "observations", perOblast.Sum(c => c.Count) + outside,
            outside, [.. perOblast.Select(c => new OblastCount(c.Oblast.Iso, c.Oblast.Name, c.Count))]));
    }

    public static IResult GetBaseMap(BaseMap baseMap, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(baseMap);
        ArgumentNullException.ThrowIfNull(context);

        // Reference data that changes only with a release: cache it, unlike the API's other answers.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.CacheControl = "public, max-age=86400";
            return Task.CompletedTask;
        });
        return TypedResults.Text(baseMap.GeoJson, "application/geo+json", Encoding.UTF8);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(
        HttpContext http, [AsParameters] MapViewQuery query, [FromQuery(Name = "format")] string? format, EntenteDbContext db, ISecurityPolicyCatalog catalog,
        OblastIndex oblasts, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(time);
        var filter = query.ToFilter();
        if (!filter.IsSuccess)
        {
            return filter.Error!.ToProblem();
        }

        var kind = (format ?? "geojson").Trim().ToLowerInvariant();
        if (kind is not ("geojson" or "acled"))
        {
            return DomainError.Invalid("format", "The format is geojson or acled.").ToProblem();
        }

        var (items, truncated) = await MapQuery.ItemsAsync(db, filter.Value!, query.Limit ?? MapQuery.MaxItems, cancellationToken);
        LabelledExport.Declare(http, items.Select(i => i.Label).Distinct().Aggregate(Label.Public, AuditLabels.Join));
        var stamp = time.GetUtcNow().ToString("yyyyMMdd-HHmm", System.Globalization.CultureInfo.InvariantCulture);
        var layer = filter.Value!.Layer == MapLayer.Events ? "events" : "observations";
        if (kind == "geojson")
        {
            return TypedResults.File(GeoJson(items, truncated, catalog.Current), "application/geo+json", $"monitoring-{layer}-{stamp}.geojson");
        }

        using var body = new MemoryStream();
        await Acled.WriteAsync(body, items, oblasts, cancellationToken);
        return TypedResults.File(body.ToArray(), "text/csv; charset=utf-8", $"monitoring-{layer}-{stamp}-acled.csv");
    }

    public static async Task<Results<Ok<IngestResult>, ProblemHttpResult>> ImportAcledAsync(
        HttpRequest request, [FromQuery(Name = "classification")] string? classification, ObservationIngest ingest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ingest);
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType != "text/csv")
        {
            var problem = new DomainError("monitoring.batch-media-type", "Send the ACLED-style file as CSV (Content-Type: text/csv).", ErrorKind.Validation).ToProblem();
            problem.ProblemDetails.Status = StatusCodes.Status415UnsupportedMediaType;
            return problem;
        }

        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        IReadOnlyList<(int Row, Dictionary<string, string> Cells)> rows;
        try
        {
            rows = Acled.Read(text);
        }
        catch (CsvHelper.CsvFormatException ex)
        {
            return DomainError.Invalid("body", $"The CSV is malformed near line {ex.LineNumber}: a quote is not closed or a field is badly quoted.").ToProblem();
        }

        if (rows.Count == 0)
        {
            return DomainError.Invalid("body", "The file has no rows below its header.").ToProblem();
        }

        if (rows.Count > ObservationIngest.MaxRows)
        {
            return DomainError.Invalid("body", $"A file holds at most {ObservationIngest.MaxRows:N0} rows; split it.").ToProblem();
        }

        var good = new List<IngestRow>();
        var bad = new List<IngestRowResult>();
        foreach (var (row, cells) in rows)
        {
            if (Acled.ToInput(cells, classification, out var error) is { } input)
            {
                good.Add(new IngestRow(row, input));
            }
            else
            {
                bad.Add(new IngestRowResult(row, "rejected", null, null, "monitoring.acled-row", null, error));
            }
        }

        var result = await ingest.IngestAsync(good, classification, cancellationToken);
        return TypedResults.Ok(bad.Count == 0 ? result : result with
        {
            Rejected = result.Rejected + bad.Count,
            Rows = [.. result.Rows.Concat(bad).OrderBy(r => r.Row)],
        });
    }

    /// <summary>The items as an RFC 7946 FeatureCollection, with a foreign member <c>truncated</c>.</summary>
    public static byte[] GeoJson(IReadOnlyList<MapItem> items, bool truncated, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(policy);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteBoolean("truncated", truncated);
            w.WriteStartArray("features");
            foreach (var i in items)
            {
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteString("id", i.Id);
                w.WriteStartObject("geometry");
                w.WriteString("type", "Point");
                w.WriteStartArray("coordinates");
                w.WriteNumberValue(Math.Round(i.Longitude, 6));
                w.WriteNumberValue(Math.Round(i.Latitude, 6));
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteStartObject("properties");
                w.WriteString("layer", i.Layer == MapLayer.Events ? "event" : "observation");
                w.WriteString("type", Camel(i.Type));
                w.WriteString("family", Camel(i.Family));
                w.WriteString("startsAt", DateTime.SpecifyKind(i.StartsAt, DateTimeKind.Utc));
                w.WriteString("endsAt", DateTime.SpecifyKind(i.EndsAt, DateTimeKind.Utc));
                w.WriteNumber("count", i.Count);
                w.WriteString("weapon", Camel(i.Weapon));
                w.WriteBoolean("violation", i.IsViolation);
                w.WriteString("geoPrecision", Camel(i.GeoPrecision));
                w.WriteNumber("acledGeoPrecision", Acled.PrecisionCode(i.GeoPrecision));
                if (i.Zones is not null)
                {
                    w.WriteString("zones", i.Zones);
                }

                if (i.Status is { } status)
                {
                    w.WriteString("status", Camel(status));
                }

                if (i.SourceKind is { } kind)
                {
                    w.WriteString("sourceKind", Camel(kind));
                    w.WriteString("source", i.Source);
                    w.WriteString("sourceRef", i.SourceRef);
                }

                if (i.EventId is { } eventId)
                {
                    w.WriteString("eventId", eventId);
                }

                w.WriteNumber("observations", i.ObservationCount);
                w.WriteString("label", policy.Describe(i.Label));
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string Camel<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
