using System.Globalization;
using Entente.Infrastructure.Labels;

namespace Entente.Modules.Registry.Contracts;

/// <summary>The security policy as the rest of the platform reads it: cached, refreshed when it is edited.</summary>
public interface ISecurityPolicyCatalog
{
    PolicySnapshot Current { get; }

    void Replace(PolicySnapshot snapshot);
}

/// <summary>An immutable view of a security policy's classifications and categories.</summary>
public sealed record PolicySnapshot(
    string Id,
    string Name,
    int ReadAuditThreshold,
    IReadOnlyList<ClassificationInfo> Classifications,
    IReadOnlyList<CategoryInfo> Categories)
{
    /// <summary>The default policy as seeded, used until the stored policy is loaded.</summary>
    public static PolicySnapshot Default { get; } = new(
        Label.DefaultPolicy,
        "Entente default policy",
        ClassificationLevels.ReadAuditThreshold,
        [
            new(ClassificationLevels.Public, "PUBLIC", "Public", "#2e7d32"),
            new(ClassificationLevels.Restricted, "RESTRICTED", "Restricted", "#8a5a00"),
            new(ClassificationLevels.Confidential, "CONFIDENTIAL", "Confidential", "#1d4ed8"),
            new(ClassificationLevels.Secret, "SECRET", "Secret", "#b91c1c"),
        ],
        []);

    public int HighestRank => Classifications.Count == 0 ? 0 : Classifications.Max(c => c.Rank);

    public ClassificationInfo? Find(int rank) => Classifications.FirstOrDefault(c => c.Rank == rank);

    /// <summary>The classification's code, or <c>LEVEL n</c> for a rank the policy does not name.</summary>
    public string CodeOf(int rank) => Find(rank)?.Code ?? string.Create(CultureInfo.InvariantCulture, $"LEVEL {rank}");

    /// <summary>Accepts a classification code (any case) or its rank as digits.</summary>
    public bool TryParse(string? text, out int rank)
    {
        rank = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        var match = Classifications.FirstOrDefault(c => string.Equals(c.Code, t, StringComparison.OrdinalIgnoreCase));
        if (match is not null)
        {
            rank = match.Rank;
            return true;
        }

        return int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out rank) && Find(rank) is not null;
    }

    public bool IsKnownCategory(string code) =>
        Categories.Any(c => !c.IsRetired && string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The label as a banner reads it: <c>CONFIDENTIAL · REL TO FRA, GBR · TLP:AMBER</c>.</summary>
    public string Describe(Label label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var parts = new List<string> { CodeOf(label.Classification) };
        var rel = label.ReleasableToCodes;
        if (rel.Count > 0)
        {
            parts.Add("REL TO " + string.Join(", ", rel));
        }

        if (label.SharingGroupId is not null)
        {
            parts.Add("GROUP");
        }

        parts.Add(label.Tlp.ToDisplay());
        return string.Join(" · ", parts);
    }
}

public sealed record ClassificationInfo(int Rank, string Code, string Name, string Colour);

public sealed record CategoryInfo(string Code, string Name, bool IsRetired);

internal sealed class SecurityPolicyCatalog : ISecurityPolicyCatalog
{
    private volatile PolicySnapshot _current = PolicySnapshot.Default;

    public PolicySnapshot Current => _current;

    public void Replace(PolicySnapshot snapshot) => _current = snapshot ?? throw new ArgumentNullException(nameof(snapshot));
}
