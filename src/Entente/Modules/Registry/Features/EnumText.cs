namespace Entente.Modules.Registry.Features;

/// <summary>
/// Reads enum names from query strings and forms the way the JSON API writes them (<c>coChair</c>), in any case.
/// Numbers are refused: they would bypass the names and can name values that do not exist.
/// </summary>
public static class EnumText
{
    /// <summary>True with null for empty text; true with the value for a defined name; false otherwise.</summary>
    public static bool TryParse<T>(string? text, out T? value)
        where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var t = text.Trim().Replace("-", "", StringComparison.Ordinal);
        if (t.Length == 0 || !char.IsAsciiLetter(t[0]) || !Enum.TryParse<T>(t, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    /// <summary>The camel-case name, as the JSON API writes it.</summary>
    public static string ToText<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];
    }
}
