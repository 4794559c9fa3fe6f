using Entente.Infrastructure.Labels;

namespace Entente.Modules.Audit.Domain;

/// <summary>Labels of audit entries that describe a record under more than one label.</summary>
public static class AuditLabels
{
    /// <summary>
    /// A code no member can have (member codes are letters and digits), used to release an entry to nobody.
    /// </summary>
    public const string Nobody = "-";

    /// <summary>The label of an entry only the platform reads: released to <see cref="Nobody"/>.</summary>
    public static Label ReleasedToNobody { get; } = Label.Create(ClassificationLevels.Restricted, [Nobody], tlp: TlpMarking.Red);

    /// <summary>
    /// The label of an entry that shows a record both as it was (<paramref name="before"/>) and as it is
    /// (<paramref name="after"/>), such as the update that relabels it: whoever reads the entry must be allowed to
    /// read the record under both labels. Classification and TLP take the higher, categories the union, and the
    /// members it is released to the intersection of both audiences (the originator counts as part of a label's
    /// audience). When no single label can express the rule (two different sharing groups, or no member in both
    /// audiences) the entry is released to nobody: only the platform itself, verifying the chain, reads it.
    /// </summary>
    public static Label Join(Label before, Label after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before == after)
        {
            return after;
        }

        var classification = Math.Max(before.Classification, after.Classification);
        var tlp = (TlpMarking)Math.Max((int)before.Tlp, (int)after.Tlp);
        var categories = before.CategoryCodes.Union(after.CategoryCodes, StringComparer.Ordinal);

        Guid? group = after.SharingGroupId ?? before.SharingGroupId;
        var groupsConflict = before.SharingGroupId is not null && after.SharingGroupId is not null
            && before.SharingGroupId != after.SharingGroupId;

        var audienceBefore = Audience(before);
        var audienceAfter = Audience(after);
        if (audienceBefore is null && audienceAfter is null && !groupsConflict)
        {
            return Label.Create(classification, null, after.Originator ?? before.Originator, group, tlp, categories, after.Policy);
        }

        var audience = (audienceBefore, audienceAfter) switch
        {
            (null, { } a) => a,
            ({ } b, null) => b,
            ({ } b, { } a) => b.Intersect(a, StringComparer.Ordinal).ToList(),
            _ => [],
        };
        if (groupsConflict || audience.Count == 0)
        {
            audience = [Nobody];
        }

        // The originator is folded into the list: keeping it separately would release the entry to it even
        // where the other label did not.
        return Label.Create(classification, audience, null, group, tlp, categories, after.Policy);
    }

    /// <summary>The members a label releases to, or null for every member.</summary>
    private static List<string>? Audience(Label label)
    {
        if (label.ReleasableTo.Length == 0)
        {
            return null;
        }

        var members = label.ReleasableToCodes.ToList();
        if (label.Originator is not null && !members.Contains(label.Originator, StringComparer.Ordinal))
        {
            members.Add(label.Originator);
        }

        return members;
    }
}
