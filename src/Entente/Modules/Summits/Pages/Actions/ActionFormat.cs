using System.Globalization;
using Entente.Modules.Summits.Domain;

namespace Entente.Modules.Summits.Pages.Actions;

/// <summary>How the action pages write statuses, origins and days.</summary>
public static class ActionFormat
{
    public static string Status(ActionStatus status) => status switch
    {
        ActionStatus.Open => "Open",
        ActionStatus.InProgress => "In progress",
        ActionStatus.Done => "Done",
        ActionStatus.Cancelled => "Cancelled",
        _ => status.ToString(),
    };

    /// <summary>The status as the API and the query string spell it.</summary>
    public static string Wire(ActionStatus status) => status switch
    {
        ActionStatus.Open => "open",
        ActionStatus.InProgress => "inProgress",
        ActionStatus.Done => "done",
        ActionStatus.Cancelled => "cancelled",
        _ => status.ToString(),
    };

    public static string PillClass(ActionStatus status, bool overdue) => overdue ? "pill-bad" : status switch
    {
        ActionStatus.Open => "pill-partner",
        ActionStatus.InProgress => "pill-cochair",
        ActionStatus.Done => "pill-ok",
        ActionStatus.Cancelled => "pill-former",
        _ => "",
    };

    public static string Origin(ActionOriginKind kind) => kind switch
    {
        ActionOriginKind.Decision => "Decision",
        ActionOriginKind.Meeting => "Meeting",
        ActionOriginKind.Alert => "Alert",
        ActionOriginKind.Other => "Other",
        _ => kind.ToString(),
    };

    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Instant(DateTime utc) => utc.ToString("d MMMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"due in 3 days", "due today", "4 days overdue".</summary>
    public static string Due(DateOnly dueOn, DateOnly today, bool closed)
    {
        if (closed)
        {
            return $"was due {Day(dueOn)}";
        }

        var days = dueOn.DayNumber - today.DayNumber;
        return days switch
        {
            0 => "due today",
            1 => "due tomorrow",
            > 1 => $"due in {days} days",
            -1 => "1 day overdue",
            _ => $"{-days} days overdue",
        };
    }
}
