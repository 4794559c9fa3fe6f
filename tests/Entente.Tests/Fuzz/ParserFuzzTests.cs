using Entente.Testing.Reliability;

namespace Entente.Tests.Fuzz;

/// <summary>
/// The reduced fuzzing run of CI: every parser and importer under a few thousand seeded mutations (a few seconds
/// each), then every saved case of the corpus replayed. The full run is `dotnet run -c Release --project
/// bench/Entente.Bench -- fuzz`.
/// </summary>
public sealed class ParserFuzzTests
{
    public static TheoryData<string> Targets => [.. FuzzTargets.All.Select(t => t.Name)];

    /// <summary>The source tree's corpus (the full run writes there), found above the test assembly.</summary>
    public static string CorpusDirectory
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var corpus = Path.Combine(directory.FullName, "tests", "Entente.Tests", "Fuzz", "Corpus");
                if (File.Exists(Path.Combine(directory.FullName, "Entente.slnx")))
                {
                    return corpus;
                }
            }

            throw new InvalidOperationException("The repository (Entente.slnx) is not above the test assembly.");
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_seed_file_of_a_parser_is_accepted(string target)
    {
        var fuzz = FuzzTargets.Named(target);
        foreach (var (name, bytes) in fuzz.Seeds)
        {
            var (verdict, finding) = FuzzEngine.Classify(fuzz, bytes, new FuzzLimits(1, 1, TimeSpan.FromSeconds(30)));
            Assert.Null(finding);
            Assert.True(verdict!.Value.Accepted, $"{target}/{name} was refused: {verdict.Value.Code}");
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void A_parser_answers_thousands_of_mutated_files_with_a_clear_error_and_never_crashes_or_hangs(string target)
    {
        var fuzz = FuzzTargets.Named(target);
        var report = FuzzEngine.Run(fuzz, new FuzzLimits(20261130, 3000, TimeSpan.FromSeconds(6)),
            FuzzEngine.Saved(CorpusDirectory, target).Select(s => s.Bytes));

        Assert.True(report.Iterations >= Math.Min(3000, fuzz.Seeds.Count + 50), $"only {report.Iterations} inputs ran");
        Assert.True(report.Rejected > 0, "no mutated input was refused: the mutations did not reach the parser");
        Assert.True(report.Findings.Count == 0, string.Join("\n", report.Findings.Select(f =>
            $"{f.Kind}: {f.Message} ({f.Input.Length} bytes: {System.Text.Json.JsonSerializer.Serialize(System.Text.Encoding.UTF8.GetString(f.Input[..Math.Min(f.Input.Length, 400)]))})")));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_saved_case_of_the_corpus_is_answered_with_a_clear_error_or_accepted(string target)
    {
        var fuzz = FuzzTargets.Named(target);
        var saved = FuzzEngine.Saved(CorpusDirectory, target);

        Assert.NotEmpty(saved);
        foreach (var (name, bytes) in saved)
        {
            var (verdict, finding) = FuzzEngine.Classify(fuzz, bytes, new FuzzLimits(1, 1, TimeSpan.FromSeconds(30)));
            Assert.True(finding is null, $"{target}/{name}: {finding?.Kind} {finding?.Message}");
            Assert.NotNull(verdict);
        }
    }
}
