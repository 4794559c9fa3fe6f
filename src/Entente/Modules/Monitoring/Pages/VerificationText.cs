using System.Globalization;
using Entente.Modules.Monitoring.Domain;

namespace Entente.Modules.Monitoring.Pages;

/// <summary>Words for the verification pages: statuses, decisions, severities, times and distances as people read them.</summary>
public static class VerificationText
{
    public static string Status(EventStatus status) => status switch
    {
        EventStatus.Reported => "Reported",
        EventStatus.UnderReview => "Under review",
        EventStatus.AwaitingSecondConfirmation => "Awaiting second confirmation",
        EventStatus.Confirmed => "Confirmed",
        EventStatus.NotConfirmed => "Not confirmed",
        EventStatus.Rejected => "Rejected",
    };

    /// <summary>The API's spelling of a status (camelCase), as the decision form posts it.</summary>
    public static string Code(EventStatus status) => status switch
    {
        EventStatus.Reported => "reported",
        EventStatus.UnderReview => "underReview",
        EventStatus.AwaitingSecondConfirmation => "awaitingSecondConfirmation",
        EventStatus.Confirmed => "confirmed",
        EventStatus.NotConfirmed => "notConfirmed",
        EventStatus.Rejected => "rejected",
    };

    /// <summary>The decisions the workflow allows from <paramref name="status"/>, for the decision form.</summary>
    public static IReadOnlyList<EventStatus> Choices(EventStatus status) => status switch
    {
        EventStatus.Reported => [EventStatus.UnderReview, EventStatus.Rejected],
        EventStatus.UnderReview or EventStatus.AwaitingSecondConfirmation => [EventStatus.Confirmed, EventStatus.NotConfirmed, EventStatus.Rejected],
        EventStatus.Confirmed or EventStatus.NotConfirmed or EventStatus.Rejected => [EventStatus.UnderReview],
    };

    public static string Action(EventAction action) => action switch
    {
        EventAction.Review => "Taken under review",
        EventAction.Confirm => "Confirmed",
        EventAction.SecondConfirmation => "Second confirmation",
        EventAction.NotConfirm => "Not confirmed",
        EventAction.Reject => "Rejected",
        EventAction.Split => "Split: observations moved to",
        EventAction.SplitFrom => "Split off from",
        EventAction.Merge => "Merged in",
        EventAction.MergedInto => "Merged into",
        EventAction.ChangedAfterDecision => "Back under review: changed after the decision",
    };

    public static string Severity(EventSeverity severity) => severity switch
    {
        EventSeverity.Low => "Low",
        EventSeverity.Medium => "Medium",
        EventSeverity.High => "High",
        EventSeverity.Critical => "Critical",
    };

    /// <summary>An enum value in words: <c>WeaponInWithdrawalZone</c> becomes "weapon in withdrawal zone".</summary>
    public static string Words<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var text = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                text.Append(' ');
            }

            text.Append(i == 0 ? name[i] : char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    public static string Instant(DateTime utc) => utc.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);

    public static string Position(double latitude, double longitude) =>
        string.Create(CultureInfo.InvariantCulture, $"{latitude:0.0000}° N, {longitude:0.0000}° E");

    public static string Kilometres(double? metres) =>
        metres is { } m ? string.Create(CultureInfo.InvariantCulture, $"{m / 1000:0.0} km") : "—";
}
