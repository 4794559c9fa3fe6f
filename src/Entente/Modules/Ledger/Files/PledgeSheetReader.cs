using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using MiniExcelLibs;

namespace Entente.Modules.Ledger.Files;

/// <summary>One cell as a file holds it: its text, and the number or date a spreadsheet typed it as.</summary>
public sealed record SheetCell(string Text, decimal? Number = null, DateTime? Date = null)
{
    public static SheetCell Empty { get; } = new("");

    public bool IsBlank => string.IsNullOrWhiteSpace(Text) && Number is null && Date is null;
}

/// <summary>A data row: its number as a spreadsheet program shows it (the header row and any title rows above it count).</summary>
public sealed record SheetRow(int Number, IReadOnlyDictionary<PledgeColumn, SheetCell> Cells)
{
    public SheetCell this[PledgeColumn column] => Cells.GetValueOrDefault(column, SheetCell.Empty);
}

/// <summary>The rows of an import file under their recognised columns.</summary>
/// <param name="Format">csv or xlsx.</param>
/// <param name="HeaderRow">Row number of the header row.</param>
/// <param name="Headers">Each recognised column with its header as the file writes it.</param>
/// <param name="IgnoredHeaders">Headers the layout does not read (export-only columns included).</param>
/// <param name="Rows">The data rows, blank rows left out.</param>
public sealed record PledgeSheet(
    string Format, int HeaderRow, IReadOnlyDictionary<PledgeColumn, string> Headers, IReadOnlyList<string> IgnoredHeaders, IReadOnlyList<SheetRow> Rows)
{
    /// <summary>The header a message names for a column: the file's own when it has the column, the canonical one otherwise.</summary>
    public string HeaderOf(PledgeColumn column) => Headers.TryGetValue(column, out var header) ? header : PledgeColumns.HeaderOf(column);
}

/// <summary>Why a file as a whole cannot be read; <see cref="Status"/> is the HTTP status of its problem.</summary>
public sealed record ImportFileError(string Code, string Detail, int Status = StatusCodes.Status400BadRequest)
{
    public static ImportFileError Unreadable(string detail) => new("ledger.import-unreadable", detail);
}

/// <summary>Limits of one import; configured under <c>Entente:Ledger:Import</c>.</summary>
public sealed class LedgerImportOptions
{
    public const string Section = "Entente:Ledger:Import";

    /// <summary>Largest file accepted, in bytes (8 MiB: below the host's 10 MiB request limit, with room for the form).</summary>
    public long MaxFileBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Most data rows one import may hold; every one is checked and stored in a single transaction.</summary>
    public int MaxRows { get; set; } = 10_000;

    /// <summary>Most bytes the parts of an XLSX file may expand to, so a small archive cannot unpack into gigabytes.</summary>
    public long MaxUnpackedBytes { get; set; } = 256 * 1024 * 1024;
}

/// <summary>
/// Reads an import file, CSV (UTF-8 or UTF-16 with a byte order mark; comma, semicolon or tab separated) or XLSX (the
/// first worksheet), into a <see cref="PledgeSheet"/>. The header row is the first of the first ten rows that names at
/// least three known columns, so a title or a marking banner above it (as exports write) is skipped. The format is told
/// by the content, not the file name.
/// </summary>
public static class PledgeSheetReader
{
    private const int HeaderSearchRows = 10;
    private const int MinRecognisedHeaders = 3;
    private static readonly char[] Delimiters = [',', ';', '\t'];

    public static async Task<(PledgeSheet? Sheet, ImportFileError? Error)> ReadAsync(
        Stream content, string? fileName, LedgerImportOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        var bytes = await ReadBoundedAsync(content, options.MaxFileBytes, cancellationToken);
        if (bytes is null)
        {
            return (null, TooLarge(options));
        }

        return Read(bytes, fileName, options);
    }

    public static ImportFileError TooLarge(LedgerImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new("ledger.import-file-too-large",
            $"The file is larger than {options.MaxFileBytes / (1024 * 1024)} MiB. Split it into several imports.", StatusCodes.Status413PayloadTooLarge);
    }

    public static (PledgeSheet? Sheet, ImportFileError? Error) Read(byte[] bytes, string? fileName, LedgerImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(options);
        if (bytes.Length == 0)
        {
            return (null, new("ledger.import-empty", "The file is empty."));
        }

        if (bytes.Length > options.MaxFileBytes)
        {
            return (null, TooLarge(options));
        }

        if (StartsWith(bytes, [0x50, 0x4B, 0x03, 0x04]))
        {
            return ReadXlsx(bytes, options);
        }

        if (StartsWith(bytes, [0xD0, 0xCF, 0x11, 0xE0]))
        {
            return (null, Unsupported("The file is an old Excel workbook (.xls). Save it as .xlsx or as CSV UTF-8 and import that."));
        }

        if (StartsWith(bytes, "%PDF"u8.ToArray()))
        {
            return (null, Unsupported("The file is a PDF. Import a CSV or XLSX file in the ledger's layout."));
        }

        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (extension is ".xlsx" or ".xlsm")
        {
            return (null, ImportFileError.Unreadable("The file is named like an XLSX workbook but is not one (an XLSX file is a ZIP archive). Save it again from the spreadsheet program."));
        }

        return ReadCsv(bytes, options);
    }

    private static ImportFileError Unsupported(string detail) =>
        new("ledger.import-unsupported-format", detail, StatusCodes.Status415UnsupportedMediaType);

    private static (PledgeSheet?, ImportFileError?) ReadCsv(byte[] bytes, LedgerImportOptions options)
    {
        string text;
        try
        {
            text = Decode(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            return (null, ImportFileError.Unreadable(
                $"The file is not UTF-8 text (an invalid byte at position {ex.Index}). Save it as \"CSV UTF-8\" and import it again."));
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return (null, Unsupported("The file holds binary data, not CSV text. Import a CSV or XLSX file in the ledger's layout."));
        }

        ImportFileError? firstError = null;

        // Only a separator that finds the header row is tried: read with the wrong one, a well-formed file can look
        // malformed (a quoted field after a semicolon is a stray quote to a comma reader).
        foreach (var delimiter in Delimiters.Where(d => FindsHeader(text, d)))
        {
            var (sheet, error) = ParseCsv(text, delimiter, options);
            if (sheet is not null)
            {
                return (sheet, null);
            }

            // A header found with this delimiter makes its error the one to report (missing columns, too many rows).
            if (error is not null && error.Code != NoHeaderCode)
            {
                return (null, error);
            }

            firstError ??= error;
        }

        return (null, firstError ?? NoHeader());
    }

    private const string NoHeaderCode = "ledger.import-missing-columns";

    /// <summary>True when, read with this separator, one of the first rows names enough known columns to be the header.</summary>
    private static bool FindsHeader(string text, char delimiter)
    {
        try
        {
            using var csv = CsvReader.FromText(text, CsvOptions(delimiter));
            for (var seen = 0; seen < HeaderSearchRows && csv.Read(); seen++)
            {
                var recognised = 0;
                for (var i = 0; i < csv.FieldCount; i++)
                {
                    if (PledgeColumns.Recognise(csv.GetString(i)) is not null)
                    {
                        recognised++;
                    }
                }

                if (recognised >= MinRecognisedHeaders)
                {
                    return true;
                }
            }

            return false;
        }
        catch (CsvFormatException)
        {
            return false;
        }
    }

    private static CsvReaderOptions CsvOptions(char delimiter) => new()
    {
        Separator = delimiter,
        HasHeader = false,
        Mode = CsvMode.Rfc4180,
        AllowLineBreaksInQuotes = true,
        SkipEmptyLines = false,
        TrackLineNumbers = true,
        IncludeValuesInExceptions = false,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
    };

    private static (PledgeSheet?, ImportFileError?) ParseCsv(string text, char delimiter, LedgerImportOptions options)
    {
        var csvOptions = CsvOptions(delimiter);
        try
        {
            using var csv = CsvReader.FromText(text, csvOptions);
            return Build("csv", Rows(csv), options);
        }
        catch (CsvFormatException ex)
        {
            return (null, ImportFileError.Unreadable(
                $"The CSV file is malformed near line {ex.LineNumber}: a quote is not closed or a field is badly quoted. Fields that contain the separator, quotes or line breaks must be enclosed in double quotes, and quotes inside them doubled."));
        }
    }

    private static IEnumerable<(int Number, IReadOnlyList<SheetCell> Cells)> Rows(CsvReader csv)
    {
        var number = 0;
        while (csv.Read())
        {
            number++;
            var cells = new SheetCell[csv.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = new SheetCell(csv.GetString(i));
            }

            yield return (number, cells);
        }
    }

    private static (PledgeSheet?, ImportFileError?) ReadXlsx(byte[] bytes, LedgerImportOptions options)
    {
        try
        {
            using (var archive = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read))
            {
                if (archive.GetEntry("[Content_Types].xml") is null || !archive.Entries.Any(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal)))
                {
                    return (null, Unsupported("The file is a ZIP archive but not an XLSX workbook. Import a CSV or XLSX file in the ledger's layout."));
                }

                if (archive.Entries.Sum(e => e.Length) > options.MaxUnpackedBytes)
                {
                    return (null, new("ledger.import-file-too-large",
                        "The workbook unpacks to more data than an import may hold. Split it into several imports.", StatusCodes.Status413PayloadTooLarge));
                }
            }

            using var stream = new MemoryStream(bytes);
            var sheetName = MiniExcel.GetSheetNames(stream).FirstOrDefault();
            stream.Position = 0;
            if (sheetName is null)
            {
                return (null, ImportFileError.Unreadable("The workbook has no worksheet."));
            }

            var rows = MiniExcel.Query(stream, useHeaderRow: false, sheetName: sheetName, excelType: ExcelType.XLSX);
            return Build("xlsx", XlsxRows(rows), options);
        }
        catch (Exception ex) when (ex is InvalidDataException or System.Xml.XmlException or IOException or InvalidOperationException
            or KeyNotFoundException or FormatException or InvalidCastException or NotSupportedException or ArgumentException or IndexOutOfRangeException)
        {
            return (null, ImportFileError.Unreadable("The XLSX workbook is damaged and cannot be read. Open it in a spreadsheet program, save it again, and import it."));
        }
    }

    private static IEnumerable<(int Number, IReadOnlyList<SheetCell> Cells)> XlsxRows(IEnumerable<dynamic> rows)
    {
        var number = 0;
        foreach (IDictionary<string, object?> row in rows)
        {
            number++;
            yield return (number, row.Values.Select(ToCell).ToList());
        }
    }

    private static SheetCell ToCell(object? value) => value switch
    {
        null => SheetCell.Empty,
        string s => new SheetCell(s),
        DateTime d => new SheetCell(d.TimeOfDay == TimeSpan.Zero
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), Date: d),
        double n => new SheetCell(n.ToString("R", CultureInfo.InvariantCulture), ToDecimal(n)),
        decimal n => new SheetCell(n.ToString(CultureInfo.InvariantCulture), n),
        int n => new SheetCell(n.ToString(CultureInfo.InvariantCulture), n),
        long n => new SheetCell(n.ToString(CultureInfo.InvariantCulture), n),
        bool b => new SheetCell(b ? "TRUE" : "FALSE"),
        IFormattable f => new SheetCell(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => new SheetCell(value.ToString() ?? ""),
    };

    private static decimal? ToDecimal(double n) =>
        double.IsFinite(n) && Math.Abs(n) < 7.9e27 ? (decimal)n : null;

    private static (PledgeSheet?, ImportFileError?) Build(string format, IEnumerable<(int Number, IReadOnlyList<SheetCell> Cells)> source, LedgerImportOptions options)
    {
        using var rows = source.GetEnumerator();
        (int Number, IReadOnlyList<SheetCell> Cells)? header = null;
        var seen = 0;
        while (seen < HeaderSearchRows && rows.MoveNext())
        {
            seen++;
            if (rows.Current.Cells.Count(c => PledgeColumns.Recognise(c.Text) is not null) >= MinRecognisedHeaders)
            {
                header = rows.Current;
                break;
            }
        }

        if (header is not { } h)
        {
            return (null, NoHeader());
        }

        var positions = new Dictionary<PledgeColumn, int>();
        var headers = new Dictionary<PledgeColumn, string>();
        var ignored = new List<string>();
        for (var i = 0; i < h.Cells.Count; i++)
        {
            var text = h.Cells[i].Text.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (PledgeColumns.Recognise(text) is not { } column)
            {
                ignored.Add(text);
                continue;
            }

            if (headers.TryGetValue(column, out var earlier))
            {
                return (null, Unreadable(
                    $"The columns '{PledgeValues.Shorten(earlier)}' and '{PledgeValues.Shorten(text)}' both give the {PledgeColumns.HeaderOf(column)}. Keep one of them."));
            }

            positions[column] = i;
            headers[column] = text;
        }

        var missing = PledgeColumns.Required.Where(c => !headers.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            return (null, new(NoHeaderCode,
                $"The header row (row {h.Number}) lacks the required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(c => $"'{PledgeColumns.HeaderOf(c)}'"))}. See the import guide for the layout."));
        }

        var data = new List<SheetRow>();
        while (rows.MoveNext())
        {
            var (number, cells) = rows.Current;
            if (cells.All(c => c.IsBlank))
            {
                continue;
            }

            if (data.Count == options.MaxRows)
            {
                return (null, new("ledger.import-too-many-rows",
                    $"The file has more than {options.MaxRows:N0} rows of pledges. Split it into several imports.", StatusCodes.Status413PayloadTooLarge));
            }

            var values = new Dictionary<PledgeColumn, SheetCell>();
            foreach (var (column, position) in positions)
            {
                if (position < cells.Count)
                {
                    values[column] = cells[position];
                }
            }

            data.Add(new SheetRow(number, values));
        }

        if (data.Count == 0)
        {
            return (null, new("ledger.import-empty", $"The file has a header row (row {h.Number}) but no pledges below it."));
        }

        return (new PledgeSheet(format, h.Number, headers, ignored, data), null);
    }

    private static ImportFileError Unreadable(string detail) => ImportFileError.Unreadable(detail);

    private static ImportFileError NoHeader() => new(NoHeaderCode,
        $"No header row found: one of the first {HeaderSearchRows} rows must name the columns, at least {string.Join(", ", PledgeColumns.Required.Select(c => $"'{PledgeColumns.HeaderOf(c)}'"))}. See the import guide for the layout.");

    private static string Decode(byte[] bytes)
    {
        if (StartsWith(bytes, [0xEF, 0xBB, 0xBF]))
        {
            return Strict(new UTF8Encoding(false, true), bytes, 3);
        }

        if (StartsWith(bytes, [0xFF, 0xFE]))
        {
            return Strict(new UnicodeEncoding(false, false, true), bytes, 2);
        }

        if (StartsWith(bytes, [0xFE, 0xFF]))
        {
            return Strict(new UnicodeEncoding(true, false, true), bytes, 2);
        }

        return Strict(new UTF8Encoding(false, true), bytes, 0);
    }

    private static string Strict(Encoding encoding, byte[] bytes, int skip) => encoding.GetString(bytes, skip, bytes.Length - skip);

    private static bool StartsWith(byte[] bytes, byte[] prefix) => bytes.AsSpan().StartsWith(prefix);

    private static async Task<byte[]?> ReadBoundedAsync(Stream content, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
