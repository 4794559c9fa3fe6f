using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;

namespace Entente.Modules.Monitoring.Domain;

public enum ReportStatus
{
    Draft,
    Released,
}

/// <summary>The sections of a daily report, in the order of the OSCE SMM's reports.</summary>
public enum ReportSection
{
    CeasefireViolations,
    WeaponsInViolation,
    CivilianCasualties,
    FreedomOfMovement,
}

/// <summary>
/// The daily report for one reporting day: the period from the previous day's cut-off to this day's. Its own
/// <see cref="Label"/> covers the Secretariat's narrative (<see cref="Summary"/>); its figures are
/// <see cref="DailyReportEntry"/> rows, each under the label of the observations it counts, so a reader sees
/// the narrative and exactly the entries released to it (see ADR on report labels).
/// </summary>
/// <remarks>Invariant: one report per <see cref="Day"/>; once released, nothing in it changes.</remarks>
public sealed class DailyReport : ILabelled
{
    public const int MaxSummaryLength = 20_000;

    private readonly List<DailyReportEntry> _entries = [];

    private DailyReport()
    {
    }

    public DailyReport(DateOnly day, DateTime periodFrom, DateTime periodTo, string summary, Label label, DateTime now)
    {
        Id = Guid.CreateVersion7();
        Day = day;
        PeriodFrom = periodFrom;
        PeriodTo = periodTo;
        Summary = summary;
        Label = label;
        GeneratedAt = now;
        Status = ReportStatus.Draft;
    }

    public Guid Id { get; private set; }

    /// <summary>The reporting day (in the reporting time zone).</summary>
    public DateOnly Day { get; private set; }

    /// <summary>UTC start (exclusive) and end (inclusive) of the period: the cut-offs of the day before and of this day.</summary>
    public DateTime PeriodFrom { get; private set; }

    public DateTime PeriodTo { get; private set; }

    public string Summary { get; private set; } = "";

    public Label Label { get; private set; } = Label.Public;

    public ReportStatus Status { get; private set; }

    public DateTime GeneratedAt { get; private set; }

    public DateTime? EditedAt { get; private set; }

    public string? EditedBy { get; private set; }

    public DateTime? ReleasedAt { get; private set; }

    public string? ReleasedBy { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<DailyReportEntry> Entries => _entries;

    public void Add(DailyReportEntry entry) => _entries.Add(entry);

    public Result Edit(string? summary, Label? label, IReadOnlyDictionary<Guid, string> entryTexts, string by, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(entryTexts);
        if (Status == ReportStatus.Released)
        {
            return Released();
        }

        if (summary is { Length: > MaxSummaryLength })
        {
            return DomainError.Invalid("summary", $"The summary is at most {MaxSummaryLength:N0} characters.");
        }

        foreach (var (id, text) in entryTexts)
        {
            var entry = _entries.FirstOrDefault(e => e.Id == id);
            if (entry is null)
            {
                return DomainError.Invalid("entries", $"The report has no entry {id}.");
            }

            var edited = entry.Edit(text);
            if (!edited.IsSuccess)
            {
                return edited;
            }
        }

        Summary = summary ?? Summary;
        Label = label ?? Label;
        EditedAt = now;
        EditedBy = by;
        Version++;
        return Result.Success;
    }

    public Result Release(string by, DateTime now)
    {
        if (Status == ReportStatus.Released)
        {
            return Released();
        }

        Status = ReportStatus.Released;
        ReleasedAt = now;
        ReleasedBy = by;
        Version++;
        return Result.Success;
    }

    private DomainError Released() => new("monitoring.report-released",
        $"The report for {Day:yyyy-MM-dd} was released on {ReleasedAt:yyyy-MM-dd HH:mm} UTC by {ReleasedBy}; a released report does not change.",
        ErrorKind.RuleViolation);
}

/// <summary>
/// One line of a report section: the observations of one type in one region under one label, counted. Grouping by
/// label keeps every entry as restricted as what it counts, and no more.
/// </summary>
public sealed class DailyReportEntry : ILabelled
{
    public const int MaxTextLength = 4000;

    private DailyReportEntry()
    {
    }

    public DailyReportEntry(Guid reportId, ReportSection section, string region, ObservationType type, int observations, int count, string text, Label label)
    {
        Id = Guid.CreateVersion7();
        ReportId = reportId;
        Section = section;
        Region = region;
        Type = type;
        Observations = observations;
        Count = count;
        Text = text;
        Label = label;
    }

    public Guid Id { get; private set; }

    public Guid ReportId { get; private set; }

    public ReportSection Section { get; private set; }

    /// <summary>The oblast the observations lie in, or <see cref="OblastLocator.Elsewhere"/>.</summary>
    public string Region { get; private set; } = "";

    public ObservationType Type { get; private set; }

    /// <summary>How many observations the entry counts.</summary>
    public int Observations { get; private set; }

    /// <summary>The sum of their counts (explosions, shots, casualties ...).</summary>
    public int Count { get; private set; }

    public string Text { get; private set; } = "";

    public Label Label { get; private set; } = Label.Public;

    internal Result Edit(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxTextLength)
        {
            return DomainError.Invalid("entries", $"An entry's text is 1 to {MaxTextLength:N0} characters.");
        }

        Text = text.Trim();
        return Result.Success;
    }
}
