using System.ComponentModel.DataAnnotations;

namespace Entente.Infrastructure.Labels;

/// <summary>
/// A confidentiality label as a client sends it. <see cref="LabelRules.ResolveAsync"/> checks it against the
/// security policy and the caller, and turns it into a <see cref="Label"/>.
/// </summary>
public sealed record LabelInput
{
    /// <summary>Classification code of the security policy, any case (for example <c>CONFIDENTIAL</c>).</summary>
    [Required]
    [StringLength(LabelRules.MaxClassificationLength)]
    public string Classification { get; init; } = "";

    /// <summary>Member codes the record is releasable to; empty or absent means every member.</summary>
    public IReadOnlyList<string>? ReleasableTo { get; init; }

    /// <summary>A sharing group the caller's member belongs to; only that group's members may then read the record.</summary>
    public Guid? SharingGroupId { get; init; }

    /// <summary>Member code of the originator; the caller's own member when absent.</summary>
    [StringLength(LabelRules.MaxMemberCodeLength)]
    public string? Originator { get; init; }

    /// <summary>TLP 2.0 marking; CLEAR for PUBLIC and AMBER otherwise when absent.</summary>
    public TlpMarking? Tlp { get; init; }

    /// <summary>Category codes of the security policy (informative markings such as <c>PERS</c>).</summary>
    public IReadOnlyList<string>? Categories { get; init; }
}
