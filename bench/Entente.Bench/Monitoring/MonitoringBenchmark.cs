using System.Runtime.InteropServices;

namespace Entente.Bench.Monitoring;

/// <summary>The monitoring targets of issue 4, each against its baseline in the same run.</summary>
public static class MonitoringBenchmark
{
    public static async Task<int> RunAsync(MonitoringBenchOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("# Ceasefire monitoring" + (options.Quick ? " (quick)" : ""));
        output.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {DateTime.UtcNow:yyyy-MM-dd}");
        output.WriteLine();
        if (options.Parts.Contains("ingest"))
        {
            await IngestBenchmark.RunAsync(options, output);
        }

        if (options.Parts.Contains("correlation"))
        {
            await CorrelationBenchmark.RunAsync(options, output);
        }

        if (options.Parts.Contains("queries"))
        {
            await QueryBenchmark.RunAsync(options, output);
        }

        return 0;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Entente.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the repository (no Entente.slnx found above the current directory).");
    }
}
