using System.Globalization;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Monitoring.Domain;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.TrueType;
using UglyToad.PdfPig.Fonts.TrueType.Parser;
using UglyToad.PdfPig.Writer;

namespace Entente.Modules.Monitoring.Features;

/// <summary>A region's count in one section, this period and the previous one.</summary>
public sealed record RegionCount(string Region, ReportSection Section, int Count, int Previous);

public sealed record ReportEntryView(Guid Id, ReportSection Section, string Region, ObservationType Type, int Observations, int Count, string Text, LabelView Label);

/// <summary>A daily report as one reader sees it; <c>Marking</c> is the join of the report's label and every entry shown.</summary>
public sealed record ReportView(Guid Id, DateOnly Day, DateTime PeriodFrom, DateTime PeriodTo, ReportStatus Status, string Summary,
    IReadOnlyList<RegionCount> Regions, IReadOnlyList<ReportEntryView> Entries, DateTime? ReleasedAt, string? ReleasedBy, int Version,
    LabelView Label, LabelView Marking);

public sealed record EditReportInput
{
    public string? Summary { get; init; }

    public LabelInput? Label { get; init; }

    /// <summary>New texts of entries, by entry id.</summary>
    public IReadOnlyDictionary<Guid, string>? Entries { get; init; }

    /// <summary>The report's version when it was read; when given, an edit of a report changed since is refused (409).</summary>
    public int? ExpectedVersion { get; init; }
}

/// <summary>One line of the list of reports: what a reader needs to pick a day, without the figures.</summary>
public sealed record ReportSummary(DateOnly Day, ReportStatus Status, DateTime? ReleasedAt, string? ReleasedBy, DateTime? EditedAt, int Version, LabelView Label);

/// <summary><c>/reports</c>: the daily reports; drafts for the Secretariat and analysts, released reports for their readers.</summary>
public static class Reports
{
    public static DomainError NotFound { get; } = DomainError.NotFound("The report");

    public static DomainError ChangedMeanwhile(int current) => new("monitoring.report-changed",
        $"The report was changed by someone else (it is now at version {current}). Reload it, check the changes and edit it again.",
        ErrorKind.Conflict, "expectedVersion");

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/reports", ListAsync).AllowAnonymous().WithName("ListReports").WithSummary("List daily reports");
        group.MapGet("/reports/{day}", GetAsync).AllowAnonymous().WithName("GetReport").WithSummary("Get a daily report")
            .WithDescription("Counts per region against the previous day and the sections, built only from the entries released to you.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/reports/{day}/pdf", PdfAsync).AllowAnonymous().WithLabelledExport().WithName("GetReportPdf").WithSummary("A daily report as PDF")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/reports/{day}", EditAsync).RequireAuthorization(MonitoringModule.WriteReports)
            .WithName("EditReport").WithSummary("Edit a draft daily report")
            .WithDescription("Replaces the summary, the label and the texts of the entries named (by id); what is not sent stays. Send the version you read as expectedVersion: an edit of a report changed since is a 409. A released report does not change (422).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/reports/{day}/release", ReleaseAsync).RequireAuthorization(MonitoringModule.WriteReports)
            .WithName("ReleaseReport").WithSummary("Release a daily report")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    public static async Task<Ok<List<ReportView>>> ListAsync(HttpContext http, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var drafts = CanSeeDrafts(http);
        var days = await db.DailyReports.AsNoTracking().Where(r => drafts || r.Status == ReportStatus.Released)
            .OrderByDescending(r => r.Day).Take(60).Select(r => r.Day).ToListAsync(cancellationToken);
        var views = new List<ReportView>();
        foreach (var day in days)
        {
            views.Add((await LoadAsync(db, catalog, day, drafts, cancellationToken))!);
        }

        return TypedResults.Ok(views);
    }

    public static async Task<Results<Ok<ReportView>, ProblemHttpResult>> GetAsync(
        string day, HttpContext http, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var view = ParseDay(day) is { } d ? await LoadAsync(db, catalog, d, CanSeeDrafts(http), cancellationToken) : null;
        return view is null ? NotFound.ToProblem() : TypedResults.Ok(view);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PdfAsync(
        string day, HttpContext http, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var view = ParseDay(day) is { } d ? await LoadAsync(db, catalog, d, CanSeeDrafts(http), cancellationToken) : null;
        if (view is null)
        {
            return NotFound.ToProblem();
        }

        LabelledExport.Declare(http, view.Marking.ToLabel());
        return TypedResults.File(Pdf(view), "application/pdf", $"daily-report-{view.Day:yyyy-MM-dd}.pdf");
    }

    public static async Task<Results<Ok<ReportView>, ProblemHttpResult>> EditAsync(
        string day, EditReportInput request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        var edited = await ExecuteEditAsync(day, request, db, catalog, time, cancellationToken);
        return edited.IsSuccess
            ? TypedResults.Ok((await LoadAsync(db, catalog, edited.Value, true, cancellationToken))!)
            : edited.Error!.ToProblem();
    }

    /// <summary>The edit of a draft, for the API and the edit page alike; on any error nothing is stored.</summary>
    public static async Task<Result<DateOnly>> ExecuteEditAsync(
        string day, EditReportInput request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var d = ParseDay(day);
        var report = d is null ? null : await db.DailyReports.Include(r => r.Entries).FirstOrDefaultAsync(r => r.Day == d, cancellationToken);
        if (report is null)
        {
            return NotFound;
        }

        // A released report answers that it was released (below), whatever version the client saw.
        if (report.Status == ReportStatus.Draft && request.ExpectedVersion is { } expected && expected != report.Version)
        {
            return ChangedMeanwhile(report.Version);
        }

        Label? label = null;
        if (request.Label is not null)
        {
            var resolved = await LabelRules.ResolveAsync(request.Label, db.Caller, catalog, db, report.Label, cancellationToken: cancellationToken);
            if (!resolved.IsSuccess)
            {
                return resolved.Error!;
            }

            label = resolved.Value;
        }

        var edited = report.Edit(request.Summary, label, request.Entries ?? new Dictionary<Guid, string>(), db.Caller.ActorName, time.GetUtcNow().UtcDateTime);
        if (!edited.IsSuccess)
        {
            return edited.Error!;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.DailyReports.AsNoTracking().IgnoreQueryFilters().Where(r => r.Id == report.Id).Select(r => r.Version).FirstOrDefaultAsync(cancellationToken);
            return ChangedMeanwhile(current);
        }

        return report.Day;
    }

    public static async Task<Results<Ok<ReportView>, ProblemHttpResult>> ReleaseAsync(
        string day, [Microsoft.AspNetCore.Mvc.FromQuery] int? expectedVersion, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var released = await ExecuteReleaseAsync(day, expectedVersion, db, time, cancellationToken);
        return released.IsSuccess
            ? TypedResults.Ok((await LoadAsync(db, catalog, released.Value, true, cancellationToken))!)
            : released.Error!.ToProblem();
    }

    /// <summary>Releases a draft; with <paramref name="expectedVersion"/>, only the version the releaser read (so an edit made meanwhile is not released unseen).</summary>
    public static async Task<Result<DateOnly>> ExecuteReleaseAsync(string day, int? expectedVersion, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var d = ParseDay(day);
        var report = d is null ? null : await db.DailyReports.FirstOrDefaultAsync(r => r.Day == d, cancellationToken);
        if (report is null)
        {
            return NotFound;
        }

        if (report.Status == ReportStatus.Draft && expectedVersion is { } expected && expected != report.Version)
        {
            return ChangedMeanwhile(report.Version);
        }

        var released = report.Release(db.Caller.ActorName, time.GetUtcNow().UtcDateTime);
        if (!released.IsSuccess)
        {
            return released.Error!;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.DailyReports.AsNoTracking().IgnoreQueryFilters().Where(r => r.Id == report.Id).Select(r => r.Version).FirstOrDefaultAsync(cancellationToken);
            return ChangedMeanwhile(current);
        }

        return report.Day;
    }

    /// <summary>The reports the caller may read, newest first: drafts only for <see cref="CanSeeDrafts(System.Security.Claims.ClaimsPrincipal)"/>, and only under labels it may read.</summary>
    public static async Task<List<ReportSummary>> SummariesAsync(EntenteDbContext db, ISecurityPolicyCatalog catalog, bool drafts, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var policy = catalog.Current;
        var reports = await db.DailyReports.AsNoTracking().Where(r => drafts || r.Status == ReportStatus.Released)
            .OrderByDescending(r => r.Day).Take(take).ToListAsync(cancellationToken);
        return [.. reports.Select(r => new ReportSummary(r.Day, r.Status, r.ReleasedAt, r.ReleasedBy, r.EditedAt, r.Version, LabelView.From(r.Label, policy)))];
    }

    /// <summary>
    /// The report of <paramref name="day"/> as the caller may read it: the report itself through the label filter, its
    /// entries through the label filter too, and the previous day's entries likewise for the comparison.
    /// </summary>
    public static async Task<ReportView?> LoadAsync(EntenteDbContext db, ISecurityPolicyCatalog catalog, DateOnly day, bool drafts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var report = await db.DailyReports.AsNoTracking().FirstOrDefaultAsync(r => r.Day == day && (drafts || r.Status == ReportStatus.Released), cancellationToken);
        if (report is null)
        {
            return null;
        }

        var policy = catalog.Current;
        var entries = await db.DailyReportEntries.AsNoTracking().Where(e => e.ReportId == report.Id).ToListAsync(cancellationToken);
        var previousDay = day.AddDays(-1);
        var previous = await db.DailyReports.AsNoTracking().Where(r => r.Day == previousDay)
            .Join(db.DailyReportEntries.AsNoTracking(), r => r.Id, e => e.ReportId, (r, e) => e).ToListAsync(cancellationToken);
        var regions = entries.Select(e => (e.Region, e.Section)).Concat(previous.Select(e => (e.Region, e.Section))).Distinct()
            .OrderBy(x => x.Region, StringComparer.Ordinal).ThenBy(x => x.Section)
            .Select(x => new RegionCount(x.Region, x.Section,
                entries.Where(e => e.Region == x.Region && e.Section == x.Section).Sum(e => e.Count),
                previous.Where(e => e.Region == x.Region && e.Section == x.Section).Sum(e => e.Count)))
            .ToList();
        var marking = entries.Select(e => e.Label).Distinct().Aggregate(report.Label, AuditLabels.Join);
        return new ReportView(report.Id, report.Day, report.PeriodFrom, report.PeriodTo, report.Status, report.Summary, regions,
            [.. entries.OrderBy(e => e.Section).ThenBy(e => e.Region, StringComparer.Ordinal).ThenBy(e => e.Type)
                .Select(e => new ReportEntryView(e.Id, e.Section, e.Region, e.Type, e.Observations, e.Count, e.Text, LabelView.From(e.Label, policy)))],
            report.ReleasedAt, report.ReleasedBy, report.Version, LabelView.From(report.Label, policy), LabelView.From(marking, policy));
    }

    public static string Title(ReportSection section) => section switch
    {
        ReportSection.CeasefireViolations => "Ceasefire violations",
        ReportSection.WeaponsInViolation => "Weapons in violation of withdrawal lines",
        ReportSection.CivilianCasualties => "Civilian casualties",
        ReportSection.FreedomOfMovement => "Restrictions of freedom of movement",
    };

    public static DateOnly? ParseDay(string day) =>
        DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static bool CanSeeDrafts(HttpContext http) => CanSeeDrafts(http.User);

    /// <summary>Drafts are for those who write and check reports: the Secretariat, analysts and administrators.</summary>
    public static bool CanSeeDrafts(System.Security.Claims.ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Identity.Domain.Roles.Secretariat) || user.IsInRole(Identity.Domain.Roles.Administrator)
            || user.IsInRole(Identity.Domain.Roles.Analyst);
    }

    /// <summary>
    /// The report as a PDF in DejaVu Sans, embedded (subset to the characters used) so that oblast and place names in
    /// Cyrillic render as written; A4, wrapped lines.
    /// </summary>
    public static byte[] Pdf(ReportView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var builder = new PdfDocumentBuilder();
        var regular = new PdfFont(builder.AddTrueTypeFont(ReportFonts.Regular));
        var bold = new PdfFont(builder.AddTrueTypeFont(ReportFonts.Bold));
        PdfPageBuilder? page = null;
        double y = 0;
        void Line(string text, double size, PdfFont font)
        {
            foreach (var part in Wrap(text, size))
            {
                if (page is null || y < 60)
                {
                    page = builder.AddPage(PageSize.A4);
                    page.AddText(regular.Printable(view.Marking.Marking), 8, new PdfPoint(50, 810), regular.Font);
                    y = 780;
                }

                page.AddText(font.Printable(part), size, new PdfPoint(50, y), font.Font);
                y -= size * 1.4;
            }
        }

        Line($"Daily report {view.Day:d MMMM yyyy}{(view.Status == ReportStatus.Draft ? " (draft)" : "")}", 16, bold);
        Line($"Period {view.PeriodFrom:yyyy-MM-dd HH:mm} to {view.PeriodTo:yyyy-MM-dd HH:mm} UTC", 9, regular);
        Line(view.Summary, 10, regular);
        Line("Summary by region (this period / previous period)", 12, bold);
        foreach (var r in view.Regions)
        {
            Line($"{r.Region} - {Title(r.Section)}: {r.Count} / {r.Previous}", 10, regular);
        }

        foreach (var section in Enum.GetValues<ReportSection>())
        {
            Line(Title(section), 12, bold);
            var entries = view.Entries.Where(e => e.Section == section).ToList();
            if (entries.Count == 0)
            {
                Line("Nothing recorded.", 10, regular);
            }

            foreach (var e in entries)
            {
                Line(e.Text, 10, regular);
            }
        }

        return builder.Build();
    }

    private static IEnumerable<string> Wrap(string text, double size)
    {
        var max = (int)(495 / (size * 0.5));
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' '))
            {
                if (line.Length + word.Length + 1 > max && line.Length > 0)
                {
                    yield return line;
                    line = "";
                }

                line = line.Length == 0 ? word : line + " " + word;
            }

            yield return line;
        }
    }

    /// <summary>
    /// An embedded font of one PDF and the characters written with it so far. A simple TrueType font in a PDF addresses
    /// at most 255 characters, so past <see cref="MaxCharacters"/> distinct ones, and for any character the font has no
    /// glyph for, '?' is written instead of failing the whole report.
    /// </summary>
    private sealed class PdfFont(PdfDocumentBuilder.AddedFont font)
    {
        private const int MaxCharacters = 250;

        private readonly HashSet<char> _used = [];

        public PdfDocumentBuilder.AddedFont Font { get; } = font;

        public string Printable(string text) => new([.. text.Select(Printable)]);

        private char Printable(char c)
        {
            if (c == ' ' || _used.Contains(c))
            {
                return c;
            }

            if (char.IsControl(c))
            {
                return ' ';
            }

            if (char.IsSurrogate(c) || !ReportFonts.HasGlyph(c) || _used.Count >= MaxCharacters)
            {
                _used.Add('?');
                return '?';
            }

            _used.Add(c);
            return c;
        }
    }
}

/// <summary>
/// DejaVu Sans, regular and bold, embedded in the assembly from the npm package dejavu-fonts-ttf (licence: the
/// resource Entente.Fonts.DejaVu-LICENSE). It covers Latin, Greek and Cyrillic among others.
/// </summary>
internal static class ReportFonts
{
    private static readonly Lazy<byte[]> RegularBytes = new(() => Load("Entente.Fonts.DejaVuSans.ttf"));
    private static readonly Lazy<byte[]> BoldBytes = new(() => Load("Entente.Fonts.DejaVuSans-Bold.ttf"));
    private static readonly Lazy<TrueTypeFont> Parsed = new(() => TrueTypeFontParser.Parse(new TrueTypeDataBytes(RegularBytes.Value)));

    public static byte[] Regular => RegularBytes.Value;

    public static byte[] Bold => BoldBytes.Value;

    /// <summary>Whether the font draws the character (the bold face covers the same characters as the regular one).</summary>
    public static bool HasGlyph(char c) =>
        Parsed.Value.TableRegister.CMapTable.TryGetGlyphIndex(c, out var glyph) && glyph != 0;

    private static byte[] Load(string name)
    {
        using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
