namespace Entente.Modules.Registry.Domain;

/// <summary>
/// A security policy in the STANAG 4774 sense: an ordered list of classifications and a set of categories.
/// Labels name the policy and a classification rank within it. Ranks never change once records use them,
/// so a policy can only rename classifications, add one above the highest, and add or retire categories.
/// </summary>
public sealed class SecurityPolicy
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Reads of records at or above this rank are written to the audit chain.</summary>
    public int ReadAuditThreshold { get; set; }

    public List<PolicyClassification> Classifications { get; set; } = [];

    public List<PolicyCategory> Categories { get; set; } = [];
}

/// <summary>One classification of a policy; <see cref="Rank"/> orders them, 0 the least restrictive.</summary>
public sealed class PolicyClassification
{
    public const int MaxCodeLength = 32;

    public string PolicyId { get; set; } = "";

    public int Rank { get; set; }

    /// <summary>Upper-case marking as printed on banners, for example <c>CONFIDENTIAL</c>.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Banner colour as <c>#rrggbb</c>.</summary>
    public string Colour { get; set; } = "#444444";
}

/// <summary>A category marking of a policy (informative in the default policy; see ADR 0003).</summary>
public sealed class PolicyCategory
{
    public const int MaxCodeLength = 32;

    public string PolicyId { get; set; } = "";

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public bool IsRetired { get; set; }
}
