using Entente.Infrastructure.Labels;
using Entente.Modules.Audit.Domain;

namespace Entente.Components.Shared;

/// <summary>
/// The overall marking of what one page shows: every <see cref="LabelBadge"/> (and any component that renders labelled
/// content) reports its label here, and the page's banners (<see cref="MarkingBanner"/>) show the join — the highest
/// classification and TLP, released only to the members every part is released to. Scoped: one per request.
/// </summary>
public sealed class PageMarking
{
    /// <summary>The join of everything reported so far; null while the page has shown nothing labelled.</summary>
    public Label? Current { get; private set; }

    /// <summary>Raised when <see cref="Current"/> changes, so banners rendered earlier in the page render again.</summary>
    public event Action? Changed;

    public void Report(Label label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var joined = Current is null ? label : AuditLabels.Join(Current, label);
        if (joined != Current)
        {
            Current = joined;
            Changed?.Invoke();
        }
    }
}
