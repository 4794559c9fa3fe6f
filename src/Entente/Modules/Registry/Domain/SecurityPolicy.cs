using System.Globalization;
using System.Text.RegularExpressions;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;

namespace Entente.Modules.Registry.Domain;

/// <summary>
/// A security policy in the STANAG 4774 sense: an ordered list of classifications and a set of categories.
/// Labels name the policy and a classification rank within it. Ranks never change once records use them,
/// so a policy can only rename or recolour classifications, add one above the highest, and add, retire or
/// reinstate categories. Nothing is ever removed: a stored label must always resolve to a marking.
/// </summary>
public sealed partial class SecurityPolicy
{
    /// <summary>Ranks 0 to 6: enough for every national scheme in use, and each rank has a marking style.</summary>
    public const int MaxClassifications = 7;

    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;

    private SecurityPolicy()
    {
    }

    internal SecurityPolicy(string id, string name, string? description, int readAuditThreshold)
    {
        Id = id;
        Name = name;
        Description = description;
        ReadAuditThreshold = readAuditThreshold;
    }

    public string Id { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string? Description { get; private set; }

    /// <summary>Reads of records at or above this rank are written to the audit chain.</summary>
    public int ReadAuditThreshold { get; private set; }

    public List<PolicyClassification> Classifications { get; private set; } = [];

    public List<PolicyCategory> Categories { get; private set; } = [];

    /// <summary>Adds a classification one rank above the highest, so that no stored label changes meaning.</summary>
    public Result<PolicyClassification> AddClassification(string? code, string? name, string? description, string? colour)
    {
        if (Classifications.Count >= MaxClassifications)
        {
            return new DomainError("registry.policy-classification-limit",
                $"A policy has at most {MaxClassifications} classifications.", ErrorKind.RuleViolation);
        }

        var checkedValues = CheckClassification(code, name, description, colour);
        if (!checkedValues.IsSuccess)
        {
            return checkedValues.Error!;
        }

        var (c, n, d, col) = checkedValues.Value;
        if (Classifications.Any(x => x.Code == c))
        {
            return ClassificationCodeTaken(c);
        }

        var rank = Classifications.Count == 0 ? 0 : Classifications.Max(x => x.Rank) + 1;
        var added = new PolicyClassification(Id, rank, c, n, d, col);
        Classifications.Add(added);
        return added;
    }

    /// <summary>Renames or recolours the classification of <paramref name="rank"/>; its rank stays.</summary>
    public Result<PolicyClassification> ReviseClassification(int rank, string? code, string? name, string? description, string? colour)
    {
        var target = Classifications.FirstOrDefault(x => x.Rank == rank);
        if (target is null)
        {
            return DomainError.NotFound("The classification");
        }

        var checkedValues = CheckClassification(code, name, description, colour);
        if (!checkedValues.IsSuccess)
        {
            return checkedValues.Error!;
        }

        var (c, n, d, col) = checkedValues.Value;
        if (Classifications.Any(x => x.Rank != rank && x.Code == c))
        {
            return ClassificationCodeTaken(c);
        }

        target.Revise(c, n, d, col);
        return target;
    }

    /// <summary>Adds a category marking. Codes are unique among current and retired categories.</summary>
    public Result<PolicyCategory> AddCategory(string? code, string? name, string? description)
    {
        var c = (code ?? "").Trim().ToUpperInvariant();
        if (!CategoryCode().IsMatch(c))
        {
            return DomainError.Invalid("code",
                $"A category code has 2 to {PolicyCategory.MaxCodeLength} capital letters, digits or hyphens, starting with a letter.");
        }

        var checkedText = CheckNameAndDescription(name, description, PolicyCategory.MaxNameLength, PolicyCategory.MaxDescriptionLength);
        if (!checkedText.IsSuccess)
        {
            return checkedText.Error!;
        }

        if (Categories.Any(x => x.Code == c))
        {
            return new DomainError("registry.policy-category-code-taken",
                $"The policy already has a category {c} (perhaps retired: reinstate it instead).", ErrorKind.Conflict, "code");
        }

        var added = new PolicyCategory(Id, c, checkedText.Value.Name, checkedText.Value.Description);
        Categories.Add(added);
        return added;
    }

    /// <summary>
    /// Retires a category: new labels can no longer use it, labels that carry it keep it. Retiring a retired
    /// category changes nothing.
    /// </summary>
    public Result<PolicyCategory> RetireCategory(string? code) => SetRetired(code, true);

    /// <summary>Makes a retired category usable again.</summary>
    public Result<PolicyCategory> ReinstateCategory(string? code) => SetRetired(code, false);

    /// <summary>
    /// Relative luminance contrast of white text on <paramref name="hex"/> (<c>#rrggbb</c>), after WCAG 2.
    /// Markings print white text on the classification's colour.
    /// </summary>
    public static double ContrastWithWhite(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var r = Channel(hex, 1);
        var g = Channel(hex, 3);
        var b = Channel(hex, 5);
        var luminance = (0.2126 * r) + (0.7152 * g) + (0.0722 * b);
        return 1.05 / (luminance + 0.05);

        static double Channel(string hex, int start)
        {
            var value = int.Parse(hex.AsSpan(start, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return value <= 0.04045 ? value / 12.92 : Math.Pow((value + 0.055) / 1.055, 2.4);
        }
    }

    private Result<PolicyCategory> SetRetired(string? code, bool retired)
    {
        var c = (code ?? "").Trim().ToUpperInvariant();
        var target = Categories.FirstOrDefault(x => x.Code == c);
        if (target is null)
        {
            return DomainError.NotFound("The category");
        }

        target.IsRetired = retired;
        return target;
    }

    private static DomainError ClassificationCodeTaken(string code) =>
        new("registry.policy-classification-code-taken", $"Another classification is already marked {code}.", ErrorKind.Conflict, "code");

    private static Result<(string Code, string Name, string? Description, string Colour)> CheckClassification(
        string? code, string? name, string? description, string? colour)
    {
        var c = (code ?? "").Trim().ToUpperInvariant();
        if (!ClassificationCode().IsMatch(c))
        {
            return DomainError.Invalid("code",
                $"A classification code has 2 to {PolicyClassification.MaxCodeLength} capital letters, digits, spaces or hyphens, starting with a letter.");
        }

        var text = CheckNameAndDescription(name, description, PolicyClassification.MaxNameLength, PolicyClassification.MaxDescriptionLength);
        if (!text.IsSuccess)
        {
            return text.Error!;
        }

        var col = (colour ?? "").Trim().ToLowerInvariant();
        if (!Colour().IsMatch(col))
        {
            return DomainError.Invalid("colour", "A colour is written #rrggbb, for example #1d4ed8.");
        }

        if (ContrastWithWhite(col) < 4.5)
        {
            return DomainError.Invalid("colour",
                $"White text on {col} has a contrast of {ContrastWithWhite(col):0.0}:1; markings need at least 4.5:1. Choose a darker colour.");
        }

        return (c, text.Value.Name, text.Value.Description, col);
    }

    private static Result<(string Name, string? Description)> CheckNameAndDescription(string? name, string? description, int maxName, int maxDescription)
    {
        var n = (name ?? "").Trim();
        if (n.Length is 0 || n.Length > maxName || !PlainText.IsClean(n))
        {
            return DomainError.Invalid("name", $"The name must have 1 to {maxName} characters, without line breaks.");
        }

        var d = PlainText.TrimToNull(description);
        if (d is not null && (d.Length > maxDescription || !PlainText.IsClean(d, multiline: true)))
        {
            return DomainError.Invalid("description", $"The description may have at most {maxDescription} characters, without control characters.");
        }

        return (n, d);
    }

    [GeneratedRegex("^[A-Z][A-Z0-9 -]{1,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex ClassificationCode();

    [GeneratedRegex("^[A-Z][A-Z0-9-]{1,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex CategoryCode();

    [GeneratedRegex("^#[0-9a-f]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex Colour();
}

/// <summary>One classification of a policy; <see cref="Rank"/> orders them, 0 the least restrictive.</summary>
public sealed class PolicyClassification
{
    public const int MaxCodeLength = 32;
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 1000;

    private PolicyClassification()
    {
    }

    internal PolicyClassification(string policyId, int rank, string code, string name, string? description, string colour)
    {
        PolicyId = policyId;
        Rank = rank;
        Code = code;
        Name = name;
        Description = description;
        Colour = colour;
    }

    public string PolicyId { get; private set; } = "";

    /// <summary>Never changes once assigned: stored labels refer to classifications by rank.</summary>
    public int Rank { get; private set; }

    /// <summary>Upper-case marking as printed on banners, for example <c>CONFIDENTIAL</c>.</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string? Description { get; private set; }

    /// <summary>Banner colour as lower-case <c>#rrggbb</c>, dark enough for white text (contrast at least 4.5:1).</summary>
    public string Colour { get; private set; } = "#444444";

    internal void Revise(string code, string name, string? description, string colour)
    {
        Code = code;
        Name = name;
        Description = description;
        Colour = colour;
    }
}

/// <summary>A category marking of a policy (informative in the default policy; see ADR 0003).</summary>
public sealed class PolicyCategory
{
    public const int MaxCodeLength = 32;
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 1000;

    private PolicyCategory()
    {
    }

    internal PolicyCategory(string policyId, string code, string name, string? description)
    {
        PolicyId = policyId;
        Code = code;
        Name = name;
        Description = description;
    }

    public string PolicyId { get; private set; } = "";

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string? Description { get; private set; }

    /// <summary>A retired category stays on the labels that carry it but cannot be put on new ones.</summary>
    public bool IsRetired { get; internal set; }
}
