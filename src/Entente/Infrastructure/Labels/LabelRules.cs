using System.Text.RegularExpressions;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Security;
using Entente.Infrastructure.Text;
using Entente.Modules.Registry.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Entente.Infrastructure.Labels;

/// <summary>
/// Turns a <see cref="LabelInput"/> into a <see cref="Label"/> for the current caller, once for every module.
/// The rules: the classification exists and is not above the caller's clearance (nobody labels what they could
/// not read); REL TO names members the caller can see, at most <see cref="Label.MaxReleasableTo"/> of them;
/// categories exist and are not retired; a sharing group is one of the caller's; TLP:CLEAR only on PUBLIC; and
/// the caller could still read the result. When a record is relabelled, what its current label already carries
/// (a member the editor cannot see, a category retired since) may stay.
/// </summary>
public static partial class LabelRules
{
    public const int MaxClassificationLength = 32;
    public const int MaxMemberCodeLength = 8;

    public static async Task<Result<Label>> ResolveAsync(
        LabelInput input,
        Caller caller,
        ISecurityPolicyCatalog catalog,
        EntenteDbContext db,
        Label? current = null,
        string field = "label",
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(db);
        var policy = catalog.Current;
        var scope = caller.Scope;
        string F(string name) => string.IsNullOrEmpty(field) ? name : $"{field}.{name}";

        if (!policy.TryParse(input.Classification, out var rank))
        {
            return new DomainError("label.classification-unknown",
                $"'{Shorten(input.Classification)}' is not a classification of the security policy. Use one of: " +
                string.Join(", ", policy.Classifications.Select(c => c.Code)) + ".",
                ErrorKind.Validation, F("classification"));
        }

        if (rank > scope.Clearance)
        {
            return new DomainError("label.classification-above-clearance",
                $"You cannot label a record {policy.CodeOf(rank)}: your clearance is {policy.CodeOf(scope.Clearance)}, and nobody may create what they could not read.",
                ErrorKind.Validation, F("classification"));
        }

        var requested = input.ReleasableTo ?? [];
        if (requested.Count > Label.MaxReleasableTo)
        {
            return new DomainError("label.releasable-to-too-long",
                $"A label is releasable to at most {Label.MaxReleasableTo} members; leave REL TO empty to release to every member.",
                ErrorKind.Validation, F("releasableTo"));
        }

        var releasableTo = Normalise(requested);
        // Relabelling keeps the originator unless the input names another: an edit does not make the editor's member
        // the record's author (and so one of its readers, whatever the releasability says).
        var originator = string.IsNullOrWhiteSpace(input.Originator)
            ? current?.Originator ?? scope.Member
            : input.Originator.Trim().ToUpperInvariant();
        var alreadyListed = current?.ReleasableToCodes ?? [];
        var toCheck = releasableTo.Where(c => !alreadyListed.Contains(c, StringComparer.Ordinal)).ToList();
        var checkOriginator = originator is not null && originator != scope.Member && originator != current?.Originator;
        var candidates = toCheck.Where(IsMemberCodeShape).ToList();
        if (checkOriginator && IsMemberCodeShape(originator!))
        {
            candidates.Add(originator!);
        }

        var visible = new HashSet<string>(StringComparer.Ordinal);
        if (candidates.Count > 0)
        {
            // Through the label filter: a member the caller cannot see is, for the caller, no member at all.
            var members = await db.Members.AsNoTracking().Where(m => candidates.Contains(m.Code)).ToListAsync(cancellationToken);
            visible.UnionWith(members.Select(m => m.Code));
        }

        var unknown = toCheck.Where(c => !visible.Contains(c)).ToList();
        if (unknown.Count > 0)
        {
            return new DomainError("label.releasable-to-unknown",
                $"Not a member you can release to: {string.Join(", ", unknown.Take(10).Select(Shorten))}{(unknown.Count > 10 ? " …" : "")}.",
                ErrorKind.Validation, F("releasableTo"));
        }

        if (checkOriginator && !visible.Contains(originator!))
        {
            return new DomainError("label.originator-unknown",
                $"'{Shorten(originator!)}' is not a member you can name as originator.", ErrorKind.Validation, F("originator"));
        }

        var categories = Normalise(input.Categories ?? []);
        var currentCategories = current?.CategoryCodes ?? [];
        var unknownCategories = categories
            .Where(c => !policy.IsKnownCategory(c) && !currentCategories.Contains(c, StringComparer.Ordinal))
            .ToList();
        if (unknownCategories.Count > 0)
        {
            return new DomainError("label.category-unknown",
                $"Not a category of the security policy (or retired): {string.Join(", ", unknownCategories.Take(10).Select(Shorten))}.",
                ErrorKind.Validation, F("categories"));
        }

        if (input.SharingGroupId is { } group && !await IsCallersGroupAsync(db, scope, group, cancellationToken))
        {
            return new DomainError("label.sharing-group-unknown",
                "Not a sharing group your member belongs to.", ErrorKind.Validation, F("sharingGroupId"));
        }

        var tlp = input.Tlp ?? (rank == ClassificationLevels.Public ? TlpMarking.Clear : TlpMarking.Amber);
        if (tlp == TlpMarking.Clear && rank != ClassificationLevels.Public)
        {
            return new DomainError("label.tlp-clear-not-public",
                $"TLP:CLEAR means the information may be published; it cannot mark a {policy.CodeOf(rank)} record.",
                ErrorKind.Validation, F("tlp"));
        }

        var label = Label.Create(rank, releasableTo, originator, input.SharingGroupId, tlp, categories, policy.Id);
        if (!scope.CanRead(label))
        {
            return new DomainError("label.excludes-you",
                scope.Member is null
                    ? "You act for no member, so you could not read a record released to named members only: leave REL TO empty."
                    : $"You could not read a record with this label: add {scope.Member} to REL TO, or leave REL TO empty.",
                ErrorKind.Validation, F("releasableTo"));
        }

        return label;
    }

    private static async Task<bool> IsCallersGroupAsync(EntenteDbContext db, AccessScope scope, Guid group, CancellationToken cancellationToken) =>
        scope.IsSystem
            ? await db.SharingGroups.AnyAsync(g => g.Id == group, cancellationToken)
            : scope.SharingGroups.Contains(group);

    private static List<string> Normalise(IEnumerable<string?> codes) =>
        codes.Where(c => !string.IsNullOrWhiteSpace(c))
            .Select(c => c!.Trim().ToUpperInvariant())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static bool IsMemberCodeShape(string code) => MemberCode().IsMatch(code);

    private static string Shorten(string? text) => PlainText.Shorten(text, 24);

    [GeneratedRegex("^[A-Z][A-Z0-9]{1,7}$", RegexOptions.CultureInvariant)]
    private static partial Regex MemberCode();
}
