using Entente.Components.Shared;
using Entente.Infrastructure.Text;
using Entente.Modules.Summits.Domain;

namespace Entente.Modules.Summits.Pages;

/// <summary>
/// What the proposal page's forms post. One shape for all of them (each form fills the fields it shows); the domain
/// checks every field, so errors come back in the same words as from the API.
/// </summary>
public sealed class ProposalActionForm
{
    public string? Member { get; set; }

    public Stance? Stance { get; set; }

    public string? Statement { get; set; }

    public string? Reason { get; set; }

    public string? Title { get; set; }

    public string? Text { get; set; }

    public int? QuorumCount { get; set; }

    public string? Deadline { get; set; }
}

/// <summary>The draft form of the proposals page.</summary>
public sealed class DraftProposalForm
{
    public string? Title { get; set; }

    public string? Text { get; set; }

    public LabelFormModel Label { get; set; } = new();
}

/// <summary>Words for the proposal vocabulary on pages.</summary>
public static class ProposalText
{
    public static string Status(ProposalStatus status) => status switch
    {
        ProposalStatus.Draft => "draft",
        ProposalStatus.InConsultation => "in consultation",
        ProposalStatus.Adopted => "adopted",
        ProposalStatus.ReturnedForRevision => "returned for revision",
        ProposalStatus.Withdrawn => "withdrawn",
    };

    public static string Procedure(DecisionProcedure? procedure) => procedure switch
    {
        DecisionProcedure.Consensus => "consensus",
        DecisionProcedure.Silence => "silence procedure",
        null => "—",
    };

    public static string Stance(Stance stance) => stance switch
    {
        Domain.Stance.Support => "supports",
        Domain.Stance.SupportWithStatement => "supports with a statement",
        Domain.Stance.Abstain => "abstains",
        Domain.Stance.Reservation => "enters a reservation",
        Domain.Stance.Oppose => "opposes",
    };

    public static string Time(DateTime utc) => DisplayTime.Utc(utc);

    /// <summary>What remains before a deadline, as people say it ("2 d 4 h", "35 min"); "ended" once it has passed.</summary>
    public static string Remaining(DateTime deadline, DateTime now)
    {
        var left = deadline - now;
        if (left <= TimeSpan.Zero)
        {
            return "ended";
        }

        return left.TotalDays >= 1 ? $"{(int)left.TotalDays} d {left.Hours} h"
            : left.TotalHours >= 1 ? $"{(int)left.TotalHours} h {left.Minutes} min"
            : $"{Math.Max(1, (int)Math.Ceiling(left.TotalMinutes))} min";
    }
}
