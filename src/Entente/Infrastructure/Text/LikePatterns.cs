namespace Entente.Infrastructure.Text;

/// <summary>
/// Patterns for SQL LIKE (SQLite: ASCII case folding) and ILIKE (PostgreSQL) built from what a user typed, with
/// <c>%</c>, <c>_</c> and the escape character itself escaped so that they match literally.
/// </summary>
public static class LikePatterns
{
    /// <summary>The escape character to pass to <c>EF.Functions.Like</c> and <c>ILike</c> with these patterns.</summary>
    public const string Escape = "\\";

    /// <summary>The text with LIKE's wildcards and the escape character escaped.</summary>
    public static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
    }

    /// <summary>A "contains" pattern for the trimmed text.</summary>
    public static string Contains(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "%" + Literal(text.Trim()) + "%";
    }
}
