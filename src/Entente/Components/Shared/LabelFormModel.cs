using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Components.Shared;

/// <summary>
/// What <see cref="LabelFields"/> posts: the form-side twin of <see cref="LabelInput"/>. Nest it in a page's form
/// model as <c>Label</c> so that errors named <c>label.*</c> land next to the right field.
/// </summary>
public sealed class LabelFormModel
{
    /// <summary>Classification code.</summary>
    public string Classification { get; set; } = "";

    /// <summary>Member codes; none means every member. A form that ticks none posts nothing, which binds as null.</summary>
    public List<string> ReleasableTo
    {
        get;
        set => field = value ?? [];
    } = [];

    /// <summary>Null for the automatic marking (CLEAR for PUBLIC, AMBER otherwise).</summary>
    public TlpMarking? Tlp { get; set; }

    public List<string> Categories
    {
        get;
        set => field = value ?? [];
    } = [];

    public Guid? SharingGroupId { get; set; }

    /// <summary>Kept from the record's current label; the caller's member for new records.</summary>
    public string? Originator { get; set; }

    public static LabelFormModel From(Label label, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(policy);
        return new LabelFormModel
        {
            Classification = policy.CodeOf(label.Classification),
            ReleasableTo = [.. label.ReleasableToCodes],
            Tlp = label.Tlp,
            Categories = [.. label.CategoryCodes],
            SharingGroupId = label.SharingGroupId,
            Originator = label.Originator,
        };
    }

    public static LabelFormModel From(LabelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new LabelFormModel
        {
            Classification = input.Classification,
            ReleasableTo = [.. input.ReleasableTo ?? []],
            Tlp = input.Tlp,
            Categories = [.. input.Categories ?? []],
            SharingGroupId = input.SharingGroupId,
            Originator = input.Originator,
        };
    }

    public LabelInput ToInput() => new()
    {
        Classification = Classification ?? "",
        ReleasableTo = ReleasableTo,
        Tlp = Tlp,
        Categories = Categories,
        SharingGroupId = SharingGroupId,
        Originator = string.IsNullOrWhiteSpace(Originator) ? null : Originator,
    };
}

/// <summary>A member that can be named in REL TO.</summary>
public sealed record MemberChoice(string Code, string Name);

/// <summary>A sharing group the caller's member belongs to.</summary>
public sealed record SharingGroupChoice(Guid Id, string Name);

/// <summary>
/// What <see cref="LabelFields"/> offers the caller: classifications up to its clearance, the members it can see
/// (grouped), usable categories and its sharing groups. Load it in the page, after the page's own queries, and pass
/// it in.
/// </summary>
public sealed record LabelFieldOptions(
    IReadOnlyList<ClassificationInfo> Classifications,
    IReadOnlyList<MemberChoice> Organisations,
    IReadOnlyList<MemberChoice> States,
    IReadOnlyList<CategoryInfo> Categories,
    IReadOnlyList<SharingGroupChoice> SharingGroups,
    string? CallerMember)
{
    public static LabelFieldOptions Empty { get; } = new([], [], [], [], [], null);

    /// <summary>Loads the choices; pass the record's current label, if any, so that what it carries stays selectable.</summary>
    public static async Task<LabelFieldOptions> LoadAsync(
        EntenteDbContext db, ISecurityPolicyCatalog catalog, Label? current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var policy = catalog.Current;
        var scope = db.CurrentScope;
        var members = await db.Members.AsNoTracking().OrderBy(m => m.Name).ThenBy(m => m.Code).ToListAsync(cancellationToken);
        var groupIds = scope.SharingGroups.ToList();
        var groups = groupIds.Count == 0
            ? []
            : await db.SharingGroups.AsNoTracking()
                .Where(g => groupIds.Contains(g.Id))
                .OrderBy(g => g.Name)
                .Select(g => new SharingGroupChoice(g.Id, g.Name))
                .ToListAsync(cancellationToken);
        var currentCategories = current?.CategoryCodes ?? [];
        return new LabelFieldOptions(
            policy.Classifications.Where(c => c.Rank <= scope.Clearance).OrderBy(c => c.Rank).ToList(),
            members.Where(m => m.Kind != MemberKind.State).Select(m => new MemberChoice(m.Code, m.Name)).ToList(),
            members.Where(m => m.Kind == MemberKind.State).Select(m => new MemberChoice(m.Code, m.Name)).ToList(),
            policy.Categories.Where(c => !c.IsRetired || currentCategories.Contains(c.Code, StringComparer.Ordinal)).ToList(),
            groups,
            scope.Member);
    }
}
