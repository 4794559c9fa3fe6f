using System.Text;
using System.Text.RegularExpressions;
using DiffPlex;
using DiffPlex.Chunkers;

namespace Entente.Modules.Summits.Domain;

/// <summary>What a piece of a diff is: unchanged, only in the older text, or only in the newer.</summary>
public enum DiffKind
{
    Same,
    Deleted,
    Inserted,
}

/// <summary>A run of text and what happened to it between two versions.</summary>
public sealed record DiffSegment(DiffKind Kind, string Text);

/// <summary>How finely two versions are compared.</summary>
public enum DiffGranularity
{
    Words,
    Lines,
}

/// <summary>
/// Compares two versions of a draft for people: by words (whitespace and punctuation kept as their own pieces so the
/// joined segments reproduce both texts exactly) or by lines. Concatenating the Same and Deleted segments gives the
/// older text; Same and Inserted, the newer.
/// </summary>
public static partial class TextDiff
{
    private static readonly CustomFunctionChunker WordPieces = new(s => Pieces().Matches(s).Select(m => m.Value).ToArray());

    public static IReadOnlyList<DiffSegment> Compare(string older, string newer, DiffGranularity granularity)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        IChunker chunker = granularity == DiffGranularity.Lines ? LineEndingsPreservingChunker.Instance : WordPieces;
        var result = Differ.Instance.CreateDiffs(older, newer, ignoreWhiteSpace: false, ignoreCase: false, chunker);
        var segments = new List<DiffSegment>();
        var a = 0;
        foreach (var block in result.DiffBlocks)
        {
            Add(segments, DiffKind.Same, result.PiecesOld, a, block.DeleteStartA - a);
            Add(segments, DiffKind.Deleted, result.PiecesOld, block.DeleteStartA, block.DeleteCountA);
            Add(segments, DiffKind.Inserted, result.PiecesNew, block.InsertStartB, block.InsertCountB);
            a = block.DeleteStartA + block.DeleteCountA;
        }

        Add(segments, DiffKind.Same, result.PiecesOld, a, result.PiecesOld.Count - a);
        return segments;
    }

    private static void Add(List<DiffSegment> segments, DiffKind kind, IReadOnlyList<string> pieces, int start, int count)
    {
        if (count <= 0)
        {
            return;
        }

        var text = new StringBuilder();
        for (var i = start; i < start + count; i++)
        {
            text.Append(pieces[i]);
        }

        // Adjacent runs of one kind read better as one.
        if (segments.Count > 0 && segments[^1].Kind == kind)
        {
            segments[^1] = segments[^1] with { Text = segments[^1].Text + text };
        }
        else
        {
            segments.Add(new DiffSegment(kind, text.ToString()));
        }
    }

    [GeneratedRegex(@"\s+|[\p{L}\p{N}_'’-]+|[^\s\p{L}\p{N}_'’-]", RegexOptions.CultureInvariant)]
    private static partial Regex Pieces();
}
