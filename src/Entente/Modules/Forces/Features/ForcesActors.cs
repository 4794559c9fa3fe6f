using Entente.Infrastructure.Security;
using Entente.Modules.Forces.Domain;

namespace Entente.Modules.Forces.Features;

/// <summary>The actor every Forces write records (requirement lines, offers, conferences): the caller's name and member.</summary>
public static class ForcesActors
{
    public static ForcesActor Of(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new ForcesActor(caller.ActorName, caller.Member);
    }
}
