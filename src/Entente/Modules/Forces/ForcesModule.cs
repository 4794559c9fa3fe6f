using Entente.Infrastructure.Labels;
using Entente.Modules.Forces.Features.Requirements;
using Entente.Modules.Identity.Domain;

namespace Entente.Modules.Forces;

/// <summary>
/// Forces: the statement of requirements for the reassurance force, national offers with their caveats and conditions,
/// force generation (an optimal assignment of offers to requirement lines, gaps and what-if scenarios), the
/// force-generation conference and readiness over time. Each part registers its services and endpoints here.
/// </summary>
public static class ForcesModule
{
    public const string Tag = "Forces";

    public static IServiceCollection AddForcesModule(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Kinds of record that threads, documents and releases may name (see Infrastructure/Labels/LabelledRecords).
        services.AddLabelledRecordKind<Domain.Offer>("offer", "Force offer", o => o.MemberCode + " offer: " + (o.UnitType ?? "unit"), "/forces/offers/{id}");
        services.AddLabelledRecordKind<Domain.RequirementLine>("requirement", "Requirement line", l => l.Code + " " + l.UnitType, "/forces/requirements/{id}");
        services.AddLabelledRecordKind<Domain.ForceRun>("force-run", "Force generation run", r => "Force generation run", "/forces/generation/runs/{id}");
        services.AddLabelledRecordKind<Domain.ForceGenerationConference>("conference", "Force generation conference", c => c.Title, "/forces/conferences/{id}");
        // Requirements.
        services.AddAuthorizationBuilder()
            .AddPolicy(RequirementAccess.KeepPolicy, p => p.RequireRole(Roles.Administrator, Roles.Secretariat));

        // Offers.

        // Force generation: solver, runs and scenarios.
        Features.Generation.GenerationAccess.AddPolicies(services);

        // Conference and readiness over time.
        services.AddAuthorizationBuilder()
            .AddPolicy(Features.Conference.ConferenceAccess.RunPolicy, p => p.RequireRole(Roles.Administrator, Roles.Secretariat));

        return services;
    }

    /// <summary>Maps the Forces API on the <c>/api/v1</c> group.</summary>
    public static IEndpointRouteBuilder MapForcesModule(this IEndpointRouteBuilder api)
    {
        var forces = api.MapGroup("").WithTags(Tag);
        // Requirements.
        ListRequirements.Map(forces);
        ExportRequirements.Map(forces);
        GetRequirement.Map(forces);
        ListRequirementVersions.Map(forces);
        CreateRequirement.Map(forces);
        ReviseRequirement.Map(forces);
        WithdrawRequirement.Map(forces);
        ListForceSectors.Map(forces);

        // Offers.
        Features.Offers.ListOffers.Map(forces);
        Features.Offers.ExportOffers.Map(forces);
        Features.Offers.GetOffer.Map(forces);
        Features.Offers.ListOfferVersions.Map(forces);
        Features.Offers.RecordOffer.Map(forces);
        Features.Offers.ReviseOffer.Map(forces);
        Features.Offers.WithdrawOffer.Map(forces);
        Features.Offers.RecordOfferReadiness.Map(forces);

        // Force generation: solver, runs and scenarios.
        Features.Generation.ListScenarios.Map(forces);
        Features.Generation.GetScenario.Map(forces);
        Features.Generation.CreateScenario.Map(forces);
        Features.Generation.ReviseScenario.Map(forces);
        Features.Generation.DeleteScenario.Map(forces);
        Features.Generation.RunForceGeneration.Map(forces);
        Features.Generation.ListRuns.Map(forces);
        Features.Generation.GetRun.Map(forces);
        Features.Generation.GetRunGaps.Map(forces);
        Features.Generation.ExportRun.Map(forces);
        Features.Generation.CompareRuns.Map(forces);
        Features.Generation.GetRunReadiness.Map(forces);

        // Conference and readiness over time.
        Features.Conference.ListConferences.Map(forces);
        Features.Conference.GetConference.Map(forces);
        Features.Conference.ConveneConference.Map(forces);
        Features.Conference.OpenConferenceRound.Map(forces);
        Features.Conference.CloseConferenceRound.Map(forces);
        Features.Conference.CloseConference.Map(forces);
        Features.Conference.RecordBid.Map(forces);
        Features.Conference.ConfirmBid.Map(forces);
        Features.Conference.WithdrawBid.Map(forces);
        Features.Conference.GetConferenceReadiness.Map(forces);

        return forces;
    }
}
