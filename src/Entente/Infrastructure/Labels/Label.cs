using System.Text;

namespace Entente.Infrastructure.Labels;

/// <summary>
/// A confidentiality label shaped after NATO STANAG 4774: the policy, a classification that is a rank in that
/// policy's ordered list, the members the record is releasable to, an optional sharing group, the originating
/// member and a TLP 2.0 marking for what leaves the platform.
/// </summary>
/// <remarks>
/// Invariants: <see cref="ReleasableTo"/> and <see cref="Categories"/> are stored in a canonical form —
/// empty, or upper-case codes sorted ordinally, de-duplicated and wrapped in bars (<c>|FRA|GBR|</c>) — so that the
/// query filter can test membership with a substring match that both SQLite and PostgreSQL translate, and
/// two equal labels compare equal. Build labels with <see cref="Create"/>; it enforces the form.
/// </remarks>
public sealed record Label
{
    /// <summary>Identifier of the default security policy.</summary>
    public const string DefaultPolicy = "ENTENTE";

    /// <summary>Longest list of releasability codes a label may carry.</summary>
    public const int MaxReleasableTo = 64;

    public string Policy { get; init; } = DefaultPolicy;

    /// <summary>Rank in the policy's ordered classifications; 0 is the least restrictive (PUBLIC in the default policy).</summary>
    public int Classification { get; init; }

    /// <summary>Canonical bar-delimited member codes (<c>|FRA|GBR|</c>), or empty for "every member".</summary>
    public string ReleasableTo { get; init; } = "";

    /// <summary>When set, only members of this sharing group may read the record.</summary>
    public Guid? SharingGroupId { get; init; }

    /// <summary>Member code of the originator; the originator always reads its own records (clearance permitting).</summary>
    public string? Originator { get; init; }

    public TlpMarking Tlp { get; init; } = TlpMarking.Amber;

    /// <summary>Canonical bar-delimited category codes from the policy, informative markings (see ADR 0003).</summary>
    public string Categories { get; init; } = "";

    /// <summary>The releasability list as codes; empty means releasable to every member.</summary>
    public IReadOnlyList<string> ReleasableToCodes => SplitCanonical(ReleasableTo);

    public IReadOnlyList<string> CategoryCodes => SplitCanonical(Categories);

    /// <summary>The PUBLIC label of the default policy, TLP:CLEAR.</summary>
    public static Label Public { get; } = new() { Classification = ClassificationLevels.Public, Tlp = TlpMarking.Clear };

    public static Label Create(
        int classification,
        IEnumerable<string>? releasableTo = null,
        string? originator = null,
        Guid? sharingGroupId = null,
        TlpMarking? tlp = null,
        IEnumerable<string>? categories = null,
        string policy = DefaultPolicy)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(classification);
        return new Label
        {
            Policy = policy,
            Classification = classification,
            ReleasableTo = Canonicalise(releasableTo),
            SharingGroupId = sharingGroupId,
            Originator = string.IsNullOrWhiteSpace(originator) ? null : originator.Trim().ToUpperInvariant(),
            Tlp = tlp ?? (classification == ClassificationLevels.Public ? TlpMarking.Clear : TlpMarking.Amber),
            Categories = Canonicalise(categories),
        };
    }

    /// <summary>
    /// True when every reader of this label could also read <paramref name="other"/>'s record and no one else could:
    /// the same policy, a classification at least as high, a TLP marking at least as strict, a releasability that
    /// names only members <paramref name="other"/> releases to (or any list when <paramref name="other"/> releases
    /// to every member), the same originator when <paramref name="other"/> names members, and <paramref name="other"/>'s
    /// sharing group when it has one. A thread or attachment on a record must carry such a label unless an approved
    /// release lowers it.
    /// </summary>
    public bool IsAtLeastAsRestrictiveAs(Label other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!string.Equals(Policy, other.Policy, StringComparison.Ordinal)
            || Classification < other.Classification
            || Tlp < other.Tlp
            || (other.SharingGroupId is { } group && SharingGroupId != group))
        {
            return false;
        }

        if (other.ReleasableTo.Length == 0)
        {
            return true;
        }

        // The parent names its readers: the child must name a subset of them, and its originator (who always reads)
        // must be one the parent lets read.
        var allowed = other.ReleasableToCodes;
        return ReleasableTo.Length != 0
            && ReleasableToCodes.All(c => allowed.Contains(c, StringComparer.Ordinal))
            && (Originator is null || Originator == other.Originator || allowed.Contains(Originator, StringComparer.Ordinal));
    }

    /// <summary>The bar-delimited token that <see cref="ReleasableTo"/> contains when <paramref name="memberCode"/> is listed.</summary>
    public static string TokenFor(string memberCode) => "|" + memberCode.ToUpperInvariant() + "|";

    public static string Canonicalise(IEnumerable<string>? codes)
    {
        if (codes is null)
        {
            return "";
        }

        var list = codes
            .Where(c => !string.IsNullOrWhiteSpace(c))
            .Select(c => c.Trim().ToUpperInvariant())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (list.Count == 0)
        {
            return "";
        }

        var sb = new StringBuilder("|");
        foreach (var code in list)
        {
            if (code.Contains('|', StringComparison.Ordinal))
            {
                throw new ArgumentException($"A code cannot contain '|': {code}", nameof(codes));
            }

            sb.Append(code).Append('|');
        }

        return sb.ToString();
    }

    private static string[] SplitCanonical(string canonical) =>
        canonical.Split('|', StringSplitOptions.RemoveEmptyEntries);
}
