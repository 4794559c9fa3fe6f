using System.Globalization;
using CsvHelper;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Audit;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Forces.Features.Requirements;

/// <summary>
/// <c>GET /requirements/export</c>: the statement of requirements the caller may see, with the list's filters, as CSV
/// (RFC 4180, UTF-8 with a byte order mark). The first row is the banner of the most restrictive label in the file;
/// every row carries its own marking. The export is written to the audit chain (filter and count) under that banner.
/// </summary>
public static class ExportRequirements
{
    public const int MaxRows = 10_000;

    private static readonly string[] Headers =
    [
        "code", "status", "component", "capability", "unit_type", "minimum_quantity", "desired_quantity", "notice_to_move_days",
        "minimum_readiness", "sector", "starts_on", "ends_on", "priority", "tasks", "required_roe", "required_command", "notes",
        "version", "classification", "releasable_to", "tlp", "marking", "id",
    ];

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/requirements/export", HandleAsync)
            .RequireAuthorization()
            .WithLabelledExport()
            .WithName("ExportRequirements")
            .WithSummary("Export the statement of requirements as CSV")
            .WithDescription("The lines released to you that the list's filters select (component, capability, priority, sector, status), in code order, at most 10,000. The first row is the banner of the most restrictive label in the file; each row carries its classification, REL TO and TLP. The export is recorded in the audit log.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> HandleAsync(
        HttpContext http, [AsParameters] RequirementFilter filter, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var checkedFilter = filter.Check();
        if (!checkedFilter.IsSuccess)
        {
            return checkedFilter.Error!.ToProblem();
        }

        var lines = await CheckedRequirementFilter.Order(checkedFilter.Value!.Apply(db.RequirementLines.AsNoTracking()))
            .Take(MaxRows + 1).ToListAsync(cancellationToken);
        if (lines.Count > MaxRows)
        {
            return new DomainError("forces.export-too-large", $"The statement holds more than {MaxRows:N0} lines for these filters; narrow them.",
                ErrorKind.RuleViolation).ToProblem();
        }

        var policy = catalog.Current;
        var banner = lines.Select(l => l.Label).Aggregate(Label.Public, AuditLabels.Join);
        LabelledExport.Declare(http, banner);
        db.AppendAudit(db.AuditTrail.Event(AuditActions.Export, "forces_requirement_lines", null,
            new { format = "csv", filter = new { filter.Component, filter.Capability, filter.Priority, filter.Sector, filter.Status }, count = lines.Count },
            AuditLabels.Join(AuditTrail.UnlabelledRecordLabel, banner)));
        await db.SaveChangesAsync(cancellationToken);

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
            csv.WriteField(Marking(banner, policy));
            csv.EndRecord();
            foreach (var header in Headers)
            {
                csv.WriteField(header);
            }

            csv.EndRecord();
            foreach (var line in lines)
            {
                foreach (var cell in Cells(line, policy))
                {
                    csv.WriteField(cell);
                }

                csv.EndRecord();
            }

            await csv.FlushAsync(cancellationToken);
        }

        var today = time.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return TypedResults.File(buffer.ToArray(), "text/csv; charset=utf-8", $"entente-requirements-{today}.csv");
    }

    private static string Marking(Label banner, PolicySnapshot policy) => banner.ReleasableToCodes is [AuditLabels.Nobody]
        ? $"{policy.CodeOf(banner.Classification)} · REL TO no member common to every row: see each row's marking · {banner.Tlp.ToDisplay()}"
        : policy.Describe(banner);

    private static string[] Cells(RequirementLine line, PolicySnapshot policy) =>
    [
        line.Code,
        line.Status.ToString().ToLowerInvariant(),
        line.Component.ToString().ToLowerInvariant(),
        line.Capability.ToString(),
        line.UnitType,
        line.MinimumQuantity.ToString(CultureInfo.InvariantCulture),
        line.DesiredQuantity.ToString(CultureInfo.InvariantCulture),
        line.NoticeToMoveDays.ToString(CultureInfo.InvariantCulture),
        line.MinimumReadiness.ToString(),
        line.SectorCode,
        line.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        line.EndsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        line.Priority.ToString().ToLowerInvariant(),
        string.Join(' ', line.Tasks),
        line.RequiredRoe.ToString(),
        line.RequiredCommand.ToString(),
        line.Notes ?? "",
        line.Version.ToString(CultureInfo.InvariantCulture),
        policy.CodeOf(line.Label.Classification),
        string.Join(' ', line.Label.ReleasableToCodes),
        line.Label.Tlp.ToDisplay(),
        policy.Describe(line.Label),
        line.Id.ToString("D"),
    ];
}
