using System.IO.Compression;
using System.Text;

namespace Entente.Testing.Reliability;

/// <summary>
/// Mutations of an input: generic byte-level ones, text games every importer meets in practice (quotes, separators,
/// byte order marks, UTF-16, line endings), number games (huge, NaN, Infinity, out-of-range coordinates), deep JSON
/// nesting, and the target's own structure-aware mutators. One to four mutations are stacked per input.
/// </summary>
public static class FuzzMutator
{
    private static readonly string[] Numbers =
    [
        "0", "-0", "1e308", "-1e309", "1e-400", "NaN", "Infinity", "-Infinity", "99999999999999999999999999999999",
        "9223372036854775808", "-9223372036854775809", "2147483648", "0.000000000000000000000000001", "180.0000001",
        "-90.5", "1,000,000,000,000,000,000", "1.2.3", "0x7fffffff", "١٢٣", "+5", "1_000", "",
    ];

    private static readonly string[] TextGames =
    [
        "\"", "\"\"", ",", ";", "\t", "\r", "\n", "\r\n", "\uFEFF", "\0", "\u2028", "'", "=", "=cmd|' /C calc'!A0", "\\",
        "\uFFFD", "\uD800", "null", "true", "[]", "{}", "\"a\":", "0000-00-00", "2026-02-30", "9999-12-31T23:59:59Z",
    ];

    public static byte[] Mutate(Random random, IReadOnlyList<byte[]> corpus, FuzzTarget target, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(target);
        var input = corpus[random.Next(corpus.Count)];
        var stack = 1 + random.Next(4);
        for (var i = 0; i < stack; i++)
        {
            input = Once(random, input, corpus, target);
            if (input.Length > maxBytes)
            {
                input = input[..maxBytes];
            }
        }

        return input;
    }

    private static byte[] Once(Random random, byte[] input, IReadOnlyList<byte[]> corpus, FuzzTarget target)
    {
        var structure = target.StructureMutators;
        var choice = random.Next(structure.Count > 0 ? 14 : 12);
        if (choice >= 12)
        {
            return structure[random.Next(structure.Count)](random, input);
        }

        if (input.Length == 0 && choice < 4)
        {
            choice = 4;
        }

        switch (choice)
        {
            case 0:
                {
                    var copy = (byte[])input.Clone();
                    var at = random.Next(copy.Length);
                    copy[at] ^= (byte)(1 << random.Next(8));
                    return copy;
                }

            case 1:
                {
                    var copy = (byte[])input.Clone();
                    copy[random.Next(copy.Length)] = (byte)random.Next(256);
                    return copy;
                }

            case 2:
                {
                    var at = random.Next(input.Length);
                    var length = Math.Min(input.Length - at, 1 + random.Next(64));
                    return [.. input[..at], .. input[(at + length)..]];
                }

            case 3:
                {
                    // Duplicate a chunk several times: long fields, many rows, repeated structures.
                    var at = random.Next(input.Length);
                    var length = Math.Min(input.Length - at, 1 + random.Next(256));
                    var chunk = input[at..(at + length)];
                    var times = 1 + random.Next(random.Next(2) == 0 ? 4 : 200);
                    var grown = new List<byte>(input.Length + (chunk.Length * times));
                    grown.AddRange(input[..(at + length)]);
                    for (var t = 0; t < times; t++)
                    {
                        grown.AddRange(chunk);
                    }

                    grown.AddRange(input[(at + length)..]);
                    return [.. grown];
                }

            case 4:
                {
                    var at = random.Next(input.Length + 1);
                    var bytes = new byte[1 + random.Next(16)];
                    random.NextBytes(bytes);
                    return [.. input[..at], .. bytes, .. input[at..]];
                }

            case 5:
                {
                    // Splice: the head of this input and the tail of another.
                    var other = corpus[random.Next(corpus.Count)];
                    var cut = random.Next(input.Length + 1);
                    var from = random.Next(other.Length + 1);
                    return [.. input[..cut], .. other[from..]];
                }

            case 6:
                return InsertText(random, input, target.Tokens.Count > 0 && random.Next(2) == 0
                    ? target.Tokens[random.Next(target.Tokens.Count)]
                    : TextGames[random.Next(TextGames.Length)]);

            case 7:
                return ReplaceNumber(random, input);

            case 8:
                return Reencode(random, input);

            case 9:
                return Nest(random, input);

            case 10:
                {
                    // Swap one separator for another throughout: comma, semicolon, tab.
                    var separators = new[] { (byte)',', (byte)';', (byte)'\t', (byte)'|' };
                    var from = separators[random.Next(separators.Length)];
                    var to = separators[random.Next(separators.Length)];
                    return [.. input.Select(b => b == from ? to : b)];
                }

            default:
                {
                    // Line endings: CRLF to LF or CR, or a line break inserted in the middle of a field.
                    var text = Encoding.UTF8.GetString(input);
                    return Encoding.UTF8.GetBytes(random.Next(3) switch
                    {
                        0 => text.Replace("\r\n", "\n", StringComparison.Ordinal),
                        1 => text.Replace("\r\n", "\r", StringComparison.Ordinal).Replace('\n', '\r'),
                        _ => text.Insert(random.Next(text.Length + 1), "\n"),
                    });
                }
        }
    }

    private static byte[] InsertText(Random random, byte[] input, string token)
    {
        var at = random.Next(input.Length + 1);
        return [.. input[..at], .. Encoding.UTF8.GetBytes(token), .. input[at..]];
    }

    /// <summary>Replaces one run of digits (with its sign and decimal part) by an awkward number.</summary>
    public static byte[] ReplaceNumber(Random random, byte[] input)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(input);
        var starts = new List<int>();
        for (var i = 0; i < input.Length; i++)
        {
            if (char.IsAsciiDigit((char)input[i]) && (i == 0 || !char.IsAsciiDigit((char)input[i - 1])))
            {
                starts.Add(i);
            }
        }

        if (starts.Count == 0)
        {
            return InsertText(random, input, Numbers[random.Next(Numbers.Length)]);
        }

        var start = starts[random.Next(starts.Count)];
        if (start > 0 && input[start - 1] == '-')
        {
            start--;
        }

        var end = start + 1;
        while (end < input.Length && (char.IsAsciiDigit((char)input[end]) || input[end] is (byte)'.' or (byte)'e' or (byte)'E'))
        {
            end++;
        }

        return [.. input[..start], .. Encoding.UTF8.GetBytes(Numbers[random.Next(Numbers.Length)]), .. input[end..]];
    }

    private static byte[] Reencode(Random random, byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        return random.Next(5) switch
        {
            0 => [0xEF, 0xBB, 0xBF, .. input],
            1 => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)],
            2 => [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)],
            3 => Encoding.Unicode.GetBytes(text),
            _ => Encoding.Latin1.GetBytes(text.Replace("e", "é", StringComparison.Ordinal)),
        };
    }

    /// <summary>Wraps a value in deep brackets or objects: JSON readers must refuse depth, not overflow the stack.</summary>
    public static byte[] Nest(Random random, byte[] input)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(input);
        var depth = random.Next(2) == 0 ? 10 + random.Next(60) : 500 + random.Next(5000);
        var (open, close) = random.Next(2) == 0 ? ("[", "]") : ("{\"a\":", "}");
        var nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
        var text = Encoding.UTF8.GetString(input);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || random.Next(3) == 0)
        {
            return Encoding.UTF8.GetBytes(nested);
        }

        // Replace the value after a random colon with the nested one (a field of the right name, an absurd value).
        var colons = Enumerable.Range(0, text.Length).Where(i => text[i] == ':').ToList();
        var at = colons[random.Next(colons.Count)] + 1;
        var end = at;
        while (end < text.Length && text[end] is not (',' or '}' or ']' or '\n'))
        {
            end++;
        }

        return Encoding.UTF8.GetBytes(text[..at] + nested + text[end..]);
    }

    /// <summary>Mutates one part inside a ZIP-based file (XLSX): the archive stays valid, the XML inside does not.</summary>
    public static byte[] MutateZipPart(Random random, byte[] input)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            var parts = new List<(string Name, byte[] Bytes)>();
            using (var archive = new ZipArchive(new MemoryStream(input), ZipArchiveMode.Read))
            {
                foreach (var entry in archive.Entries)
                {
                    using var stream = entry.Open();
                    using var buffer = new MemoryStream();
                    stream.CopyTo(buffer);
                    parts.Add((entry.FullName, buffer.ToArray()));
                }
            }

            if (parts.Count == 0)
            {
                return input;
            }

            var index = random.Next(parts.Count);
            var (name, bytes) = parts[index];
            var text = Encoding.UTF8.GetString(bytes);
            string mutated = random.Next(6) switch
            {
                0 => text.Length == 0 ? text : Cut(random, text),
                1 => Encoding.UTF8.GetString(ReplaceNumber(random, bytes)),
                2 => text.Replace("<c ", "<c t=\"s\" ", StringComparison.Ordinal),
                3 => text.Replace("r=\"", "r=\"ZZ", StringComparison.Ordinal),
                4 => text + "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>",
                _ => text.Insert(random.Next(text.Length + 1), "<x>" + new string('9', 400) + "</x>"),
            };
            if (random.Next(8) == 0)
            {
                parts.RemoveAt(index);
            }
            else
            {
                parts[index] = (name, Encoding.UTF8.GetBytes(mutated));
            }

            return Zip(parts);
        }
        catch (InvalidDataException)
        {
            return input;
        }
    }

    /// <summary>
    /// A zip bomb within bounds: the workbook's sheet replaced by many megabytes of repetitive XML that compress to
    /// almost nothing, sometimes with the archive's directory lying about the size.
    /// </summary>
    public static byte[] ZipBomb(Random random, byte[] input)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(input);
        var megabytes = 1 + random.Next(24);
        var row = "<row><c t=\"inlineStr\"><is><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></is></c></row>";
        var body = new StringBuilder(megabytes * 1024 * 1024 + 200);
        body.Append("<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        while (body.Length < megabytes * 1024 * 1024)
        {
            body.Append(row);
        }

        body.Append("</sheetData></worksheet>");
        var parts = new List<(string Name, byte[] Bytes)>();
        try
        {
            using var archive = new ZipArchive(new MemoryStream(input), ZipArchiveMode.Read);
            foreach (var entry in archive.Entries)
            {
                using var stream = entry.Open();
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                parts.Add((entry.FullName, buffer.ToArray()));
            }
        }
        catch (InvalidDataException)
        {
            return input;
        }

        var sheet = parts.FindIndex(p => p.Name.StartsWith("xl/worksheets/", StringComparison.Ordinal));
        if (sheet < 0)
        {
            return input;
        }

        parts[sheet] = (parts[sheet].Name, Encoding.UTF8.GetBytes(body.ToString()));
        var zipped = Zip(parts);
        return random.Next(2) == 0 ? LieAboutSizes(zipped) : zipped;
    }

    /// <summary>Writes 1 into every uncompressed-size field of the central directory (the reader must not trust it).</summary>
    public static byte[] LieAboutSizes(byte[] zip)
    {
        ArgumentNullException.ThrowIfNull(zip);
        var copy = (byte[])zip.Clone();
        for (var i = 0; i + 46 <= copy.Length; i++)
        {
            if (copy[i] == 0x50 && copy[i + 1] == 0x4B && copy[i + 2] == 0x01 && copy[i + 3] == 0x02)
            {
                BitConverter.TryWriteBytes(copy.AsSpan(i + 24, 4), 1u);
            }
        }

        return copy;
    }

    private static string Cut(Random random, string text)
    {
        var start = random.Next(text.Length);
        return text.Remove(start, Math.Min(text.Length - start, 1 + random.Next(40)));
    }

    public static byte[] Zip(IEnumerable<(string Name, byte[] Bytes)> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in parts)
            {
                using var stream = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
                stream.Write(bytes);
            }
        }

        return output.ToArray();
    }
}
