using Entente.Infrastructure.Labels;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Summits.Contracts;
using Entente.Modules.Summits.Features;

namespace Entente.Modules.Summits;

/// <summary>
/// Summits: meetings and their agendas, proposals decided by consensus or silence procedure, the decisions register,
/// and the action items that follow decisions. Each part registers its services and endpoints here.
/// </summary>
public static class SummitsModule
{
    public const string Tag = "Summits";

    public static IServiceCollection AddSummitsModule(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Kinds of record that threads, documents and releases may name (see Infrastructure/Labels/LabelledRecords).
        services.AddLabelledRecordKind<Domain.Meeting>("meeting", "Meeting", m => m.Title, "/summits/meetings/{id}");
        services.AddLabelledRecordKind<Domain.Proposal>("proposal", "Proposal", p => p.Title, "/summits/proposals/{id}");
        services.AddLabelledRecordKind<Domain.Decision>("decision", "Decision", d => d.Title, "/summits/decisions/{id}");
        services.AddLabelledRecordKind<Domain.ActionItem>("action-item", "Action item", a => a.Title, null);
        // Meetings and agendas.
        services.AddMeetingPolicies();
        var reminders = configuration.GetSection(MeetingReminderOptions.Section);
        services.AddOptions<MeetingReminderOptions>().Bind(reminders);
        if (reminders.Get<MeetingReminderOptions>()?.Run ?? true)
        {
            services.AddHostedService<MeetingReminderJob>();
        }

        // Proposals, procedures and decisions.
        services.AddAuthorizationBuilder()
            .AddPolicy(ProposalAccess.ManagePolicy, p => p.RequireRole(Roles.Administrator, Roles.Secretariat))
            .AddPolicy(ProposalAccess.AnswerPolicy, p => p.RequireRole(Roles.Administrator, Roles.Secretariat, Roles.Delegate));
        var silence = configuration.GetSection(SilenceJobOptions.Section);
        services.AddOptions<SilenceJobOptions>().Bind(silence);
        if (silence.Get<SilenceJobOptions>()?.Run ?? true)
        {
            services.AddHostedService<SilenceProcedureJob>();
        }

        // Action items and rapid consultation.
        // The overdue notices job runs unless Entente:Summits:OverdueActions:Run is false (tests call RunOnceAsync themselves).
        if (configuration.GetValue("Entente:Summits:OverdueActions:Run", true))
        {
            services.AddHostedService<Contracts.OverdueActionJob>();
        }

        return services;
    }

    /// <summary>Maps the Summits API on the <c>/api/v1</c> group.</summary>
    public static IEndpointRouteBuilder MapSummitsModule(this IEndpointRouteBuilder api)
    {
        var summits = api.MapGroup("").WithTags(Tag);
        // Meetings and agendas.
        ListMeetings.Map(summits);
        GetMeeting.Map(summits);
        PlanMeeting.Map(summits);
        ReviseMeeting.Map(summits);
        CancelMeeting.Map(summits);
        RegisterAttendance.Map(summits);
        AttachMeetingDocument.Map(summits);
        ReviseMinutes.Map(summits);
        EditAgenda.Map(summits);
        ExportMeetingCalendar.Map(summits);
        CalendarFeed.Map(summits);

        // Proposals, procedures and decisions.
        CreateProposal.Map(summits);
        ListProposals.Map(summits);
        GetProposal.Map(summits);
        ListProposalVersions.Map(summits);
        DiffProposalVersions.Map(summits);
        AmendProposal.Map(summits);
        OpenConsensus.Map(summits);
        OpenSilenceProcedure.Map(summits);
        RecordPosition.Map(summits);
        BreakSilence.Map(summits);
        ConcludeConsensus.Map(summits);
        WithdrawProposal.Map(summits);
        ListDecisions.Map(summits);
        GetDecision.Map(summits);
        ReleaseCommunique.Map(summits);
        ListCommuniques.Map(summits);
        GetCommunique.Map(summits);

        // Action items and rapid consultation.
        Features.Actions.ListActionItems.Map(summits);
        Features.Actions.GetActionDashboard.Map(summits);
        Features.Actions.ListActionNotices.Map(summits);
        Features.Actions.ExportActionItems.Map(summits);
        Features.Actions.GetActionItem.Map(summits);
        Features.Actions.CreateActionItem.Map(summits);
        Features.Actions.UpdateActionItem.Map(summits);
        Features.Actions.ChangeActionStatus.Map(summits);
        Features.Actions.AddActionNote.Map(summits);
        OpenConsultation.Map(summits);

        return api;
    }
}
