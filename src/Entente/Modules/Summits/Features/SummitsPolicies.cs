using Entente.Modules.Identity.Domain;

namespace Entente.Modules.Summits.Features;

/// <summary>Authorization policies of the meetings part of Summits.</summary>
public static class SummitsPolicies
{
    /// <summary>Plan, revise and cancel meetings, keep agendas, documents and minutes: the Secretariat and administrators.</summary>
    public const string ManageMeetings = "summits-manage-meetings";

    /// <summary>Register attendance: delegates (their own member's), the Secretariat and administrators.</summary>
    public const string RegisterAttendance = "summits-register-attendance";

    public static IServiceCollection AddMeetingPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(ManageMeetings, p => p.RequireRole(Roles.Administrator, Roles.Secretariat))
            .AddPolicy(RegisterAttendance, p => p.RequireRole(Roles.Administrator, Roles.Secretariat, Roles.Delegate));
        return services;
    }
}
