using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using Entente.Infrastructure.Labels;
using Entente.Modules.Ledger.Files;
using Entente.Modules.Monitoring.Domain;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Sharing.Contracts;
using FsCheck;
using FsCheck.Fluent;
using NetTopologySuite.Geometries;

namespace Entente.Tests.Fuzz;

/// <summary>Properties of the parsers that hold for every generated input (FsCheck; a failure prints its seed).</summary>
public sealed class ParserPropertyTests
{
    private static readonly Config Checks = Config.QuickThrowOnFailure.WithMaxTest(150);

    private static readonly string[] Donors = ["GBR", "FRA", "DEU", "NLD", "POL", "CAN", "NOR"];
    private static readonly string[] Currencies = ["EUR", "GBP", "USD", "NOK", "PLN"];

    /// <summary>Measure text with everything a CSV writer must quote and a spreadsheet might run as a formula.</summary>
    private static readonly Gen<string> Measures =
        Gen.Elements("Air", "defence", "\"quoted\"", "a,b", "x;y", "tab\there", "=SUM(A1)", "+1", "-2", "@cmd", "Über", "Привіт", "100%", "line\nbreak", "'apostrophe")
            .ArrayOf().Where(a => a.Length is > 0 and < 8)
            .Select(words => "M " + string.Join(' ', words));

    [Fact]
    public void A_csv_written_in_the_export_layout_by_the_export_writer_reimports_to_the_same_pledges()
    {
        var row =
            from donor in Gen.Elements(Donors)
            from days in Gen.Choose(0, 1500)
            from measure in Measures
            from major in Gen.Choose(1, 2_000_000_000)
            from cents in Gen.Choose(0, 99)
            from currency in Gen.Elements(Currencies)
            select (Donor: donor, Day: new DateOnly(2022, 3, 1).AddDays(days), Measure: measure, Minor: ((long)major * 100) + cents, Currency: currency);
        var rows = row.ArrayOf().Where(a => a.Length is > 0 and < 12);

        Prop.ForAll(rows.ToArbitrary(), pledges =>
        {
            var file = ExportLayout(pledges);
            var (sheet, error) = PledgeSheetReader.Read(file, "export.csv", new LedgerImportOptions());
            Assert.Null(error);
            Assert.Equal(pledges.Length, sheet!.Rows.Count);
            for (var i = 0; i < pledges.Length; i++)
            {
                var (donor, day, measure, minor, currency) = pledges[i];
                var (input, errors) = PledgeRowParser.Parse(sheet.Rows[i], sheet, PolicySnapshot.Default);
                Assert.Empty(errors);
                Assert.Equal(donor, input!.Donor);
                Assert.Equal(day, input.AnnouncedOn);
                Assert.Equal(measure, input.Measure);
                Assert.Equal(minor, input.Amount);
                Assert.Equal(currency, input.Currency);
            }
        }).Check(Checks);
    }

    /// <summary>Writes rows as the ledger export does: same writer and options, the marking banner above the header.</summary>
    private static byte[] ExportLayout((string Donor, DateOnly Day, string Measure, long Minor, string Currency)[] pledges)
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions
        {
            WriteByteOrderMark = true,
            Injection = CsvInjection.Escape,
            InjectionEscape = '\'',
            InjectionCharacters = "=+-@\t\r",
            NewLine = "\r\n",
            ValidateFieldCount = false,
        }, leaveOpen: true))
        {
            csv.WriteField("PUBLIC");
            csv.EndRecord();
            foreach (var header in new[] { "donor", "announcement date", "measure", "aid type general", "aid type specific", "currency", "reported value", "source", "funding channel", "classification" })
            {
                csv.WriteField(header);
            }

            csv.EndRecord();
            foreach (var (donor, day, measure, minor, currency) in pledges)
            {
                foreach (var cell in new[]
                {
                    donor, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), measure, "military", "air defence", currency,
                    (minor / 100m).ToString("0.00", CultureInfo.InvariantCulture), "https://example.org/pledge", "bilateral", "PUBLIC",
                })
                {
                    csv.WriteField(cell);
                }

                csv.EndRecord();
            }
        }

        return buffer.ToArray();
    }

    [Fact]
    public void Any_valid_line_of_contact_and_zone_round_trip_through_the_agreement_geojson_unchanged()
    {
        var coordinate =
            from x in Gen.Choose(-179_000_000, 179_000_000)
            from y in Gen.Choose(-89_000_000, 89_000_000)
            select new Coordinate(x / 1e6, y / 1e6);
        var line = coordinate.ArrayOf().Where(a => a.Length >= 2 && a.Length < 60 && a.Zip(a.Skip(1)).All(p => !p.First.Equals2D(p.Second)));
        var cases =
            from points in line
            from corner in coordinate
            from width in Gen.Choose(1, 1000)
            from height in Gen.Choose(1, 1000)
            select (points, corner, width, height);

        Prop.ForAll(cases.ToArbitrary(), t =>
        {
            var (points, corner, width, height) = t;
            var factory = new GeometryFactory(new PrecisionModel(), 4326);
            var contact = factory.CreateLineString(points);
            var (x, y, w, h) = (corner.X, corner.Y, width / 1000.0, height / 1000.0);
            var zone = factory.CreatePolygon([new(x, y), new(x + w, y), new(x + w, y + h), new(x, y + h), new(x, y)]);
            var json = "{\"type\":\"FeatureCollection\",\"features\":[" +
                "{\"type\":\"Feature\",\"properties\":{\"kind\":\"lineOfContact\",\"name\":\"Line\"},\"geometry\":" + System.Text.Json.JsonSerializer.Serialize<Geometry>(contact, ZoneGeometry.Options) + "}," +
                "{\"type\":\"Feature\",\"properties\":{\"kind\":\"securityZone\",\"name\":\"Zone\"},\"geometry\":" + System.Text.Json.JsonSerializer.Serialize<Geometry>(zone, ZoneGeometry.Options) + "}]}";

            var parsed = ZoneGeometry.Parse(json);

            Assert.True(parsed.IsSuccess, parsed.Error?.Detail);
            Assert.True(ZoneGeometry.ReadGeometry(parsed.Value![0].GeoJson).EqualsExact(contact));
            Assert.True(ZoneGeometry.ReadGeometry(parsed.Value[1].GeoJson).EqualsExact(zone));
        }).Check(Checks);
    }

    [Fact]
    public void A_signed_label_sidecar_verifies_for_its_file_and_names_the_hash_when_one_byte_changes()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var key = LabelSigner.FromPem(ecdsa.ExportPkcs8PrivateKeyPem());
        var cases =
            from file in ArbMap.Default.GeneratorFor<byte[]>().Where(b => b.Length > 0)
            from classification in Gen.Elements(ClassificationLevels.Public, ClassificationLevels.Restricted, ClassificationLevels.Confidential, ClassificationLevels.Secret)
            from relTo in Gen.SubListOf(Donors)
            from flip in Gen.Choose(0, int.MaxValue)
            select (file, classification, relTo, flip);

        Prop.ForAll(cases.ToArbitrary(), t =>
        {
            var (file, classification, relTo, flip) = t;
            var label = Label.Create(classification, relTo, "GBR");
            var data = new DataReference("file.bin", "application/octet-stream", file.Length, Convert.ToHexStringLower(SHA256.HashData(file)));
            var (sidecar, _) = LabelSidecar.Create(Guid.NewGuid(), data, label, PolicySnapshot.Default, DateTime.UtcNow, "someone", "GBR", "/export", key);

            var check = LabelSidecar.VerifyAsync(new MemoryStream(file), sidecar, key, CancellationToken.None).GetAwaiter().GetResult();
            Assert.True(check.IsValid, string.Join("; ", check.Problems));
            Assert.Equal(LabelSidecar.Marking(label, PolicySnapshot.Default), check.Marking);

            var changed = (byte[])file.Clone();
            changed[flip % changed.Length] ^= 0x01;
            var tampered = LabelSidecar.VerifyAsync(new MemoryStream(changed), sidecar, key, CancellationToken.None).GetAwaiter().GetResult();
            Assert.Contains(tampered.Problems, p => p.StartsWith("hash:", StringComparison.Ordinal));
        }).Check(Checks.WithMaxTest(60));
    }

    [Fact]
    public void Every_tlp_marking_reads_back_from_its_display_form_in_any_letter_case()
    {
        Prop.ForAll(Gen.Elements(Enum.GetValues<TlpMarking>()).ToArbitrary(), ArbMap.Default.ArbFor<bool>(), (tlp, lower) =>
        {
            var shown = tlp.ToDisplay();
            Assert.True(TlpMarkings.TryParse(lower ? shown.ToLowerInvariant() : shown, out var read), shown);
            Assert.Equal(tlp, read);
        }).Check(Checks.WithMaxTest(40));
    }

    [Fact]
    public void A_pledge_file_re_encoded_as_utf16_or_with_another_separator_reads_the_same_rows()
    {
        var text = "donor;announcement date;measure;aid type general;aid type specific;currency;reported value;source;funding channel;classification\r\n" +
            "GBR;2025-06-23;\"Air defence; missiles\";military;air defence;GBP;1600000000.00;https://example.org/a;bilateral;PUBLIC\r\n";
        var separators = Gen.Elements(';', '\t');
        var encodings = Gen.Elements<Encoding>(new UTF8Encoding(true), new UnicodeEncoding(false, true), new UnicodeEncoding(true, true));

        var cases = from separator in separators from encoding in encodings select (separator, encoding);

        Prop.ForAll(cases.ToArbitrary(), t =>
        {
            var (separator, encoding) = t;
            var file = encoding.GetPreamble().Concat(encoding.GetBytes(text.Replace(';', separator).Replace("Air defence" + separator + " missiles", "Air defence; missiles", StringComparison.Ordinal))).ToArray();
            var (sheet, error) = PledgeSheetReader.Read(file, "pledges.csv", new LedgerImportOptions());
            Assert.Null(error);
            var (input, errors) = PledgeRowParser.Parse(Assert.Single(sheet!.Rows), sheet, PolicySnapshot.Default);
            Assert.Empty(errors);
            Assert.Equal("Air defence; missiles", input!.Measure);
            Assert.Equal(160_000_000_000L, input.Amount);
        }).Check(Checks.WithMaxTest(20));
    }
}
