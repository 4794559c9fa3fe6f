using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Entente.Infrastructure.Problems;

namespace Entente.Modules.Sharing.Domain;

/// <summary>An uploaded file that passed every check: a safe name, a recognised type, its bytes and their SHA-256.</summary>
public sealed record CheckedFile(string FileName, string ContentType, byte[] Bytes, string Sha256);

/// <summary>A kind of file documents may hold: what its content looks like, and the names and types it may claim.</summary>
public sealed record DocumentFileType(string Name, string ContentType, IReadOnlyList<string> Extensions, IReadOnlyList<string> ClaimedTypes);

/// <summary>
/// What an upload must be: a type on the allow-list, recognised from its first bytes (and, for office formats, from
/// the entries of the zip package), and claiming — by extension and by declared content type — to be just that.
/// Anything that can run in a browser or on a desktop (HTML, SVG, scripts, executables, macro-enabled office files)
/// is not on the list, and a file whose name or declared type disagrees with its content is refused rather than
/// corrected: the uploader should know that what they sent is not what it says.
/// </summary>
public static class DocumentFiles
{
    public const string TooLargeCode = "sharing.upload-too-large";
    public const string TypeNotAllowedCode = "sharing.file-type-not-allowed";
    public const string MismatchCode = "sharing.file-type-mismatch";

    public static readonly DocumentFileType Pdf = new("PDF", "application/pdf", [".pdf"], ["application/pdf", "application/x-pdf"]);
    public static readonly DocumentFileType Png = new("PNG image", "image/png", [".png"], ["image/png"]);
    public static readonly DocumentFileType Jpeg = new("JPEG image", "image/jpeg", [".jpg", ".jpeg"], ["image/jpeg", "image/jpg", "image/pjpeg"]);
    public static readonly DocumentFileType Gif = new("GIF image", "image/gif", [".gif"], ["image/gif"]);
    public static readonly DocumentFileType Text = new("plain text", "text/plain; charset=utf-8", [".txt"], ["text/plain"]);
    public static readonly DocumentFileType Csv = new("CSV", "text/csv; charset=utf-8", [".csv"], ["text/csv", "text/plain", "application/csv", "text/comma-separated-values", "application/vnd.ms-excel"]);
    public static readonly DocumentFileType Docx = new("Word document (DOCX)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx"], ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"]);
    public static readonly DocumentFileType Xlsx = new("Excel workbook (XLSX)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".xlsx"], ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]);
    public static readonly DocumentFileType Pptx = new("PowerPoint presentation (PPTX)", "application/vnd.openxmlformats-officedocument.presentationml.presentation", [".pptx"], ["application/vnd.openxmlformats-officedocument.presentationml.presentation"]);
    public static readonly DocumentFileType Odt = new("OpenDocument text (ODT)", "application/vnd.oasis.opendocument.text", [".odt"], ["application/vnd.oasis.opendocument.text"]);
    public static readonly DocumentFileType Ods = new("OpenDocument spreadsheet (ODS)", "application/vnd.oasis.opendocument.spreadsheet", [".ods"], ["application/vnd.oasis.opendocument.spreadsheet"]);

    public static IReadOnlyList<DocumentFileType> Allowed { get; } = [Pdf, Png, Jpeg, Gif, Text, Csv, Docx, Xlsx, Pptx, Odt, Ods];

    /// <summary>The extensions of the allow-list, for forms and messages.</summary>
    public static string AllowedExtensions => string.Join(", ", Allowed.SelectMany(t => t.Extensions));

    private static readonly string[] MarkupStarts = ["<!doctype", "<html", "<head", "<body", "<script", "<svg", "<?xml", "<iframe", "<object", "<embed"];

    /// <summary>Checks a file as uploaded; <paramref name="claimedType"/> is the part's declared content type, if any.</summary>
    public static Result<CheckedFile> Check(string? fileName, string? claimedType, byte[] bytes, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.LongLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        var name = FileNames.Sanitise(fileName);
        if (!name.IsSuccess)
        {
            return name.Error!;
        }

        if (bytes.Length == 0)
        {
            return DomainError.Invalid("file", "The file is empty: there is nothing to share.");
        }

        var extension = Path.GetExtension(name.Value!).ToLowerInvariant();
        var byName = Allowed.FirstOrDefault(t => t.Extensions.Contains(extension, StringComparer.Ordinal));
        if (byName is null)
        {
            return new DomainError(TypeNotAllowedCode,
                $"'{extension switch { "" => "a file without extension", _ => extension }}' files cannot be shared. Documents may be: {AllowedExtensions}. " +
                "Web pages, images with scripts (SVG), scripts, programs and macro-enabled office files are never accepted.",
                ErrorKind.Validation, "file");
        }

        var detected = Sniff(bytes, out var refusal);
        if (refusal is not null)
        {
            return refusal;
        }

        var fitsName = detected is not null && (detected == byName || (detected == Text && byName == Csv));
        if (!fitsName)
        {
            return new DomainError(MismatchCode,
                $"The file is named as {byName.Name} ({extension}) but its content is {(detected is null ? "not a type documents may hold" : detected.Name)}. " +
                "Nothing was stored: send the file under its real name and type.",
                ErrorKind.Validation, "file");
        }

        var claimed = MediaType(claimedType);
        if (claimed is not null && claimed != "application/octet-stream" && !byName.ClaimedTypes.Contains(claimed, StringComparer.Ordinal))
        {
            return new DomainError(MismatchCode,
                $"The file is declared as '{Shorten(claimed)}' but its content is {byName.Name}. Nothing was stored: declare its real type (or none).",
                ErrorKind.Validation, "file");
        }

        return new CheckedFile(name.Value!, byName.ContentType, bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    public static DomainError TooLarge(long maxBytes) => new(TooLargeCode,
        string.Create(CultureInfo.InvariantCulture, $"The file is larger than the {Describe(maxBytes)} a document version may hold. Nothing was stored: share a smaller file, or split it."),
        ErrorKind.Validation, "file");

    /// <summary>A size for people: bytes, KiB or MiB.</summary>
    public static string Describe(long bytes) => bytes switch
    {
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024d * 1024):0.#} MiB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d:0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };

    /// <summary>The type the bytes are, from their signature; null when none on the list; a refusal for active content.</summary>
    public static DocumentFileType? Sniff(byte[] bytes, out DomainError? refusal)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        refusal = null;
        ReadOnlySpan<byte> b = bytes;
        if (b.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }

        if (b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8))
        {
            return Gif;
        }

        if (b.StartsWith("PK\x03\x04"u8))
        {
            return SniffPackage(bytes, out refusal);
        }

        if (b.StartsWith("MZ"u8) || b.StartsWith((ReadOnlySpan<byte>)[0x7F, (byte)'E', (byte)'L', (byte)'F']) || b.StartsWith((ReadOnlySpan<byte>)[0xCA, 0xFE, 0xBA, 0xBE]))
        {
            refusal = new DomainError(TypeNotAllowedCode, "The file is a program; programs cannot be shared.", ErrorKind.Validation, "file");
            return null;
        }

        return SniffText(bytes, out refusal);
    }

    private static DocumentFileType? SniffText(byte[] bytes, out DomainError? refusal)
    {
        refusal = null;
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        // Text is served as text/plain with nosniff, but markup has no business in a plain-text document: an HTML page or
        // an SVG renamed .txt is refused, so that no later viewer is tempted to render it.
        var start = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (MarkupStarts.Any(m => start.StartsWith(m, StringComparison.OrdinalIgnoreCase)))
        {
            refusal = new DomainError(MismatchCode,
                "The file's content is markup (a web page, SVG or XML), not plain text; such content cannot be shared. Nothing was stored.",
                ErrorKind.Validation, "file");
            return null;
        }

        return Text;
    }

    private static DocumentFileType? SniffPackage(byte[] bytes, out DomainError? refusal)
    {
        refusal = null;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (zip.GetEntry("mimetype") is { } mimetype && mimetype.Length < 100)
            {
                using var reader = new StreamReader(mimetype.Open(), Encoding.ASCII);
                var type = reader.ReadToEnd().Trim();
                return type == Odt.ContentType ? Odt : type == Ods.ContentType ? Ods : null;
            }

            if (!names.Contains("[Content_Types].xml"))
            {
                return null;
            }

            if (names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
            {
                refusal = new DomainError(TypeNotAllowedCode, "The office file carries macros; macro-enabled files cannot be shared. Save it without macros.",
                    ErrorKind.Validation, "file");
                return null;
            }

            return names.Contains("word/document.xml") ? Docx
                : names.Contains("xl/workbook.xml") ? Xlsx
                : names.Contains("ppt/presentation.xml") ? Pptx
                : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static string? MediaType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim().ToLowerInvariant();
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}

/// <summary>
/// File names as the platform keeps and shows them: the last path segment only (a name like <c>../../etc/passwd</c> or
/// <c>C:\x\y.pdf</c> keeps <c>passwd</c> or <c>y.pdf</c>), without control or formatting characters (bidirectional
/// overrides that disguise an extension included), without characters file systems reserve, without leading or
/// trailing dots and spaces, not a reserved device name, at most <see cref="MaxLength"/> characters with the extension kept.
/// The stored name is never used as a path: content lives in the database; the name is only displayed and offered to
/// the browser as the download's name.
/// </summary>
public static class FileNames
{
    public const int MaxLength = 200;

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    public static Result<string> Sanitise(string? fileName)
    {
        var name = (fileName ?? "").Normalize(NormalizationForm.FormC);
        var cut = name.LastIndexOfAny(['/', '\\']);
        if (cut >= 0)
        {
            name = name[(cut + 1)..];
        }

        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            var category = char.GetUnicodeCategory(c);
            if (char.IsControl(c) || category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                || "<>:\"|?*".Contains(c, StringComparison.Ordinal))
            {
                continue;
            }

            sb.Append(char.IsWhiteSpace(c) ? ' ' : c);
        }

        name = sb.ToString().Trim(' ', '.');
        var stem = name.Split('.')[0].Trim();
        if (name.Length == 0 || stem.Length == 0)
        {
            return DomainError.Invalid("file",
                "The file has no usable name (it is empty, only dots or a path). Give the file a name such as 'report.pdf'.");
        }

        if (Reserved.Contains(stem))
        {
            name = "_" + name;
        }

        if (name.Length > MaxLength)
        {
            var extension = Path.GetExtension(name);
            extension = extension.Length > 16 ? "" : extension;
            name = name[..(MaxLength - extension.Length)].TrimEnd(' ', '.') + extension;
        }

        return name;
    }
}
