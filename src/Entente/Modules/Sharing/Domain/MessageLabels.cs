using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;

namespace Entente.Modules.Sharing.Domain;

/// <summary>
/// The rule that a message never reaches anyone its record does not: its label must be
/// <see cref="Label.IsAtLeastAsRestrictiveAs"/> the record's (and the message it replies to). The reason names only
/// what the caller already sees — the record's own label (the caller reads the record) and the caller's own input.
/// </summary>
public static class MessageLabels
{
    public const string BelowParentCode = "sharing.label-below-parent";

    /// <summary>Null when <paramref name="child"/> is at least as restrictive as <paramref name="parent"/>, else a 400 naming what is wider.</summary>
    public static DomainError? Check(Label child, Label parent, string parentName, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(policy);
        if (child.IsAtLeastAsRestrictiveAs(parent))
        {
            return null;
        }

        return new DomainError(BelowParentCode,
            $"A message cannot reach more people than {parentName}: {WhatIsWider(child, parent, policy)}.",
            ErrorKind.Validation, "label");
    }

    private static string WhatIsWider(Label child, Label parent, PolicySnapshot policy)
    {
        if (!string.Equals(child.Policy, parent.Policy, StringComparison.Ordinal))
        {
            return $"its label follows the {parent.Policy} policy, so the message must too";
        }

        if (child.Classification < parent.Classification)
        {
            return $"the classification {policy.CodeOf(child.Classification)} is below {policy.CodeOf(parent.Classification)}";
        }

        if (child.Tlp < parent.Tlp)
        {
            return $"{child.Tlp.ToDisplay()} is wider than {parent.Tlp.ToDisplay()}";
        }

        if (parent.SharingGroupId is not null && child.SharingGroupId != parent.SharingGroupId)
        {
            return "it is restricted to a sharing group, and the message must carry the same sharing group";
        }

        var allowed = parent.ReleasableToCodes;
        if (allowed.Count > 0 && child.ReleasableToCodes.Count == 0)
        {
            return $"it is releasable to {string.Join(", ", allowed)} only, and the message is releasable to every member — give REL TO within that list";
        }

        var extra = child.ReleasableToCodes.Where(c => !allowed.Contains(c, StringComparer.Ordinal)).ToList();
        if (extra.Count > 0)
        {
            return $"REL TO {string.Join(", ", extra)} is outside its releasability ({string.Join(", ", allowed)})";
        }

        return $"the message's originator {child.Originator} is not among its readers ({string.Join(", ", allowed)})";
    }
}
