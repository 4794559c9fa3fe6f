using System.Collections.Frozen;
using System.Reflection;

namespace Entente.Modules.Registry.Domain;

/// <summary>
/// ISO 3166-1 country codes (alpha-2, alpha-3, English short name), shipped as an embedded data file.
/// States are registered under their alpha-3 code and nothing else.
/// </summary>
public static class Iso3166
{
    private static readonly Lazy<FrozenDictionary<string, Country>> ByAlpha3 = new(Load);

    public static bool IsAlpha3(string code) => ByAlpha3.Value.ContainsKey(code);

    public static Country? Find(string alpha3) => ByAlpha3.Value.GetValueOrDefault(alpha3.ToUpperInvariant());

    public static IReadOnlyCollection<Country> All => ByAlpha3.Value.Values;

    private static FrozenDictionary<string, Country> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Entente.Registry.iso-3166-1.csv")
            ?? throw new InvalidOperationException("The ISO 3166-1 data file is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var result = new Dictionary<string, Country>(StringComparer.Ordinal);
        reader.ReadLine(); // header
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split(',', 3);
            if (parts.Length == 3)
            {
                result[parts[1]] = new Country(parts[0], parts[1], parts[2]);
            }
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

public sealed record Country(string Alpha2, string Alpha3, string Name);
