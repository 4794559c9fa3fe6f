using System.Collections.Frozen;

namespace Entente.Modules.Forces.Domain;

/// <summary>
/// A sector of the reassurance force's area of operations. Requirement lines name the sector they serve; an offer's
/// geographic caveat names the sectors its nation allows (or refuses). <see cref="NearLine"/> sectors touch the line of
/// contact, where "no patrolling near the line" caveats bite.
/// </summary>
/// <param name="Code">Upper-case code used in the API and in caveats.</param>
/// <param name="Name">Display name.</param>
/// <param name="Oblasts">The oblasts (names as in the boundary file) the sector covers; empty for theatre-wide sectors.</param>
/// <param name="NearLine">Whether the sector touches the line of contact.</param>
/// <param name="Maritime">Whether the sector is at sea (maritime lines only).</param>
public sealed record ForceSector(string Code, string Name, IReadOnlyList<string> Oblasts, bool NearLine, bool Maritime);

/// <summary>
/// The sectors of the reassurance force. A fixed catalogue: the force plan draws them once, and every requirement and
/// caveat refers to them by code, so an unknown code is refused rather than silently matching nothing.
/// </summary>
public static class ForceSectors
{
    /// <summary>The whole theatre: a line in it can be served from anywhere; a caveat allowing only named sectors excludes it.</summary>
    public const string Theatre = "THEATRE";

    public static readonly IReadOnlyList<ForceSector> All =
    [
        new(Theatre, "Whole theatre", [], NearLine: false, Maritime: false),
        new("KYIV", "Kyiv", ["Kyiv", "Kyiv Oblast"], NearLine: false, Maritime: false),
        new("WEST", "West", ["Lviv Oblast", "Volyn Oblast", "Rivne Oblast", "Zakarpattia Oblast", "Ivano-Frankivsk Oblast", "Ternopil Oblast", "Chernivtsi Oblast", "Khmelnytskyi Oblast"], NearLine: false, Maritime: false),
        new("CENTRE", "Centre", ["Zhytomyr Oblast", "Vinnytsia Oblast", "Cherkasy Oblast", "Kirovohrad Oblast", "Poltava Oblast"], NearLine: false, Maritime: false),
        new("NORTH", "North", ["Chernihiv Oblast", "Sumy Oblast"], NearLine: false, Maritime: false),
        new("EAST", "East", ["Kharkiv Oblast", "Dnipropetrovsk Oblast"], NearLine: true, Maritime: false),
        new("SOUTH", "South", ["Zaporizhia Oblast", "Kherson Oblast"], NearLine: true, Maritime: false),
        new("ODESA", "Odesa and Mykolaiv", ["Odessa Oblast", "Mykolaiv Oblast"], NearLine: false, Maritime: false),
        new("BLACKSEA", "Black Sea", [], NearLine: false, Maritime: true),
    ];

    private static readonly FrozenDictionary<string, ForceSector> ByCode =
        All.ToFrozenDictionary(s => s.Code, StringComparer.OrdinalIgnoreCase);

    /// <summary>The sector with this code (any case), or null.</summary>
    public static ForceSector? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var sector) ? sector : null;
}
