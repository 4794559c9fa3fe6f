using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;
using Entente.Modules.Identity;
using Entente.Modules.Monitoring.Contracts;
using Entente.Modules.Monitoring.Domain;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Monitoring.Features;

/// <summary>Filters of <c>GET /observations</c>.</summary>
public sealed record ObservationQuery
{
    [FromQuery(Name = "from")]
    public DateTimeOffset? From { get; init; }

    [FromQuery(Name = "to")]
    public DateTimeOffset? To { get; init; }

    [StringLength(32)]
    [FromQuery(Name = "type")]
    public string? Type { get; init; }

    [StringLength(Observation.MaxSourceLength)]
    [FromQuery(Name = "source")]
    public string? Source { get; init; }

    [FromQuery(Name = "eventId")]
    public Guid? EventId { get; init; }

    [FromQuery(Name = "violation")]
    public bool? Violation { get; init; }
}

/// <summary>
/// <c>/observations</c>: file one observation, ingest a batch (JSON lines or CSV), and read what was filed.
/// </summary>
public static class Observations
{
    public const string DefaultClassification = "RESTRICTED";

    public static DomainError NotFound { get; } = DomainError.NotFound("The observation");

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPost("/observations", FileAsync).RequireAuthorization(Policies.FileObservations).Idempotent()
            .WithName("FileObservation").WithSummary("File an observation")
            .WithDescription("One observation from a monitor team, a feed or an open source. It is checked, placed in the agreement in force (zones, distance to the line, side, violations) and linked into an event. Filing the same source and source id again answers 200 with the stored observation.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/observations/batch", IngestAsync).RequireAuthorization(Policies.FileObservations).Idempotent()
            .WithName("IngestObservations").WithSummary("Ingest a batch of observations")
            .WithDescription("A body of JSON lines (application/x-ndjson, one observation per line) or CSV (text/csv, a header row naming the fields). Each row is keyed by (source, sourceRef): a resent row is reported as a duplicate and stored once. Answers per-row results: stored, duplicate, or rejected with the field and reason; good rows are stored, bad rows never. Optional query: classification (default RESTRICTED) for rows that give none.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/observations", ListAsync).WithName("ListObservations").WithSummary("List observations")
            .WithDescription("Observations released to you, newest first, filtered by time, type, source, event and violation.");
        group.MapGet("/observations/{id:guid}", GetAsync).WithName("GetObservation").WithSummary("Get an observation")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Created<ObservationView>, Ok<ObservationView>, ProblemHttpResult>> FileAsync(
        ObservationInput request, ObservationIngest ingest, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ingest);
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ingest.IngestAsync([new IngestRow(1, request)], DefaultClassification, cancellationToken);
        var row = result.Rows[0];
        if (row.Outcome == "rejected")
        {
            return new DomainError(row.Code ?? "validation", row.Message ?? "The observation is not valid.", ErrorKind.Validation, row.Field).ToProblem();
        }

        var stored = await db.Observations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == row.ObservationId, cancellationToken);
        if (stored is null)
        {
            // A duplicate of an observation filed under a label the caller cannot read: say no more than that.
            return new DomainError("monitoring.duplicate", "An observation with this source and source id is already stored.", ErrorKind.Conflict, "sourceRef").ToProblem();
        }

        var view = MonitoringViews.View(stored, catalog.Current);
        return row.Outcome == "stored" ? TypedResults.Created($"/api/v1/observations/{stored.Id}", view) : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<IngestResult>, ProblemHttpResult>> IngestAsync(
        HttpRequest request, [FromQuery(Name = "classification")] string? classification, ObservationIngest ingest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ingest);
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        using var reader = new StreamReader(request.Body);
        var rows = mediaType switch
        {
            "application/x-ndjson" or "application/jsonl" or "application/json-lines" or "application/jsonlines" => await ReadJsonLinesAsync(reader, cancellationToken),
            "text/csv" => await ReadCsvAsync(reader, cancellationToken),
            _ => new DomainError("monitoring.batch-media-type",
                "Send the batch as JSON lines (Content-Type: application/x-ndjson) or CSV (Content-Type: text/csv).", ErrorKind.Validation),
        };
        if (!rows.IsSuccess)
        {
            var problem = rows.Error!.ToProblem();
            if (rows.Error!.Code == "monitoring.batch-media-type")
            {
                problem.ProblemDetails.Status = StatusCodes.Status415UnsupportedMediaType;
            }

            return problem;
        }

        var parsed = rows.Value!;
        if (parsed.Rows.Count == 0 && parsed.Malformed.Count == 0)
        {
            return DomainError.Invalid("body", "The batch is empty.").ToProblem();
        }

        var result = await ingest.IngestAsync(parsed.Rows, classification, cancellationToken);
        if (parsed.Malformed.Count == 0)
        {
            return TypedResults.Ok(result);
        }

        var all = result.Rows.Concat(parsed.Malformed).OrderBy(r => r.Row).ToList();
        return TypedResults.Ok(result with { Rejected = result.Rejected + parsed.Malformed.Count, Rows = all });
    }

    public static async Task<Results<Ok<Paged<ObservationView>>, ProblemHttpResult>> ListAsync(
        [AsParameters] ObservationQuery query, [AsParameters] PageRequest page, EntenteDbContext db, ISecurityPolicyCatalog catalog,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(catalog);
        IQueryable<Observation> observations = db.Observations.AsNoTracking();
        if (query.From is { } from)
        {
            var f = from.UtcDateTime;
            observations = observations.Where(o => o.ObservedTo >= f);
        }

        if (query.To is { } to)
        {
            var t = to.UtcDateTime;
            observations = observations.Where(o => o.ObservedFrom <= t);
        }

        if (query.Type is not null)
        {
            if (!EnumText.TryParseRequired<ObservationType>(query.Type, out var type))
            {
                return DomainError.Invalid("type", EnumText.Refusal<ObservationType>(query.Type, "a type of the SMM vocabulary")).ToProblem();
            }

            observations = observations.Where(o => o.Type == type);
        }

        if (query.Source is { } source)
        {
            observations = observations.Where(o => o.Source == source);
        }

        if (query.EventId is { } eventId)
        {
            observations = observations.Where(o => o.EventId == eventId);
        }

        if (query.Violation is { } violation)
        {
            observations = observations.Where(o => o.IsViolation == violation);
        }

        var policy = catalog.Current;
        return TypedResults.Ok(await observations.OrderByDescending(o => o.ObservedFrom).ThenBy(o => o.Id)
            .ToPagedAsync(page, o => MonitoringViews.View(o, policy), cancellationToken));
    }

    public static async Task<Results<Ok<ObservationView>, ProblemHttpResult>> GetAsync(
        Guid id, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var observation = await db.Observations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        return observation is null ? NotFound.ToProblem() : TypedResults.Ok(MonitoringViews.View(observation, catalog.Current));
    }

    /// <summary>A batch as read: the rows that parsed, and the rows that did not (each reported as rejected, never stored).</summary>
    public sealed record ParsedBatch(IReadOnlyList<IngestRow> Rows, IReadOnlyList<IngestRowResult> Malformed);

    private static readonly JsonSerializerOptions LineJson = new(JsonSerializerDefaults.Web);

    /// <summary>Reads a JSON-lines batch; public so the parser fuzzing harness calls it exactly as the endpoint does.</summary>
    public static async Task<Result<ParsedBatch>> ReadJsonLinesAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var rows = new List<IngestRow>();
        var malformed = new List<IngestRowResult>();
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (rows.Count + malformed.Count >= ObservationIngest.MaxRows)
            {
                return TooMany();
            }

            try
            {
                var input = JsonSerializer.Deserialize<ObservationInput>(line, LineJson);
                if (input is null)
                {
                    malformed.Add(Malformed(number, "The line is not a JSON object."));
                    continue;
                }

                rows.Add(new IngestRow(number, input));
            }
            catch (JsonException ex)
            {
                malformed.Add(Malformed(number, $"The line is not valid JSON for an observation: {ex.Message}"));
            }
        }

        return new ParsedBatch(rows, malformed);
    }

    /// <summary>Reads a CSV batch; public so the parser fuzzing harness calls it exactly as the endpoint does.</summary>
    public static async Task<Result<ParsedBatch>> ReadCsvAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var text = await reader.ReadToEndAsync(cancellationToken);
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            Mode = CsvMode.Rfc4180,
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            IncludeValuesInExceptions = false,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        };
        var rows = new List<IngestRow>();
        var malformed = new List<IngestRowResult>();
        try
        {
            using var csv = CsvReader.FromText(text, options);
            if (!csv.Read())
            {
                return DomainError.Invalid("body", "The CSV has no header row.");
            }

            var header = new string[csv.FieldCount];
            for (var i = 0; i < header.Length; i++)
            {
                header[i] = Normalise(csv.GetString(i));
                if (header[i].Length > 0 && !CsvFields.ContainsKey(header[i]))
                {
                    return DomainError.Invalid("body", $"Unknown column '{csv.GetString(i)}' in the header. Columns are named after the JSON fields (sourceKind, source, sourceRef, observedFrom, latitude, longitude, type, ...).");
                }
            }

            var row = 1;
            while (csv.Read())
            {
                row++;
                if (rows.Count + malformed.Count >= ObservationIngest.MaxRows)
                {
                    return TooMany();
                }

                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < Math.Min(header.Length, csv.FieldCount); i++)
                {
                    var value = csv.GetString(i);
                    if (header[i].Length > 0 && !string.IsNullOrWhiteSpace(value))
                    {
                        values[header[i]] = value.Trim();
                    }
                }

                var input = FromCells(values, out var error);
                if (input is null)
                {
                    malformed.Add(Malformed(row, error!));
                }
                else
                {
                    rows.Add(new IngestRow(row, input));
                }
            }
        }
        catch (CsvFormatException ex)
        {
            return DomainError.Invalid("body", $"The CSV is malformed near line {ex.LineNumber}: a quote is not closed or a field is badly quoted.");
        }

        return new ParsedBatch(rows, malformed);
    }

    private static readonly Dictionary<string, string> CsvFields = typeof(ObservationInput).GetProperties()
        .ToDictionary(p => Normalise(p.Name), p => p.Name, StringComparer.Ordinal);

    private static string Normalise(string header) =>
        new([.. header.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant)]);

    /// <summary>A CSV row as an observation input: numbers and times parsed invariantly, each failure named.</summary>
    private static ObservationInput? FromCells(Dictionary<string, string> v, out string? error)
    {
        error = null;
        string? S(string name) => v.GetValueOrDefault(Normalise(name));
        var failed = new List<string>();
        double? D(string name) => S(name) is { } t
            ? double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : Fail<double>(name)
            : null;
        int? I(string name) => S(name) is { } t
            ? int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : Fail<int>(name)
            : null;
        DateTime? T(string name) => S(name) is { } t
            ? DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dt) ? dt.UtcDateTime : Fail<DateTime>(name)
            : null;
        T? Fail<T>(string name)
            where T : struct
        {
            failed.Add(name);
            return null;
        }

        var input = new ObservationInput
        {
            SourceKind = S(nameof(ObservationInput.SourceKind)),
            Source = S(nameof(ObservationInput.Source)),
            SourceRef = S(nameof(ObservationInput.SourceRef)),
            ObservedFrom = T(nameof(ObservationInput.ObservedFrom)),
            ObservedTo = T(nameof(ObservationInput.ObservedTo)),
            TimePrecision = S(nameof(ObservationInput.TimePrecision)),
            Latitude = D(nameof(ObservationInput.Latitude)),
            Longitude = D(nameof(ObservationInput.Longitude)),
            GeoPrecision = S(nameof(ObservationInput.GeoPrecision)),
            ObserverLatitude = D(nameof(ObservationInput.ObserverLatitude)),
            ObserverLongitude = D(nameof(ObservationInput.ObserverLongitude)),
            BearingDegrees = D(nameof(ObservationInput.BearingDegrees)),
            DistanceBand = S(nameof(ObservationInput.DistanceBand)),
            Means = S(nameof(ObservationInput.Means)),
            Type = S(nameof(ObservationInput.Type)),
            Count = I(nameof(ObservationInput.Count)),
            Weapon = S(nameof(ObservationInput.Weapon)),
            CalibreMm = I(nameof(ObservationInput.CalibreMm)),
            AttributedParty = S(nameof(ObservationInput.AttributedParty)),
            Confidence = S(nameof(ObservationInput.Confidence)),
            Notes = S(nameof(ObservationInput.Notes)),
            CitationUrl = S(nameof(ObservationInput.CitationUrl)),
            Classification = S(nameof(ObservationInput.Classification)),
            ReleasableTo = S(nameof(ObservationInput.ReleasableTo)),
        };
        if (failed.Count > 0)
        {
            error = $"Cannot read {string.Join(", ", failed.Select(f => char.ToLowerInvariant(f[0]) + f[1..]))}: numbers use a decimal point, times ISO 8601.";
            return null;
        }

        return input;
    }

    private static DomainError TooMany() => new("monitoring.batch-too-large",
        $"A batch holds at most {ObservationIngest.MaxRows:N0} rows; send the rest in further batches.", ErrorKind.Validation, "body");

    private static IngestRowResult Malformed(int row, string message) => new(row, "rejected", null, null, "monitoring.row-malformed", null, message);
}
