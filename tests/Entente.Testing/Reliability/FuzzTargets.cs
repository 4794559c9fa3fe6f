using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Entente.Infrastructure.Labels;
using Entente.Modules.Audit.Features;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Identity.Features;
using Entente.Modules.Ledger.Contracts;
using Entente.Modules.Ledger.Files;
using Entente.Modules.Ledger.Pages;
using Entente.Modules.Monitoring.Contracts;
using Entente.Modules.Monitoring.Domain;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Sharing.Contracts;
using Entente.Modules.Sharing.Domain;
using MiniExcelLibs;

namespace Entente.Testing.Reliability;

/// <summary>
/// Every parser and importer of the product, each called the way its endpoint or command calls it, with a seed
/// corpus of valid files. A verdict names the product's own error code; anything thrown past that is a finding.
/// </summary>
public static class FuzzTargets
{
    /// <summary>A fixed instant for rules that look at the clock, so a case replays the same way on any day.</summary>
    private static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    private static readonly LedgerImportOptions LedgerOptions = new();

    // Built on first use: the targets' seeds read static fields declared further down.
    private static readonly Lazy<IReadOnlyList<FuzzTarget>> Targets = new(() =>
    [
        LedgerCsv(), LedgerXlsx(), AcledCsv(), ObservationLines(), ObservationCsv(), AgreementGeoJson(), LabelSidecarJson(),
        DocumentFile(), EcbRates(), QueryText(),
    ]);

    public static IReadOnlyList<FuzzTarget> All => Targets.Value;

    public static FuzzTarget Named(string name) =>
        All.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException($"No fuzz target '{name}'. Targets: {string.Join(", ", All.Select(t => t.Name))}.", nameof(name));

    // ---- Ledger: pledge import (POST /api/v1/ledger/imports, `entente import pledges`) ----

    private const string LedgerHeader =
        "donor,announcement date,measure,aid type general,aid type specific,explanation,item,quantity,currency,reported value,source,source publisher,source date,source quote,valuation basis,funding channel,classification,releasable to";

    private static FuzzVerdict ReadPledges(byte[] bytes, string fileName)
    {
        var (sheet, error) = PledgeSheetReader.Read(bytes, fileName, LedgerOptions);
        if (error is not null)
        {
            return Clear(error.Code, error.Status);
        }

        foreach (var row in sheet!.Rows)
        {
            var (input, errors) = PledgeRowParser.Parse(row, sheet, PolicySnapshot.Default);
            if (input is null || errors.Count > 0)
            {
                return FuzzVerdict.Reject("row:" + (errors.Count > 0 ? $"{errors[0].Code}@{errors[0].Column}" : "unread"));
            }
        }

        return FuzzVerdict.Accept($"rows:{Bucket(sheet.Rows.Count)}");
    }

    private static FuzzTarget LedgerCsv() => new(
        "ledger-csv",
        "Pledge import, CSV: PledgeSheetReader.Read then PledgeRowParser.Parse on every row",
        bytes => ReadPledges(bytes, "pledges.csv"),
        [
            ("export-layout.csv", Utf8(LedgerHeader + "\r\n" +
                "GBR,2025-06-23,Air defence missiles,military,air defence,,,,GBP,\"1,600,000,000.00\",https://www.gov.uk/news/air-defence,,,,,bilateral,PUBLIC,\r\n" +
                "DEU,2025-07-01,IRIS-T SLM fire unit,military,air defence,Second unit,IRIS-T SLM,1,EUR,140000000,https://www.bmvg.de/x,BMVg,2025-07-01,\"\"\"A quote, with a comma\"\"\",stated,bilateral,RESTRICTED,\"GBR,FRA\"\r\n")),
            ("semicolon-bom.csv", [0xEF, 0xBB, 0xBF, .. Utf8(LedgerHeader.Replace(',', ';') + "\n" +
                "FRA;2025-03-10;Caesar howitzers;military;artillery;;CAESAR;6;EUR;21000000.00;https://www.defense.gouv.fr/x;;;;;bilateral;PUBLIC;\n")]),
            ("title-banner.csv", Utf8("PUBLIC - TLP:CLEAR\r\nPledges exported 2026-11-30\r\n" + LedgerHeader + "\r\n" +
                "NLD,2025-01-15,Loan for energy repairs,financial,loans,,,,EUR,250000000,https://www.government.nl/x,,,,,immobilised assets,PUBLIC,\r\n")),
        ],
        ["donor", "announcement date", "reported value", "currency", "EUR", "GBP", "XXX", "military", "air defence", "PUBLIC", "SECRET", "REL TO GBR", "1e400"],
        []);

    private static FuzzTarget LedgerXlsx() => new(
        "ledger-xlsx",
        "Pledge import, XLSX: the same reader on a workbook (MiniExcel), with ZIP-aware mutations and bounded zip bombs",
        bytes => ReadPledges(bytes, "pledges.xlsx"),
        [("typed-cells.xlsx", Workbook())],
        ["<c t=\"s\"><v>999999</v></c>", "<v>1e308</v>", "<v>NaN</v>", "<v>-1</v>"],
        [FuzzMutator.MutateZipPart, FuzzMutator.MutateZipPart, FuzzMutator.ZipBomb]);

    private static byte[] Workbook()
    {
        var rows = new List<Dictionary<string, object?>>
        {
            new()
            {
                ["donor"] = "GBR", ["announcement date"] = new DateTime(2025, 6, 23), ["measure"] = "Air defence missiles", ["aid type general"] = "military",
                ["aid type specific"] = "air defence", ["quantity"] = 5000, ["currency"] = "GBP", ["reported value"] = 1_600_000_000.00m,
                ["source"] = "https://www.gov.uk/news/air-defence", ["funding channel"] = "bilateral", ["classification"] = "PUBLIC",
            },
            new()
            {
                ["donor"] = "DEU", ["announcement date"] = new DateTime(2025, 7, 1), ["measure"] = "IRIS-T SLM", ["aid type general"] = "military",
                ["aid type specific"] = "air defence", ["quantity"] = 1, ["currency"] = "EUR", ["reported value"] = 140_000_000.5,
                ["source"] = "https://www.bmvg.de/x", ["funding channel"] = "bilateral", ["classification"] = "PUBLIC",
            },
        };
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, rows, printHeader: true, sheetName: "Pledges", excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    // ---- Monitoring: ACLED-style CSV import (POST /api/v1/observations/acled) ----

    private static FuzzTarget AcledCsv() => new(
        "acled-csv",
        "ACLED-style CSV import: Acled.Read (CsvFormatException is the documented refusal), Acled.ToInput, ObservationRules.Validate",
        bytes =>
        {
            IReadOnlyList<(int Row, Dictionary<string, string> Cells)> rows;
            try
            {
                rows = Acled.Read(Decode(bytes));
            }
            catch (CsvHelper.CsvFormatException)
            {
                return FuzzVerdict.Reject("acled.malformed");
            }

            if (rows.Count == 0)
            {
                return FuzzVerdict.Reject("acled.empty");
            }

            foreach (var (_, cells) in rows)
            {
                if (Acled.ToInput(cells, null, out _) is not { } input)
                {
                    return FuzzVerdict.Reject("row:monitoring.acled-row");
                }

                var checkedRow = ObservationRules.Validate(input, Now);
                if (!checkedRow.IsSuccess)
                {
                    return FuzzVerdict.Reject($"row:{checkedRow.Error!.Code}@{checkedRow.Error.Field}");
                }
            }

            return FuzzVerdict.Accept();
        },
        [
            ("two-rows.csv", Utf8(string.Join(',', Acled.Columns) + "\r\n" +
                "UKR100001,2026-11-28,2026,1,Political violence,Explosions/Remote violence,Shelling/artillery/missile attack,Forces of the East,,1,,,,,,804,Europe,Ukraine,Zaporizhzhia,,,Orikhiv,47.5667,35.7833,1,OSCE report,Other,\"Shelling reported; two impacts, \"\"heavy\"\"\",0,entente:type=explosionImpact; entente:count=2,1764326400\r\n" +
                "UKR100002,28 November 2026,2026,1,Political violence,Battles,Armed clash,Forces of the West,,1,,,,,,804,Europe,Ukraine,Donetsk,,,Toretsk,48.3967,37.8475,2,,Other,'=SUM(A1),0,,1764326400\r\n")),
        ],
        ["event_id_cnty", "event_date", "latitude", "longitude", "sub_event_type", "entente:type=", "entente:count=2147483648", "Armed clash", "geo_precision"],
        []);

    // ---- Monitoring: observation batches (POST /api/v1/observations/batch) ----

    private static FuzzVerdict Batch(Func<StreamReader, Task<Modules.Monitoring.Features.Observations.ParsedBatch?>> read, byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes));
        var parsed = read(reader).GetAwaiter().GetResult();
        if (parsed is null)
        {
            return FuzzVerdict.Reject("monitoring.batch-refused");
        }

        if (parsed.Malformed.Count > 0)
        {
            return FuzzVerdict.Reject("row:" + parsed.Malformed[0].Code);
        }

        foreach (var row in parsed.Rows)
        {
            var checkedRow = ObservationRules.Validate(row.Input, Now);
            if (!checkedRow.IsSuccess)
            {
                return FuzzVerdict.Reject($"row:{checkedRow.Error!.Code}@{checkedRow.Error.Field}");
            }
        }

        return FuzzVerdict.Accept();
    }

    private static async Task<Modules.Monitoring.Features.Observations.ParsedBatch?> Unwrap(Task<Infrastructure.Problems.Result<Modules.Monitoring.Features.Observations.ParsedBatch>> read)
    {
        var result = await read;
        return result.IsSuccess ? result.Value : null;
    }

    private const string ObservationLine =
        "{\"sourceKind\":\"machineFeed\",\"source\":\"acoustic-7\",\"sourceRef\":\"A-1\",\"observedFrom\":\"2026-11-30T06:15:00Z\",\"timePrecision\":\"exact\",\"latitude\":47.91,\"longitude\":37.52,\"means\":\"sensor\",\"type\":\"explosionImpact\",\"count\":3,\"weapon\":\"artillery\",\"calibreMm\":152,\"confidence\":\"high\"}";

    private static FuzzTarget ObservationLines() => new(
        "observation-jsonl",
        "Observation batch as JSON lines: Observations.ReadJsonLinesAsync then ObservationRules.Validate on every row",
        bytes => Batch(r => Unwrap(Modules.Monitoring.Features.Observations.ReadJsonLinesAsync(r, CancellationToken.None)), bytes),
        [
            ("three-lines.jsonl", Utf8(ObservationLine + "\n" + ObservationLine.Replace("A-1", "A-2").Replace("47.91", "48.2") + "\n" +
                "{\"sourceKind\":\"monitorTeam\",\"source\":\"team-3\",\"sourceRef\":\"T3-9\",\"observedFrom\":\"2026-11-29T22:00:00Z\",\"observedTo\":\"2026-11-29T23:30:00Z\",\"timePrecision\":\"minute\",\"latitude\":47.2,\"longitude\":37.6,\"geoPrecision\":\"estimated\",\"observerLatitude\":47.1,\"observerLongitude\":37.55,\"bearingDegrees\":45,\"distanceBand\":\"oneToThreeKm\",\"means\":\"heard\",\"type\":\"shots\",\"weapon\":\"smallArms\",\"count\":20,\"notes\":\"Bursts to the north-east\",\"classification\":\"RESTRICTED\",\"releasableTo\":\"GBR,FRA\"}\n")),
        ],
        ["\"latitude\":", "\"longitude\":1e999", "\"count\":", "\"observedFrom\":\"", "\"type\":\"", "null", "\"\\u0000\"", "\"\\uD800\""],
        [(random, input) => FuzzMutator.Nest(random, input)]);

    private static FuzzTarget ObservationCsv() => new(
        "observation-csv",
        "Observation batch as CSV: Observations.ReadCsvAsync then ObservationRules.Validate on every row",
        bytes => Batch(r => Unwrap(Modules.Monitoring.Features.Observations.ReadCsvAsync(r, CancellationToken.None)), bytes),
        [
            ("two-rows.csv", Utf8(
                "sourceKind,source,sourceRef,observedFrom,timePrecision,latitude,longitude,means,type,count,weapon,notes\r\n" +
                "machineFeed,acoustic-7,A-1,2026-11-30T06:15:00Z,exact,47.91,37.52,sensor,explosionImpact,3,artillery,\"Three impacts, west of the line\"\r\n" +
                "monitorTeam,team-3,T3-9,2026-11-29T22:00:00+02:00,minute,47.2,37.6,heard,shots,20,smallArms,\r\n")),
        ],
        ["sourceKind", "latitude", "observedTo", "bearingDegrees", "calibreMm", "1e309", "2026-11-30T25:00:00Z"],
        []);

    // ---- Monitoring: agreement lines and zones (POST /api/v1/agreements, PUT .../versions) ----

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static FuzzTarget AgreementGeoJson() => new(
        "agreement-geojson",
        "Agreement zones: the body's JSON read as the endpoint binds it (JsonException is a 400), ZoneGeometry.Parse, and each stored geometry read back",
        bytes =>
        {
            JsonElement zones;
            try
            {
                zones = JsonSerializer.Deserialize<JsonElement>(bytes, Web);
            }
            catch (JsonException)
            {
                return FuzzVerdict.Reject("json.malformed");
            }

            var parsed = ZoneGeometry.Parse(zones);
            if (!parsed.IsSuccess)
            {
                return FuzzVerdict.Reject(parsed.Error!.Code);
            }

            foreach (var draft in parsed.Value!)
            {
                _ = ZoneGeometry.ReadGeometry(draft.GeoJson);
            }

            return FuzzVerdict.Accept();
        },
        [("line-and-zones.geojson", Utf8(ZonesJson))],
        ["\"Polygon\"", "\"LineString\"", "\"MultiPolygon\"", "\"GeometryCollection\"", "[181.0,91.0]", "[1e308,-1e308]", "[37.5]", "[[37.36,47.0],[37.64,49.0],[37.64,47.0],[37.36,49.0],[37.36,47.0]]", "\"kind\":\"securityZone\""],
        [BowTie, OutOfRange, ManyVertices]);

    public const string ZonesJson =
        "{\"type\":\"FeatureCollection\",\"features\":[" +
        "{\"type\":\"Feature\",\"properties\":{\"kind\":\"lineOfContact\",\"name\":\"Line of contact\",\"leftSide\":\"West\",\"rightSide\":\"East\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[37.5,47.0],[37.5,49.0]]}}," +
        "{\"type\":\"Feature\",\"properties\":{\"kind\":\"securityZone\",\"name\":\"Security zone\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[37.36,47.0],[37.64,47.0],[37.64,49.0],[37.36,49.0],[37.36,47.0]]]}}," +
        "{\"type\":\"Feature\",\"properties\":{\"kind\":\"withdrawalZone\",\"name\":\"Eastern artillery withdrawal zone\",\"weaponClasses\":[\"artillery\",\"mlrs\"]},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[37.5,47.0],[37.8,47.0],[37.8,49.0],[37.5,49.0],[37.5,47.0]]]}}]}";

    /// <summary>A self-intersecting (bow-tie) polygon in place of the security zone.</summary>
    private static byte[] BowTie(Random random, byte[] input) => Replace(input,
        "[[[37.36,47.0],[37.64,47.0],[37.64,49.0],[37.36,49.0],[37.36,47.0]]]",
        random.Next(2) == 0 ? "[[[37.36,47.0],[37.64,49.0],[37.64,47.0],[37.36,49.0],[37.36,47.0]]]" : "[[[37.36,47.0],[37.64,47.0],[37.36,47.0]]]");

    private static readonly string[] BadCoordinates = ["[37.5,90.0000001]", "[180.5,49.0]", "[-1e308,49.0]", "[37.5,49.0,1e308]", "[37.5]", "[]", "[\"37.5\",49]"];

    private static byte[] OutOfRange(Random random, byte[] input) => Replace(input, "[37.5,49.0]", BadCoordinates[random.Next(BadCoordinates.Length)]);

    /// <summary>A line of contact with thousands of vertices (within the vertex limit, or just beyond it).</summary>
    private static byte[] ManyVertices(Random random, byte[] input)
    {
        var count = random.Next(2) == 0 ? 1000 + random.Next(4000) : ZoneGeometry.MaxVertices + 1;
        var coordinates = string.Join(',', Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"[{37.5 + (i % 2 * 0.001)},{47.0 + (i * 2.0 / count)}]")));
        return Replace(input, "[[37.5,47.0],[37.5,49.0]]", "[" + coordinates + "]");
    }

    // ---- Sharing: label sidecars (`entente labels verify`) ----

    private static readonly Lazy<(LabelSigner Key, byte[] File, string Sidecar)> Sidecar = new(() =>
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = LabelSigner.FromPem(ecdsa.ExportPkcs8PrivateKeyPem());
        var file = Utf8("donor,measure\r\nGBR,Air defence missiles\r\n");
        var data = new DataReference("pledges.csv", "text/csv", file.Length, Convert.ToHexStringLower(SHA256.HashData(file)));
        var label = Label.Create(ClassificationLevels.Restricted, ["GBR", "FRA"], "GBR", categories: null);
        var (document, _) = LabelSidecar.Create(Guid.Parse("0b7f3c1e-2a9d-4f61-9c5e-1d2e3f4a5b6c"), data, label, PolicySnapshot.Default,
            new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc), "secretariat@example.org", "GBR", "/api/v1/ledger/pledges/export", key);
        return (key, file, document);
    });

    private static FuzzTarget LabelSidecarJson() => new(
        "label-sidecar",
        "STANAG 4774-style sidecar check (`entente labels verify`): LabelSidecar.VerifyAsync; FormatException is the documented refusal",
        bytes =>
        {
            var (key, file, _) = Sidecar.Value;
            try
            {
                var check = LabelSidecar.VerifyAsync(new MemoryStream(file), Decode(bytes), key, CancellationToken.None).GetAwaiter().GetResult();
                return check.IsValid ? FuzzVerdict.Accept("verified") : FuzzVerdict.Reject("sidecar.mismatch");
            }
            catch (FormatException)
            {
                return FuzzVerdict.Reject("sidecar.unreadable");
            }
        },
        [("signed.json", Utf8(Sidecar.Value.Sidecar))],
        ["\"size\":", "\"sha256\":", "\"signature\":", "\"keyId\":", "\"value\":", "\"algorithm\":\"ES256\"", "1e400", "-0", "{\"$ref\":1}"],
        [(random, input) => FuzzMutator.Nest(random, input)]);

    // ---- Sharing: document uploads (content sniffing) ----

    private static readonly string[] UploadNames = ["report.pdf", "map.png", "notes.txt", "pledges.csv", "brief.docx", "sheet.xlsx", "photo.jpg", "x", "..\\..\\evil.pdf", "a.pdf.exe", "", "CON.txt"];

    private static FuzzTarget DocumentFile() => new(
        "document-file",
        "Document upload: DocumentFiles.Check (file name, claimed type, content sniffed from the bytes)",
        bytes =>
        {
            // Mostly the name a browser would send for the content; now and then an odd name or a claimed type that lies.
            var odd = bytes.Length % 7;
            var name = odd == 3 ? UploadNames[bytes.Length % UploadNames.Length] : "upload" + (DocumentFiles.Sniff(bytes, out _)?.Extensions[0] ?? ".txt");
            var claimed = odd switch { 5 => "application/pdf", 6 => "application/octet-stream", _ => null };
            var result = DocumentFiles.Check(name, claimed, bytes, 10 * 1024 * 1024);
            return result.IsSuccess ? FuzzVerdict.Accept(result.Value!.ContentType) : FuzzVerdict.Reject(result.Error!.Code);
        },
        [
            ("minimal.pdf", Utf8("%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")),
            ("pixel.png", Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")),
            ("notes.txt", Utf8("Minutes of the coordination call, 30 November 2026.\r\n")),
            ("book.xlsx", Workbook()),
        ],
        ["<script>", "<svg", "<html", "%PDF-", "PK\u0003\u0004", "GIF89a", "\u00FF\u00D8\u00FF", "/JavaScript", "/OpenAction"],
        [FuzzMutator.MutateZipPart]);

    // ---- Ledger: ECB reference rates (`entente fx import`) ----

    private static FuzzTarget EcbRates() => new(
        "ecb-rates",
        "ECB reference-rate file (`entente fx import`): EcbFile.Parse",
        bytes =>
        {
            using var reader = new StreamReader(new MemoryStream(bytes));
            var parsed = EcbFile.Parse(reader);
            if (!parsed.IsSuccess)
            {
                return FuzzVerdict.Reject(parsed.Error!.Code);
            }

            return FuzzVerdict.Accept(parsed.Value!.Count == 0 ? "no-days" : "days");
        },
        [
            ("three-days.csv", Utf8(
                "Date,USD,JPY,BGN,CZK,DKK,GBP,HUF,PLN,RON,SEK,CHF,NOK,TRY,AUD,CAD,\n" +
                "2026-04-13,1.1684,186.75,N/A,24.378,7.4727,0.87058,366.9,4.2543,5.092,10.892,0.9242,11.098,52.2478,1.661,1.6177,\n" +
                "2026-04-10,1.1711,186.43,N/A,24.365,7.4727,0.87105,377.2,4.2435,5.0915,10.836,0.9241,11.1165,52.3147,1.6561,1.62,\n" +
                "2026-04-09,1.17,186.1,N/A,24.36,7.4726,0.871,377,4.24,5.09,10.83,0.924,11.11,52.3,1.656,1.619,\n")),
        ],
        ["N/A", "Date,", "0", "-1", "1e400"],
        []);

    // ---- Query strings and form fields read as text ----

    private static FuzzTarget QueryText() => new(
        "query-text",
        "Text read from query strings and form fields: API token, TLP marking, token expiry, audit time filters, money amounts, pledge cells, member lists",
        bytes =>
        {
            var text = Decode(bytes);
            var accepted = 0;
            accepted += ApiToken.TryParse(text, out _, out _) ? 1 : 0;
            accepted += TlpMarkings.TryParse(text, out _) ? 1 : 0;
            accepted += ApiTokens.TryParseExpiry(text, Now, out _) ? 1 : 0;
            accepted += AuditEntryFilter.TryParseInstant(text, endOfDay: true, out _) ? 1 : 0;
            accepted += AuditEntryFilter.TryParseInstant(text, endOfDay: false, out _) ? 1 : 0;
            accepted += MajorAmount.TryParse(text, "EUR", out _, out _) ? 1 : 0;
            accepted += MajorAmount.TryParse(text, "JPY", out _, out _) ? 1 : 0;
            accepted += MajorAmount.TryParse(text, "KWD", out _, out _) ? 1 : 0;
            accepted += PledgeValues.TryMajorAmount(text, out _, out _) ? 1 : 0;
            accepted += PledgeValues.TryQuantity(text, out _) ? 1 : 0;
            accepted += PledgeValues.TryDate(text, out _) ? 1 : 0;

            // These two take any text (a list, a tag set); they are called for crashes, not counted.
            _ = PledgeValues.MemberCodes(text);
            _ = Acled.ReadTags(text);
            return accepted > 0 ? FuzzVerdict.Accept($"parsers:{accepted}") : FuzzVerdict.Reject("none");
        },
        [
            ("amount-jpy.txt", Utf8("1 600 000 000")),
            ("amount.txt", Utf8("1,600,000,000.00")),
            ("instant.txt", Utf8("2026-11-30T12:00:00Z")),
            ("expiry.txt", Utf8("90d")),
            ("tlp.txt", Utf8("TLP:AMBER+STRICT")),
            ("date.txt", Utf8("2026-11-30")),
        ],
        ["d", "h", "-", "T", "Z", "+14:00", "TLP:", "ent_", "_", "9999-12-31", "0001-01-01"],
        []);

    // ---- helpers ----

    /// <summary>A file-level refusal must carry a status a client understands (400, 413 or 415), never a server error.</summary>
    private static FuzzVerdict Clear(string code, int status) => status is 400 or 413 or 415
        ? FuzzVerdict.Reject(code)
        : throw new InvalidOperationException($"The refusal {code} answers status {status}.");

    private static string Bucket(int n) => n switch { 0 => "0", 1 => "1", < 10 => "few", _ => "many" };

    /// <summary>Decodes as the endpoints do (StreamReader: UTF-8, byte order marks honoured, bad bytes replaced).</summary>
    private static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes));
        return reader.ReadToEnd();
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Replace(byte[] input, string from, string to) =>
        Utf8(Encoding.UTF8.GetString(input).Replace(from, to, StringComparison.Ordinal));
}
