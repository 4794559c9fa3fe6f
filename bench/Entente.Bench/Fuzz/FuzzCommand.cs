using System.Globalization;
using Entente.Testing.Reliability;

namespace Entente.Bench.Fuzz;

/// <summary>
/// The full fuzzing run: every target (or one) for a number of seconds from a seed, starting from the seed corpus
/// and the saved cases; new findings are written into tests/Entente.Tests/Fuzz/Corpus/&lt;target&gt;/ so the CI
/// replay keeps them as regression cases.
/// </summary>
public static class FuzzCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        string? only = null;
        var seconds = 60;
        var seed = 20261130;
        long iterations = long.MaxValue;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--target": only = value; i++; break;
                case "--seconds": seconds = int.Parse(value, CultureInfo.InvariantCulture); i++; break;
                case "--seed": seed = int.Parse(value, CultureInfo.InvariantCulture); i++; break;
                case "--iterations": iterations = long.Parse(value, CultureInfo.InvariantCulture); i++; break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        var corpus = CorpusDirectory();
        var targets = only is null ? FuzzTargets.All : [FuzzTargets.Named(only)];
        output.WriteLine($"fuzz: seed {seed}, {seconds} s per target, corpus {corpus}");
        output.WriteLine("| target | iterations | exec/s | accepted | rejected (clear error) | findings |");
        output.WriteLine("|---|---:|---:|---:|---:|---|");
        var total = 0;
        foreach (var target in targets)
        {
            var saved = FuzzEngine.Saved(corpus, target.Name).Select(s => s.Bytes);
            var report = FuzzEngine.Run(target, new FuzzLimits(seed, iterations, TimeSpan.FromSeconds(seconds)), saved);
            var names = new List<string>();
            foreach (var finding in report.Findings)
            {
                FuzzEngine.Save(corpus, finding);
                names.Add($"{finding.FileName} ({finding.Message})");
            }

            total += report.Findings.Count;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {target.Name} | {report.Iterations:N0} | {report.Iterations / Math.Max(0.001, report.Elapsed.TotalSeconds):N0} | {report.Accepted:N0} | {report.Rejected:N0} | {(names.Count == 0 ? "none" : string.Join("; ", names))} |"));
            if (report.RejectionCodes is { } codes)
            {
                output.WriteLine($"    codes: {string.Join(", ", codes.OrderByDescending(c => c.Value).Take(8).Select(c => $"{c.Key} {c.Value:N0}"))}");
            }
        }

        output.WriteLine(total == 0 ? "fuzz: no findings" : $"fuzz: {total} finding(s) written to the corpus");
        return total == 0 ? 0 : 1;
    }

    private static string CorpusDirectory()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Entente.slnx")))
            {
                return Path.Combine(directory.FullName, "tests", "Entente.Tests", "Fuzz", "Corpus");
            }
        }

        throw new InvalidOperationException("Run from inside the repository (no Entente.slnx above the current directory).");
    }
}
