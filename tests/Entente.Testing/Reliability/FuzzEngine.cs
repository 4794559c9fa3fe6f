using System.Diagnostics;
using System.Security.Cryptography;

namespace Entente.Testing.Reliability;

/// <summary>How a parser answered one input: it took it, or it refused it with the product's named error.</summary>
public readonly record struct FuzzVerdict(bool Accepted, string Code)
{
    public static FuzzVerdict Accept(string what = "accepted") => new(true, what);

    public static FuzzVerdict Reject(string code) => new(false, code);
}

/// <summary>
/// One parser as the product calls it. <see cref="Run"/> returns a verdict for every input the product answers with
/// a clear error; anything else it does — an exception other than the documented rejection, running past the time
/// limit, allocating past the allocation limit — is a finding.
/// </summary>
public sealed record FuzzTarget(
    string Name,
    string Description,
    Func<byte[], FuzzVerdict> Run,
    IReadOnlyList<(string Name, byte[] Bytes)> Seeds,
    IReadOnlyList<string> Tokens,
    IReadOnlyList<Func<Random, byte[], byte[]>> StructureMutators);

/// <summary>A finding: what went wrong (kind and a one-line message) and the (reduced) input that makes it happen.</summary>
public sealed record FuzzFinding(string Target, string Kind, string Message, byte[] Input)
{
    /// <summary>A stable file name: the kind and the start of the input's SHA-256.</summary>
    public string FileName => $"{Kind}-{Convert.ToHexStringLower(SHA256.HashData(Input))[..12]}";
}

/// <summary>The outcome of one target's run.</summary>
public sealed record FuzzReport(string Target, long Iterations, long Accepted, long Rejected, TimeSpan Elapsed, IReadOnlyList<FuzzFinding> Findings)
{
    public IReadOnlyDictionary<string, long>? RejectionCodes { get; init; }
}

/// <summary>Limits of a fuzzing run. Every input runs on the thread pool under a time limit and an allocation limit.</summary>
public sealed record FuzzLimits(int Seed, long Iterations, TimeSpan Duration)
{
    /// <summary>How long one input may take before it counts as a hang (generous: the machine is shared and busy).</summary>
    public TimeSpan PerInput { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Most bytes one input may make the parser allocate (inputs are at most <see cref="MaxInputBytes"/>).</summary>
    public long MaxAllocatedBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Largest input the mutator builds.</summary>
    public int MaxInputBytes { get; init; } = 256 * 1024;

    /// <summary>Stop a target after this many distinct findings (a broken parser would otherwise fill the corpus).</summary>
    public int MaxFindings { get; init; } = 10;
}

/// <summary>
/// A managed mutation fuzzer: seeded, bounded by iterations and by time. It starts from the target's seed corpus
/// (and any saved cases), mutates (bit flips, byte insert/delete/duplicate, splices between corpus entries, tokens
/// of the format, number games, deep nesting, and the target's structure-aware mutators), and classifies each
/// outcome. Inputs that give a new (verdict, code) pair join the working corpus, a cheap stand-in for coverage.
/// </summary>
public static class FuzzEngine
{
    /// <summary>Runs one input under the limits; null when the product answered clearly, otherwise the finding.</summary>
    public static (FuzzVerdict? Verdict, FuzzFinding? Finding) Classify(FuzzTarget target, byte[] input, FuzzLimits limits)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(limits);
        var task = Task.Run(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var verdict = target.Run(input);
            return (verdict, GC.GetAllocatedBytesForCurrentThread() - before);
        });
        try
        {
            if (!task.Wait(limits.PerInput))
            {
                // The task keeps running in the background; the caller stops fuzzing this target.
                return (null, new FuzzFinding(target.Name, "hang", $"no answer within {limits.PerInput.TotalSeconds:0} s", input));
            }

            var (verdict, allocated) = task.Result;
            if (allocated > limits.MaxAllocatedBytes)
            {
                return (null, new FuzzFinding(target.Name, "allocation",
                    $"allocated {allocated / (1024 * 1024)} MiB for a {input.Length}-byte input", input));
            }

            return (verdict, null);
        }
        catch (AggregateException ex) when (ex.InnerException is { } inner)
        {
            var at = new StackTrace(inner, false).GetFrames().Select(f => f.GetMethod()).FirstOrDefault(m => m?.DeclaringType is not null);
            var where = at is null ? "" : $" at {at.DeclaringType!.Name}.{at.Name}";
            return (null, new FuzzFinding(target.Name, "exception", $"{inner.GetType().Name}{where}: {FirstLine(inner.Message)}", input));
        }
    }

    /// <summary>Fuzzes one target from its seeds and <paramref name="saved"/> cases; returns what it found (reduced).</summary>
    public static FuzzReport Run(FuzzTarget target, FuzzLimits limits, IEnumerable<byte[]>? saved = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(limits);
        var random = new Random(limits.Seed ^ StableHash(target.Name));
        var corpus = target.Seeds.Select(s => s.Bytes).Concat(saved ?? []).Where(b => b.Length > 0).ToList();
        if (corpus.Count == 0)
        {
            corpus.Add([0]);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var codes = new Dictionary<string, long>(StringComparer.Ordinal);
        var findings = new Dictionary<string, FuzzFinding>(StringComparer.Ordinal);
        long iterations = 0, accepted = 0, rejected = 0;
        var clock = Stopwatch.StartNew();
        while (iterations < limits.Iterations && clock.Elapsed < limits.Duration && findings.Count < limits.MaxFindings)
        {
            // Seeds run unchanged first, so a broken seed is reported as such.
            var input = iterations < corpus.Count ? corpus[(int)iterations] : FuzzMutator.Mutate(random, corpus, target, limits.MaxInputBytes);
            iterations++;
            var (verdict, finding) = Classify(target, input, limits);
            if (finding is not null)
            {
                var reduced = finding.Kind == "exception" ? Reduce(target, finding, limits) : finding;
                findings.TryAdd(reduced.Kind + ":" + reduced.Message, reduced);
                if (finding.Kind == "hang")
                {
                    break;
                }

                continue;
            }

            var v = verdict!.Value;
            if (v.Accepted)
            {
                accepted++;
            }
            else
            {
                rejected++;
            }

            codes[v.Code] = codes.GetValueOrDefault(v.Code) + 1;
            if (seen.Add((v.Accepted ? "+" : "-") + v.Code) && corpus.Count < 512)
            {
                corpus.Add(input);
            }
        }

        return new FuzzReport(target.Name, iterations, accepted, rejected, clock.Elapsed, [.. findings.Values]) { RejectionCodes = codes };
    }

    /// <summary>Cuts chunks out of a failing input while the same failure (same message) persists; bounded.</summary>
    public static FuzzFinding Reduce(FuzzTarget target, FuzzFinding finding, FuzzLimits limits)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(finding);
        var current = finding.Input;
        var attempts = 0;
        for (var chunk = Math.Max(1, current.Length / 2); chunk >= 1 && attempts < 400; chunk /= 2)
        {
            for (var start = 0; start + chunk <= current.Length && attempts < 400;)
            {
                attempts++;
                var candidate = current[..start].Concat(current[(start + chunk)..]).ToArray();
                var (_, again) = Classify(target, candidate, limits with { PerInput = TimeSpan.FromSeconds(5) });
                if (again is { Kind: "exception" } && again.Message == finding.Message)
                {
                    current = candidate;
                }
                else
                {
                    start += chunk;
                }
            }
        }

        return finding with { Input = current };
    }

    /// <summary>The saved cases of a target: every file under <c>&lt;corpus&gt;/&lt;target&gt;/</c>.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Saved(string corpusDirectory, string target)
    {
        var directory = Path.Combine(corpusDirectory, target);
        return Directory.Exists(directory)
            ? [.. Directory.GetFiles(directory).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))]
            : [];
    }

    /// <summary>Writes a finding into the corpus (once: the name is its content hash); returns the path.</summary>
    public static string Save(string corpusDirectory, FuzzFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var directory = Path.Combine(corpusDirectory, finding.Target);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, finding.FileName);
        File.WriteAllBytes(path, finding.Input);
        return path;
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
