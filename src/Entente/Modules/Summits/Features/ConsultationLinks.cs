using Entente.Modules.Summits.Domain;

namespace Entente.Modules.Summits.Features;

/// <summary>Where the "urgent consultation" buttons of alerts, events, decisions and meetings lead.</summary>
public static class ConsultationLinks
{
    public static string For(ConsultationOriginKind kind, Guid id) =>
        $"/summits/consultations/new?originKind={kind.ToString().ToLowerInvariant()}&originId={id}";
}
