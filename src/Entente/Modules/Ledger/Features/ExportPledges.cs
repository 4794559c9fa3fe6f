using System.Data;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;
using Entente.Modules.Audit;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Ledger.Domain;
using Entente.Modules.Ledger.Files;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Entente.Modules.Ledger.Features;

/// <summary>The file formats of <c>GET /ledger/export</c>.</summary>
public enum ExportFormat
{
    Csv,
    Xlsx,
    Json,
}

/// <summary>
/// <c>GET /ledger/export</c>: every pledge of a filtered view that the caller may see, as CSV, XLSX or JSON. Rows carry
/// their own marking; the file opens with the banner of the most restrictive label in it (the highest classification
/// and TLP, released only to the members every row is released to). The export is written to the audit chain — the
/// filter, the format and the count — under that banner's label, before any row leaves.
/// </summary>
public static class ExportPledges
{
    /// <summary>XLSX worksheets hold 1,048,576 rows; the banner and the header take two.</summary>
    public const int MaxRows = 1_048_000;

    public const string MarkingHeader = LabelledExport.MarkingHeader;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/ledger/export", HandleAsync)
            .AllowAnonymous()
            .WithLabelledExport()
            .WithName("ExportPledges")
            .WithSummary("Export pledges as CSV, XLSX or JSON")
            .WithDescription("Every pledge released to you (anonymous callers: PUBLIC ones) that the ledger's filters select — the same filters as GET /pledges, without paging — as format=csv (default), xlsx or json. CSV and XLSX follow the import layout (docs/ledger-import.md), so a CSV export imports again; each row carries its classification, REL TO and TLP, and the first row is the banner of the most restrictive label in the file, also sent in the Entente-Marking header. The export is recorded in the audit log with its filter and count.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> HandleAsync(
        HttpContext http, [AsParameters] LedgerQuery query, [FromQuery(Name = "format")] string? format, EntenteDbContext db,
        ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        if (!EnumText.TryParse<ExportFormat>(format, out var parsedFormat))
        {
            return DomainError.Invalid("format", "Export as csv, xlsx or json.").ToProblem();
        }

        var filter = LedgerFilter.Parse(query);
        if (!filter.IsSuccess)
        {
            return filter.Error!.ToProblem();
        }

        var result = await WriteAsync(http.Response, parsedFormat ?? ExportFormat.Csv, filter.Value!, query, db, catalog.Current, time,
            http.RequestServices, cancellationToken);
        return result.IsSuccess ? TypedResults.Empty : result.Error!.ToProblem();
    }

    /// <summary>Writes the export to <paramref name="response"/>, or returns why it cannot (nothing written then).</summary>
    public static async Task<Result> WriteAsync(
        HttpResponse response, ExportFormat format, LedgerFilter filter, LedgerQuery query, EntenteDbContext db, PolicySnapshot policy,
        TimeProvider time, IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(time);

        // One snapshot for the banner, the count and the rows: a pledge recorded meanwhile cannot slip in under a
        // banner that does not cover it.
        await using var snapshot = await BeginSnapshotAsync(db, cancellationToken);
        var pledges = filter.Apply(db.Pledges.AsNoTracking());
        var summary = await SummariseAsync(pledges, cancellationToken);
        if (summary.Count > MaxRows)
        {
            return new DomainError("ledger.export-too-large",
                $"The view holds {summary.Count:N0} pledges; an export holds at most {MaxRows:N0}. Narrow the filters.", ErrorKind.RuleViolation);
        }

        var banner = summary.Labels.Aggregate(Label.Public, AuditLabels.Join);
        var marking = Marking(banner, policy);
        LabelledExport.Declare(response.HttpContext, banner);
        await RecordExportAsync(services, format, query, summary.Count, banner, cancellationToken);

        var now = time.GetUtcNow().UtcDateTime;
        var name = FormattableString.Invariant($"entente-ledger-{now:yyyyMMdd-HHmmss}-{policy.CodeOf(banner.Classification).ToLowerInvariant().Replace(' ', '-')}");
        response.Headers[MarkingHeader] = marking;
        response.Headers.CacheControl = "no-store";
        var rows = Project(filter.Order(pledges));
        var reads = new ReadRecorder(db);
        switch (format)
        {
            case ExportFormat.Csv:
                response.ContentType = "text/csv; charset=utf-8";
                response.Headers.ContentDisposition = $"attachment; filename=\"{name}.csv\"";
                await WriteCsvAsync(response.Body, marking, rows.AsAsyncEnumerable(), policy, reads, cancellationToken);
                break;
            case ExportFormat.Xlsx:
                response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                response.Headers.ContentDisposition = $"attachment; filename=\"{name}.xlsx\"";
                await WriteXlsxAsync(response.Body, marking, rows.AsEnumerable(), policy, reads, cancellationToken);
                break;
            case ExportFormat.Json:
                response.ContentType = "application/json; charset=utf-8";
                response.Headers.ContentDisposition = $"attachment; filename=\"{name}.json\"";
                await WriteJsonAsync(response.Body, marking, banner, policy, query, summary.Count, now, rows.AsAsyncEnumerable(), reads, cancellationToken);
                break;
        }

        return Result.Success;
    }

    /// <summary>The banner line of a label; a file whose rows share no member says so rather than name one.</summary>
    public static string Marking(Label label, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(policy);
        if (label.ReleasableToCodes is [AuditLabels.Nobody])
        {
            return $"{policy.CodeOf(label.Classification)} · REL TO no member common to every row: see each row's marking · {label.Tlp.ToDisplay()}";
        }

        return policy.Describe(label);
    }

    /// <summary>A row as exports write it: the pledge's fields, its label and its sources in order.</summary>
    public sealed record ExportRow(
        Guid Id, string Donor, MeasureKind Kind, DateOnly AnnouncedOn, string Measure, AidCategory Category, AidType Type, string? Explanation,
        string? Item, long? Quantity, long? Amount, string Currency, ValuationBasis Valuation, long? ValueEur, DateOnly? RateDate,
        FundingChannel Channel, PledgeStatus Status, long CommittedEur, long AllocatedEur, long DeliveredEur, long? DeliveredQuantity,
        Guid? ParentId, Label Label, IReadOnlyList<Citation> Sources);

    private sealed record Summary(int Count, IReadOnlyList<Label> Labels);

    private static async Task<Summary> SummariseAsync(IQueryable<Pledge> pledges, CancellationToken cancellationToken)
    {
        var groups = await pledges
            .GroupBy(p => new { p.Label.Policy, p.Label.Classification, p.Label.ReleasableTo, p.Label.SharingGroupId, p.Label.Originator, p.Label.Tlp, p.Label.Categories })
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new Summary(groups.Sum(g => g.Count), [.. groups.Select(g => new Label
        {
            Policy = g.Key.Policy,
            Classification = g.Key.Classification,
            ReleasableTo = g.Key.ReleasableTo,
            SharingGroupId = g.Key.SharingGroupId,
            Originator = g.Key.Originator,
            Tlp = g.Key.Tlp,
            Categories = g.Key.Categories,
        })]);
    }

    private static IQueryable<ExportRow> Project(IQueryable<Pledge> pledges) => pledges.Select(p => new ExportRow(
        p.Id, p.DonorCode, p.Kind, p.AnnouncedOn, p.Measure, p.Category, p.Type, p.Explanation, p.Item, p.Quantity, p.Amount, p.Currency,
        p.Valuation, p.ValueEur, p.RateDate, p.Channel, p.Status, p.CommittedEur, p.AllocatedEur, p.DeliveredEur, p.DeliveredQuantity,
        p.ParentId,
        new Label
        {
            Policy = p.Label.Policy,
            Classification = p.Label.Classification,
            ReleasableTo = p.Label.ReleasableTo,
            SharingGroupId = p.Label.SharingGroupId,
            Originator = p.Label.Originator,
            Tlp = p.Label.Tlp,
            Categories = p.Label.Categories,
        },
        p.Sources.OrderBy(s => s.Position).Select(s => s.Citation).ToList()));

    /// <summary>The export event, stored through a context of its own before the first row is written.</summary>
    private static async Task RecordExportAsync(IServiceProvider services, ExportFormat format, LedgerQuery query, int count, Label banner, CancellationToken cancellationToken)
    {
        await using var audit = ActivatorUtilities.CreateInstance<EntenteDbContext>(services);
        var filter = new Dictionary<string, object?>
        {
            ["donor"] = query.Donor,
            ["category"] = query.Category,
            ["type"] = query.Type,
            ["channel"] = query.Channel,
            ["status"] = query.Status,
            ["kind"] = query.Kind,
            ["from"] = query.From,
            ["to"] = query.To,
            ["q"] = query.Q,
        }.Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value);
        audit.AppendAudit(audit.AuditTrail.Event(AuditActions.Export, "ledger_pledges", null,
            new { format = EnumText.ToText(format), filter, count },
            AuditLabels.Join(AuditTrail.UnlabelledRecordLabel, banner)));
        await audit.SaveChangesAsync(cancellationToken);
    }

    private static async Task<IAsyncDisposable> BeginSnapshotAsync(EntenteDbContext db, CancellationToken cancellationToken)
    {
        if (db.IsPostgres)
        {
            return await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        }

        // A deferred transaction takes no write lock: in WAL mode it reads one snapshot while others write.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var transaction = connection.BeginTransaction(deferred: true);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        return new SqliteSnapshot(db, transaction);
    }

    private sealed class SqliteSnapshot(EntenteDbContext db, SqliteTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await db.Database.UseTransactionAsync(null);
            await transaction.DisposeAsync();
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Records the reads of restricted pledges the export hands out, as loading them as entities would.</summary>
    private sealed class ReadRecorder(EntenteDbContext db)
    {
        private readonly string _table = db.Model.FindEntityType(typeof(Pledge))?.GetTableName() ?? "ledger_pledges";

        public void Saw(ExportRow row)
        {
            if (!db.CurrentScope.IsSystem && row.Label.Classification >= db.ReadAuditThreshold)
            {
                db.ReadAudit.Record(_table, row.Id.ToString("D"), row.Label);
            }
        }
    }

    /// <summary>The columns of CSV and XLSX exports: the import layout, then columns for readers that imports skip.</summary>
    private static readonly IReadOnlyList<string> Headers = [.. PledgeColumns.Canonical.Select(c => c.Header), .. PledgeColumns.ExportOnly];

    private static IReadOnlyList<object?> Cells(ExportRow r, PolicySnapshot policy)
    {
        var source = r.Sources.Count > 0 ? r.Sources[0] : null;
        var euro = (long? cents) => cents is { } c ? PledgeValues.FormatMajor(c, "EUR") : null;
        return
        [
            r.Donor,
            r.AnnouncedOn,
            r.Measure,
            r.Kind == MeasureKind.Aid ? "aid" : "defence-industrial",
            r.Category.ToString().ToLowerInvariant(),
            AidTypes.Display(r.Type),
            r.Explanation,
            r.Item,
            r.Quantity,
            r.Currency,
            r.Amount is { } amount ? PledgeValues.FormatMajor(amount, r.Currency) : null,
            AidTypes.Display(r.Valuation),
            AidTypes.Display(r.Channel),
            source?.Url,
            source?.Publisher,
            source?.PublishedOn,
            source?.Quote,
            policy.CodeOf(r.Label.Classification),
            string.Join(", ", r.Label.ReleasableToCodes),
            r.Label.Tlp.ToDisplay(),
            r.Label.Originator,
            r.Id.ToString("D"),
            AidTypes.Display(r.Status),
            euro(r.ValueEur),
            euro(r.CommittedEur),
            euro(r.AllocatedEur),
            euro(r.DeliveredEur),
            r.DeliveredQuantity,
            r.RateDate,
            r.ParentId?.ToString("D"),
            string.Join("\n", r.Sources.Skip(1).Select(s => s.Url ?? s.Publisher)),
            policy.Describe(r.Label),
        ];
    }

    private static async Task WriteCsvAsync(
        Stream body, string marking, IAsyncEnumerable<ExportRow> rows, PolicySnapshot policy, ReadRecorder reads, CancellationToken cancellationToken)
    {
        // The writer fills a buffer synchronously; the buffer goes out asynchronously every few hundred rows. UTF-8
        // with a byte order mark, so spreadsheet programs do not read it in a local code page; text that a
        // spreadsheet would run as a formula gets an apostrophe first (the import takes it off).
        using var buffer = new MemoryStream();
        await using var csv = CsvWriter.Create(buffer, new CsvWriterOptions
        {
            WriteByteOrderMark = true,
            Injection = CsvInjection.Escape,
            InjectionEscape = '\'',
            InjectionCharacters = "=+-@\t\r",
            NewLine = "\r\n",

            // The banner is one field above the header row.
            ValidateFieldCount = false,
        }, leaveOpen: true);
        async Task SendAsync()
        {
            await csv.FlushAsync(cancellationToken);
            await body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
            buffer.SetLength(0);
        }

        csv.WriteField(marking);
        csv.EndRecord();
        foreach (var header in Headers)
        {
            csv.WriteField(header);
        }

        csv.EndRecord();
        var written = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            reads.Saw(row);
            foreach (var cell in Cells(row, policy))
            {
                csv.WriteField(CsvText(cell));
            }

            csv.EndRecord();
            if (++written % 200 == 0)
            {
                await SendAsync();
            }
        }

        await SendAsync();
    }

    private static string CsvText(object? cell) => cell switch
    {
        null => "",
        string s => s,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    private static async Task WriteXlsxAsync(
        Stream body, string marking, IEnumerable<ExportRow> rows, PolicySnapshot policy, ReadRecorder reads, CancellationToken cancellationToken)
    {
        // The workbook is a ZIP archive written synchronously; it goes to a temporary file first, then out.
        var path = Path.Combine(Path.GetTempPath(), $"entente-export-{Guid.NewGuid():N}.xlsx");
        try
        {
            var keys = Enumerable.Range(0, Headers.Count).Select(i => "c" + i.ToString("D2", CultureInfo.InvariantCulture)).ToArray();
            IEnumerable<Dictionary<string, object?>> Sheet()
            {
                var bannerRow = keys.ToDictionary(k => k, _ => (object?)null);
                bannerRow[keys[0]] = marking;
                yield return bannerRow;
                yield return keys.Select((k, i) => (k, (object?)Headers[i])).ToDictionary(x => x.k, x => x.Item2);
                foreach (var row in rows)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    reads.Saw(row);
                    var cells = Cells(row, policy);
                    yield return keys.Select((k, i) => (k, XlsxValue(cells[i]))).ToDictionary(x => x.k, x => x.Item2);
                }
            }

            await Task.Run(() =>
            {
                using var file = File.Create(path);
                MiniExcel.SaveAs(file, Sheet(), printHeader: false, sheetName: "Pledges", excelType: ExcelType.XLSX);
            }, cancellationToken);
            await using var read = File.OpenRead(path);
            await read.CopyToAsync(body, cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static object? XlsxValue(object? cell) => cell switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        string s => s.Length == 0 ? null : s,
        long n => n,
        _ => cell,
    };

    private static async Task WriteJsonAsync(
        Stream body, string marking, Label banner, PolicySnapshot policy, LedgerQuery query, int count, DateTime exportedAt,
        IAsyncEnumerable<ExportRow> rows, ReadRecorder reads, CancellationToken cancellationToken)
    {
        // The serializer flushes synchronously; it writes to a buffer that goes out asynchronously every few rows.
        using var buffer = new MemoryStream();
        await using var json = new Utf8JsonWriter(buffer);
        async Task SendAsync()
        {
            await json.FlushAsync(cancellationToken);
            await body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
            buffer.SetLength(0);
        }

        json.WriteStartObject();
        json.WriteString("marking", marking);
        json.WritePropertyName("label");
        JsonSerializer.Serialize(json, LabelView.From(banner, policy), Json);
        json.WriteString("exportedAt", exportedAt);
        json.WritePropertyName("filter");
        JsonSerializer.Serialize(json, query, Json);
        json.WriteNumber("count", count);
        json.WriteStartArray("pledges");
        var written = 0;
        await foreach (var r in rows.WithCancellation(cancellationToken))
        {
            reads.Saw(r);
            JsonSerializer.Serialize(json, new
            {
                r.Id,
                r.Donor,
                r.Kind,
                r.AnnouncedOn,
                r.Measure,
                r.Category,
                r.Type,
                r.Explanation,
                r.Item,
                r.Quantity,
                r.Amount,
                r.Currency,
                r.Valuation,
                ValueEurCents = r.ValueEur,
                r.RateDate,
                r.Channel,
                r.Status,
                CommittedEurCents = r.CommittedEur,
                AllocatedEurCents = r.AllocatedEur,
                DeliveredEurCents = r.DeliveredEur,
                r.DeliveredQuantity,
                r.ParentId,
                Sources = r.Sources.Select(LedgerViews.View),
                Label = LabelView.From(r.Label, policy),
            }, Json);
            if (++written % 200 == 0)
            {
                await SendAsync();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await SendAsync();
    }
}
