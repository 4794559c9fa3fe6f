using Entente.Bench.Forces;
using Entente.Bench.Fuzz;
using Entente.Bench.Ledger;
using Entente.Bench.Load;
using Entente.Bench.Monitoring;
using Entente.Bench.Reliability;
using Entente.Testing.Reliability;

// dotnet run -c Release --project bench/Entente.Bench -- <benchmark> [options]   (--help lists them)
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("""
        Entente benchmarks. Each measures a product path against a baseline in the same run.

          ledger   ledger aggregates (EF Core, labels applied) against the same aggregates in plain SQL
                   --quick            10,000 pledges and a few iterations (a smoke run for CI)
                   --pledges N        dataset size (default 100,000 pledges, 5 transitions each on average)
                   --iterations N     measured iterations per case (default 30; quick: 5)
                   --warmup N         unmeasured iterations per case (default 3; quick: 1)
                   --rebuild          rebuild the cached database even if it is current
                   --postgres CS      also run on PostgreSQL (a database named entente_bench_<N> is created once)
                   --show-sql         print the SQL that EF Core sends

          monitoring  ceasefire monitoring: bulk ingest over HTTP against a bare insert (SQLite); the correlator against
                   PostGIS ST_ClusterDBSCAN on the same points; the map and dashboard queries (a delegate, the platform)
                   against plain SQL over a large table (SQLite)
                   --quick            small sizes (20,000 ingested, 100,000 clustered, 200,000 queried): a smoke run
                   --observations N   observations ingested through the API (default 200,000)
                   --batch N          rows per batch (default 10,000)
                   --cluster-points N points clustered (default 1,000,000)
                   --query-rows N     observations in the query table (default 10,000,000)
                   --iterations N     measured iterations per query (default 40; quick: 10)
                   --warmup N         unmeasured iterations per query (default 3; quick: 1)
                   --postgres CS      the PostgreSQL server for the PostGIS comparison (needed by correlation)
                   --only PARTS       comma-separated: ingest, correlation, queries (default all)
                   --show-sql         print the SQL EF Core sends for the map's point queries and SQLite's plan of it

          forces   force generation: the CP-SAT solver against a greedy baseline on the same seeded instance
                   --quick            100 lines, 400 offers, 2 s limit (a smoke run)
                   --lines N          requirement lines (default 500)
                   --offers N         national offers (default 2,000)
                   --seed N           instance seed (default 20270101)
                   --time-limit S     solver time limit in seconds (default 10)
                   --workers N        solver workers (default the processor count, at least 8)

          crash    crash safety: SIGKILLs the real host at seeded random moments during bulk ingest, pledge imports and
                   decision procedures, restarts it, and checks exactly-once, no partial batch or import, the audit chain
                   --rounds N         kills per provider (default 20)   --seed N   --writers N (default 3)
                   --postgres CS      also run on PostgreSQL (a fresh database on that server, dropped afterwards)

          faults   database faults under load: PostgreSQL stopped and started under the real host (503 + Retry-After,
                   readiness, recovery, no acknowledged write lost), then a full disk under SQLite (507, integrity)
                   --cycles N         PostgreSQL stop/start cycles (default 3)   --down S   seconds down (default 5)
                   --writers N        concurrent writers (default 2)             --skip-sqlite

          instances  several hosts (child processes) on one PostgreSQL, every job on: cookies and antiforgery across
                   instances, round-robin traffic, one audit chain, each job's effect once (PostgreSQL from
                   ENTENTE_TEST_POSTGRES or --postgres)
                   --instances N      hosts (default 3)
                   --seconds S        traffic duration (default 60)
                   --workers N        concurrent clients (default 8)

          load     a mixed workload (delegates reading, monitor feeds ingesting, analysts and the Secretariat editing)
                   against the real host as a child process, with a /health/live baseline before and after: per
                   operation count, req/s, p50/p95/p99/max, errors; the host's memory over time and a growth verdict
                   --minutes N        workload duration (default 5; --seconds N for shorter runs)
                   --clients N        concurrent clients (default 8)
                   --postgres CS      on PostgreSQL (a database is created on that server and dropped), else SQLite
                   --pledges N        seeded pledges (default 5,000)     --observations N   seeded observations (default 10,000)

          fuzz     every parser and importer under a seeded mutation fuzzer; new findings go to tests/Entente.Tests/Fuzz/Corpus
                   --target NAME      one target (ledger-csv, ledger-xlsx, acled-csv, observation-jsonl, ...; default all)
                   --seconds N        seconds per target (default 60)   --seed N   (default 20261130)
        """);
    return args.Length == 0 ? 1 : 0;
}

return args[0] switch
{
    "ledger" => await LedgerBenchmark.RunAsync(LedgerBenchOptions.Parse(args[1..]), Console.Out),
    "monitoring" => await MonitoringBenchmark.RunAsync(MonitoringBenchOptions.Parse(args[1..]), Console.Out),
    "forces" => await ForcesBenchmark.RunAsync(ForcesBenchOptions.Parse(args[1..]), Console.Out),
    "crash" => await CrashCommand.RunAsync(args[1..], Console.Out),
    "faults" => await DatabaseFaultHarness.RunAsync(DatabaseFaultOptions.Parse(args[1..]), Console.Out),
    "instances" => await InstancesBenchmark.RunAsync(args[1..], Console.Out),
    "load" => await LoadBenchmark.RunAsync(args[1..], Console.Out),
    "fuzz" => FuzzCommand.Run(args[1..], Console.Out),
    _ => Fail($"Unknown benchmark '{args[0]}'. Try --help."),
};

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}
