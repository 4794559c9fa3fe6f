using Entente.Infrastructure;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Identity;
using Entente.Modules.Ledger.Contracts;
using Entente.Modules.Ledger.Files;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Entente.Modules.Ledger.Features;

/// <summary>
/// <c>POST /ledger/imports</c>: checks a CSV or XLSX file of pledges row by row and, unless <c>dryRun=true</c>, stores
/// them all in one transaction — or, when any row is refused, none.
/// </summary>
public static class ImportPledges
{
    /// <summary>The multipart form field that carries the file.</summary>
    public const string FileField = "file";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/ledger/imports", HandleAsync)
            .RequireAuthorization(Policies.RecordPledges)
            .DisableAntiforgery()
            .Idempotent()
            .WithName("ImportPledges")
            .WithSummary("Import pledges from a CSV or XLSX file")
            .WithDescription("Send the file as the multipart/form-data field `file`, in the tracker's row-per-activity layout (see docs/ledger-import.md). Every row is checked with the rules of POST /pledges; the response lists each row with its errors (row number as a spreadsheet shows it, column, message) or the pledge it makes. With dryRun=true nothing is stored (200). Otherwise, when every row passes, all pledges are stored in one transaction (201); when any row fails, nothing is stored (422 with the rows in `rows`). Delegates import their own member's pledges only: a row of another donor is refused. With an Idempotency-Key, a client that lost the response (a dropped connection, a crash) may send the same file again and the pledges are stored once. Files that cannot be read get 400 (unreadable, missing columns, empty), 413 (too large, too many rows) or 415 (not CSV or XLSX).")
            .Produces<ImportReport>(StatusCodes.Status200OK)
            .Produces<ImportReport>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<ImportReport>, Created<ImportReport>, ProblemHttpResult>> HandleAsync(
        HttpContext http, [FromQuery(Name = "dryRun")] bool? dryRun, EntenteDbContext db, ISecurityPolicyCatalog catalog, IFxRates rates,
        PlatformOptions platform, IOptions<LedgerImportOptions> options, IAntiforgery antiforgery, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(antiforgery);

        // A browser session posts a form without a preflight, so a cookie-authenticated import needs the antiforgery
        // token; API tokens travel in a header no other site can set.
        var byToken = db.Caller.AuthenticationMethod?.StartsWith("token:", StringComparison.Ordinal) ?? false;
        if (!byToken && !await antiforgery.IsRequestValidAsync(http))
        {
            return Problem(new ImportFileError("antiforgery-failed",
                "Signed in with a browser session, send the antiforgery token with the form (or use an API token)."));
        }

        var (file, fileError) = await ReadFileAsync(http.Request, options.Value, cancellationToken);
        if (fileError is not null)
        {
            return Problem(fileError);
        }

        var (sheet, sheetError) = PledgeSheetReader.Read(file!.Value.Bytes, file.Value.Name, options.Value);
        if (sheetError is not null)
        {
            return Problem(sheetError);
        }

        var isDryRun = dryRun ?? false;
        var result = await PledgeImporter.RunAsync(sheet!, isDryRun, http.User, db, catalog, rates, platform, time, null, cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var report = result.Value!;
        if (isDryRun)
        {
            return TypedResults.Ok(report);
        }

        return report.Stored ? TypedResults.Created("/api/v1/pledges", report) : Rejected(report);
    }

    /// <summary>The 422 of a file with refused rows: nothing was stored, and <c>rows</c> says why, row by row.</summary>
    public static ProblemHttpResult Rejected(ImportReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var details = new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Type = ProblemTypes.For("ledger.import-rejected"),
            Title = ProblemTypes.RuleViolation.Title,
            Detail = $"{report.Rejected} of {report.Rows} rows cannot be imported, so nothing was stored. Correct the rows listed in `rows` and import the file again.",
        };
        details.Extensions["rows"] = report.Results.Where(r => !r.Accepted)
            .Select(r => new { row = r.Row, errors = r.Errors })
            .ToList();
        details.Extensions["accepted"] = report.Accepted;
        details.Extensions["rejected"] = report.Rejected;
        return TypedResults.Problem(details);
    }

    public static ProblemHttpResult Problem(ImportFileError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return TypedResults.Problem(new ProblemDetails
        {
            Status = error.Status,
            Type = ProblemTypes.For(error.Code),
            Title = ProblemTypes.ForStatus(error.Status).Title,
            Detail = error.Detail,
        });
    }

    /// <summary>The uploaded file's bytes and name, within the configured size.</summary>
    public static async Task<((byte[] Bytes, string Name)? File, ImportFileError? Error)> ReadFileAsync(
        HttpRequest request, LedgerImportOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        if (!request.HasFormContentType)
        {
            return (null, new ImportFileError("ledger.import-no-file",
                $"Send the file as multipart/form-data, in the field '{FileField}'.", StatusCodes.Status415UnsupportedMediaType));
        }

        if (request.ContentLength > options.MaxFileBytes + (64 * 1024))
        {
            return (null, PledgeSheetReader.TooLarge(options));
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            return (null, PledgeSheetReader.TooLarge(options));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, PledgeSheetReader.TooLarge(options));
        }

        var file = form.Files.GetFile(FileField) ?? (form.Files.Count == 1 ? form.Files[0] : null);
        if (file is null)
        {
            return (null, new ImportFileError("ledger.import-no-file", $"Attach the file in the form field '{FileField}'."));
        }

        if (file.Length > options.MaxFileBytes)
        {
            return (null, PledgeSheetReader.TooLarge(options));
        }

        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream((int)file.Length);
        await stream.CopyToAsync(buffer, cancellationToken);
        return ((buffer.ToArray(), file.FileName), null);
    }
}
