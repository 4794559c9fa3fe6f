using System.Globalization;
using System.Text;
using Entente.Infrastructure.Labels;
using Entente.Modules.Sharing.Domain;

namespace Entente.Demo;

/// <summary>
/// A few shared documents for the demonstration: a draft concept of operations for the co-chairs and the Secretariat
/// (a small PDF written here, in two versions), a public fact sheet, and a working table released to every member.
/// Their contents are invented.
/// </summary>
public static class DemoDocuments
{
    public const string Actor = "demo-documents";

    private static readonly string[] CoChairsAndSecretariat = ["FRA", "GBR", DemoSeeder.SecretariatCode];

    public static IReadOnlyList<Document> Build(DateTime now)
    {
        var gbr = new DocumentActor(Actor, "GBR");
        var secretariat = new DocumentActor(Actor, DemoSeeder.SecretariatCode);
        var documents = new List<Document>();

        var conops = Create("Reassurance force concept of operations (draft)",
            "Draft concept of operations for the multinational reassurance force: phases, command arrangements, sectors and sustainment. For the co-chairs and the Secretariat.",
            Label.Create(ClassificationLevels.Confidential, CoChairsAndSecretariat, "GBR"),
            File("reassurance-force-conops-draft-v1.pdf", Pdf("Reassurance force - concept of operations (DRAFT 1)", "CONFIDENTIAL - REL TO FRA, GBR, CSEC", "Phase 1: air policing and training. Phase 2: land presence away from the line.")),
            "First draft for the co-chairs.", gbr, now.AddDays(-12));
        conops.AddVersion(File("reassurance-force-conops-draft-v2.pdf", Pdf("Reassurance force - concept of operations (DRAFT 2)", "CONFIDENTIAL - REL TO FRA, GBR, CSEC", "Phase 2 revised after the Paris meeting: sectors Kyiv and Centre first.")),
            "Revised after the Paris leaders' meeting.", 1, gbr, now.AddDays(-3));
        documents.Add(conops);

        documents.Add(Create("Coalition of the willing: fact sheet",
            "What the coalition is, who takes part and how it works, for the public.",
            Label.Public,
            File("coalition-fact-sheet.txt", Encoding.UTF8.GetBytes(
                "The coalition of the willing\n\nMore than thirty states and organisations coordinate support to Ukraine and prepare a reassurance force for after a ceasefire.\n" +
                "France and the United Kingdom co-chair it; a secretariat supports the meetings.\n")),
            null, secretariat, now.AddDays(-20)));

        documents.Add(Create("Force-generation timeline (working table)",
            "Milestones of force generation by month, for every member.",
            Label.Create(ClassificationLevels.Restricted, originator: DemoSeeder.SecretariatCode),
            File("force-generation-timeline.csv", Encoding.UTF8.GetBytes(
                "month,milestone\n2026-01,Statement of requirements agreed\n2026-02,First force-generation conference\n2026-04,Offers confirmed\n")),
            "Working copy.", secretariat, now.AddDays(-8)));
        return documents;
    }

    private static Document Create(string title, string description, Label label, CheckedFile file, string? note, DocumentActor actor, DateTime at)
    {
        var created = Document.Create(title, description, label, null, file, note, actor, at);
        return created.Value ?? throw new InvalidOperationException(created.Error!.Detail);
    }

    private static CheckedFile File(string name, byte[] bytes)
    {
        var checkedFile = DocumentFiles.Check(name, null, bytes, long.MaxValue);
        return checkedFile.Value ?? throw new InvalidOperationException(checkedFile.Error!.Detail);
    }

    /// <summary>A one-page PDF with three lines of text (Helvetica), its cross-reference table computed from the offsets.</summary>
    public static byte[] Pdf(params string[] lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var text = new StringBuilder("BT /F1 12 Tf 72 720 Td 16 TL\n");
        foreach (var line in lines)
        {
            text.Append('(').Append(line.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal)).Append(") Tj T*\n");
        }

        text.Append("ET");
        var stream = text.ToString();
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            string.Create(CultureInfo.InvariantCulture, $"<< /Length {Encoding.ASCII.GetByteCount(stream)} >>\nstream\n{stream}\nendstream"),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
