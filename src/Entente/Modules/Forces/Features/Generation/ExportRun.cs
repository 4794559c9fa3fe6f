using System.Globalization;
using CsvHelper;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Audit;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Forces.Features.Generation;

/// <summary>
/// <c>GET /force-generation/runs/{id}/export</c>: a run's assignments as CSV (RFC 4180, UTF-8 with a byte order mark),
/// under a first row with the run's marking; the export is written to the audit chain under the run's label.
/// </summary>
public static class ExportRun
{
    private static readonly string[] Headers =
        ["line_code", "member", "quantity", "national_approval_per_use", "offer_id", "line_id", "run_id", "scenario", "status"];

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/force-generation/runs/{id:guid}/export", HandleAsync)
            .RequireAuthorization()
            .WithLabelledExport()
            .WithName("ExportForceGenerationRun")
            .WithSummary("Export a run's assignments as CSV")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> HandleAsync(
        Guid id, HttpContext http, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var run = await RunAccess.FindAsync(db, id, cancellationToken);
        if (run is null)
        {
            return GenerationAccess.RunNotFound.ToProblem();
        }

        db.AppendAudit(db.AuditTrail.Event(AuditActions.Export, "forces_runs", run.Id.ToString("D"),
            new { format = "csv", count = run.Assignments.Count }, AuditLabels.Join(AuditTrail.UnlabelledRecordLabel, run.Label)));
        await db.SaveChangesAsync(cancellationToken);

        LabelledExport.Declare(http, run.Label);
        using var buffer = new MemoryStream();
        await using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions
        {
            WriteByteOrderMark = true,
            Injection = CsvInjection.Escape,
            InjectionEscape = '\'',
            InjectionCharacters = "=+-@\t\r",
            NewLine = "\r\n",
            ValidateFieldCount = false,
        }, leaveOpen: true))
        {
            csv.WriteField(catalog.Current.Describe(run.Label));
            csv.EndRecord();
            foreach (var header in Headers)
            {
                csv.WriteField(header);
            }

            csv.EndRecord();
            foreach (var a in run.Assignments.OrderBy(a => a.Sequence))
            {
                string[] cells =
                [
                    a.LineCode, a.MemberCode, a.Quantity.ToString(CultureInfo.InvariantCulture), a.NationalApprovalPerUse ? "yes" : "no",
                    a.OfferId.ToString("D"), a.LineId.ToString("D"), run.Id.ToString("D"), run.ScenarioName,
                    run.ProvenOptimal ? "optimal" : "best found so far, not proven optimal",
                ];
                foreach (var cell in cells)
                {
                    csv.WriteField(cell);
                }

                csv.EndRecord();
            }

            await csv.FlushAsync(cancellationToken);
        }

        return TypedResults.File(buffer.ToArray(), "text/csv; charset=utf-8", $"entente-force-generation-{run.Id:N}.csv");
    }
}
