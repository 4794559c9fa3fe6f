namespace Entente.Infrastructure.Text;

/// <summary>
/// Rules for free text that people type: names, notes, descriptions. Text is stored verbatim (never
/// sanitised or HTML-encoded on the way in; pages encode on the way out), but characters that no person types
/// and that break storage or display are refused: control characters (PostgreSQL rejects NUL outright) and
/// unpaired UTF-16 surrogates (they cannot be encoded as UTF-8).
/// </summary>
public static class PlainText
{
    /// <summary>
    /// True when <paramref name="text"/> holds only printable characters; with <paramref name="multiline"/>, line
    /// breaks and tabs are allowed too.
    /// </summary>
    public static bool IsClean(string text, bool multiline = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
                continue;
            }

            if (char.IsLowSurrogate(c))
            {
                return false;
            }

            if (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Trims <paramref name="text"/> and checks it: present when <paramref name="required"/>, at most
    /// <paramref name="maxLength"/> characters, no control characters. The error names <paramref name="field"/>.
    /// </summary>
    public static Problems.Result<string?> Check(string field, string? text, int maxLength, bool required = false, bool multiline = false)
    {
        var value = TrimToNull(text);
        if (value is null)
        {
            return required ? Problems.DomainError.Invalid(field, $"The {Words(field)} is required.") : (string?)null;
        }

        if (value.Length > maxLength)
        {
            return Problems.DomainError.Invalid(field, $"The {Words(field)} may have at most {maxLength} characters.");
        }

        return IsClean(value, multiline)
            ? value
            : Problems.DomainError.Invalid(field, multiline
                ? $"The {Words(field)} cannot contain control characters."
                : $"The {Words(field)} cannot contain control characters or line breaks.");
    }

    /// <summary>A field path such as <c>source.publisher</c> as words: "source publisher".</summary>
    private static string Words(string field) => field.Replace('.', ' ');

    /// <summary>
    /// Text echoed back in an error message, cut to <paramref name="maxLength"/> characters with an ellipsis, so that
    /// a long or hostile input never fills the message.
    /// </summary>
    public static string Shorten(string? text, int maxLength)
    {
        text ??= "";
        return text.Length <= maxLength ? text : text[..maxLength] + "…";
    }

    /// <summary>Trims; returns null for null, empty or white space.</summary>
    public static string? TrimToNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
