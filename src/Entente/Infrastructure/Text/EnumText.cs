namespace Entente.Infrastructure.Text;

/// <summary>
/// Reads enum names from query strings, forms, uploaded files and JSON bodies, once for every module. A name is
/// accepted in any case, as the JSON API writes it (<c>heavyMachineGun</c>), as the enum spells it
/// (<c>HeavyMachineGun</c>), or with words joined by dashes or underscores (<c>heavy-machine-gun</c>,
/// <c>HEAVY_MACHINE_GUN</c>). Anything else is refused: numbers (<c>7</c>) would bypass the names and can name
/// values that do not exist, and comma lists (<c>mortar, tank</c>) would combine two values into a third.
/// </summary>
public static class EnumText
{
    /// <summary>Optional text: true with null when empty; true with the value for a defined name; false otherwise.</summary>
    public static bool TryParse<T>(string? text, out T? value)
        where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!TryParseRequired<T>(text, out var parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    /// <summary>Required text: true with the value for a defined name; false when empty or not a name of <typeparamref name="T"/>.</summary>
    public static bool TryParseRequired<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        Span<char> letters = span.Length <= 128 ? stackalloc char[span.Length] : new char[span.Length];
        var length = 0;
        var previousWasSeparator = true;
        foreach (var c in span)
        {
            if (c is '-' or '_')
            {
                // A separator joins two words: none first, last or doubled.
                if (previousWasSeparator)
                {
                    return false;
                }

                previousWasSeparator = true;
                continue;
            }

            if (!char.IsAsciiLetterOrDigit(c) || (length == 0 && !char.IsAsciiLetter(c)))
            {
                return false;
            }

            letters[length++] = c;
            previousWasSeparator = false;
        }

        if (length == 0 || previousWasSeparator)
        {
            return false;
        }

        // Matched against the declared names only (not Enum.TryParse, which also reads numbers and comma lists).
        var name = letters[..length];
        foreach (var (candidateName, candidate) in Declared<T>.All)
        {
            if (name.Equals(candidateName, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>The camel-case name, as the JSON API writes it.</summary>
    public static string ToText<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>Why <paramref name="text"/> was refused as <paramref name="what"/> (e.g. "a weapon class"), naming what is accepted.</summary>
    public static string Refusal<T>(string? text, string what)
        where T : struct, Enum =>
        $"'{PlainText.Shorten(text?.Trim(), 40)}' is not {what}. Use one of: {Names<T>()} (in any case; words may be joined by dashes or underscores; numbers are not accepted).";

    /// <summary>Every name in the JSON API's spelling, for error messages that say what is accepted.</summary>
    public static string Names<T>()
        where T : struct, Enum =>
        string.Join(", ", Declared<T>.All.Select(d => ToText(d.Value)));

    /// <summary>The declared names of <typeparamref name="T"/>, read once (this runs for every row of a bulk upload).</summary>
    private static class Declared<T>
        where T : struct, Enum
    {
        public static readonly (string Name, T Value)[] All = [.. Enum.GetValues<T>().Select(v => (v.ToString(), v))];
    }
}
