using Entente.Modules.Forces.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Forces.Features.Requirements;

/// <summary><c>GET /force-sectors</c>: the fixed catalogue of sectors that lines and caveats name.</summary>
public static class ListForceSectors
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/force-sectors", Handle)
            .RequireAuthorization()
            .WithName("ListForceSectors")
            .WithSummary("List the force's sectors")
            .WithDescription("Every sector code of the reassurance force's area of operations, with the oblasts it covers, whether it touches the line of contact, and whether it is at sea. Maritime capabilities serve in maritime sectors only; land forces and ground enablers in land sectors or THEATRE; air capabilities and ISR anywhere.");

    public static Ok<IReadOnlyList<ForceSectorView>> Handle()
    {
        IReadOnlyList<ForceSectorView> sectors = [.. ForceSectors.All.Select(RequirementViews.Sector)];
        return TypedResults.Ok(sectors);
    }
}
