using System.Diagnostics;
using System.Globalization;
using Entente.Modules.Monitoring.Contracts;
using Entente.Modules.Monitoring.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Entente.Bench.Monitoring;

/// <summary>
/// The correlator's spatial clustering against PostGIS <c>ST_ClusterDBSCAN</c> (minpoints 1: single linkage, the same
/// rule) on the same points. Only the spatial part is compared: one family, and a time window longer than the data,
/// so that the correlator links exactly the pairs at most 1,500 m apart (haversine on the sphere of radius
/// <see cref="GeoMath.EarthRadiusMetres"/>). PostGIS clusters planar geometries, so the points lie in bands 0.6° of
/// longitude wide (40–56° N, 100,000 points each, bands 1.5° apart so none links across), each projected by a transverse
/// Mercator on that same sphere centred on its band and shifted 1,000 km east per band: the scale error within a band
/// is under 1e-5, at most about 1.2 cm on 1,500 m, so only pairs within a centimetre or so of the limit could be
/// linked by one and not the other. Bands keep the density, and so the cluster sizes, the same at every size. The
/// partitions are compared point by point (labels differ; the grouping must not). Loading and projecting the points
/// in PostgreSQL is not timed; fetching the labels is.
/// </summary>
public static class CorrelationBenchmark
{
    private const int LongLatSphere = 990_000;
    private const int MercatorSphere = 990_001;
    private const int PointsPerBand = 100_000;
    private const double FirstBand = 22.5;
    private const double BandSpacing = 1.5;

    public static async Task RunAsync(MonitoringBenchOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var n = options.ClusterPoints;
        output.WriteLine($"## Correlation: {n:N0} points, correlator against PostGIS ST_ClusterDBSCAN (eps 1,500 m, minpoints 1)");
        output.WriteLine();
        if (options.Postgres is null)
        {
            output.WriteLine("(skipped: give --postgres \"Host=...;Username=...\" for a server with the postgis extension available)");
            output.WriteLine();
            return;
        }

        var t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var rows = new List<SyntheticObservation>(n);
        var bands = (n + PointsPerBand - 1) / PointsPerBand;
        for (var band = 0; band < bands; band++)
        {
            var centre = FirstBand + (band * BandSpacing);
            rows.AddRange(SyntheticObservations.Generate(Math.Min(PointsPerBand, n - rows.Count), t0, t0.AddDays(30), 40, 56, centre - 0.3, centre + 0.3,
                meanPerEvent: 25, seed: 7 + band));
        }

        var points = rows.Select((o, i) => new CorrelationPoint(new Guid(i, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), TypeFamily.Fire, o.At, o.At, o.Latitude, o.Longitude,
            GeoPrecision.Exact, null, false)).ToList();
        var correlator = new Correlator(new CorrelationOptions
        {
            DistanceMetres = 1_500,
            Window = TimeSpan.FromDays(3650),
            LongestWindow = TimeSpan.FromDays(3650),
        });

        var database = new NpgsqlConnectionStringBuilder(options.Postgres) { Database = "entente_bench_postgis", CommandTimeout = 3600 };
        await PrepareAsync(options.Postgres, database.ConnectionString, rows, bands);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var version = Convert.ToString(await Scalar(connection, "SELECT postgis_lib_version()"), CultureInfo.InvariantCulture);

        int[]? ours = null;
        int[]? theirs = null;
        var ourTimes = new List<TimeSpan>();
        var theirTimes = new List<TimeSpan>();
        for (var round = 0; round < 2; round++)
        {
            GC.Collect();
            var watch = Stopwatch.StartNew();
            var groups = correlator.Link(points, []);
            ours = new int[n];
            for (var g = 0; g < groups.Count; g++)
            {
                foreach (var p in groups[g].Fresh)
                {
                    ours[Index(p.Id)] = g;
                }
            }

            ourTimes.Add(watch.Elapsed);
            watch.Restart();
            theirs = new int[n];
            await using (var command = new NpgsqlCommand("SELECT i, ST_ClusterDBSCAN(geom, eps := 1500, minpoints := 1) OVER () FROM bench_points", connection))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    theirs[reader.GetInt32(0)] = reader.GetInt32(1);
                }
            }

            theirTimes.Add(watch.Elapsed);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  round {round + 1}: correlator {ourTimes[^1].TotalSeconds:F2} s, ST_ClusterDBSCAN {theirTimes[^1].TotalSeconds:F2} s"));
        }

        var (clusters, largest, differing) = Compare(ours!, theirs!);
        var best = ourTimes.Min();
        var theirBest = theirTimes.Min();
        output.WriteLine();
        output.WriteLine("| clusterer | points | clusters | largest | best of 2 | correlator / PostGIS |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Correlator.Link (in process) | {n:N0} | {clusters:N0} | {largest:N0} | {best.TotalSeconds:F2} s | {best / theirBest:F3} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| PostGIS {version} ST_ClusterDBSCAN | {n:N0} | {theirs!.Distinct().Count():N0} | | {theirBest.TotalSeconds:F2} s | |"));
        output.WriteLine();
        output.WriteLine(differing == 0
            ? "Same partition: every pair of points is in one cluster by both or by neither."
            : $"PARTITIONS DIFFER for {differing:N0} points.");
        output.WriteLine(best < theirBest && differing == 0 ? "Target met: faster than ST_ClusterDBSCAN, same clusters." : "TARGET MISSED.");
        output.WriteLine();
        await output.FlushAsync();
    }

    private static int Index(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        return BitConverter.ToInt32(bytes[..4]);
    }

    /// <summary>Clusters, the largest, and how many points sit in clusters that do not correspond one to one.</summary>
    private static (int Clusters, int Largest, int Differing) Compare(int[] a, int[] b)
    {
        var pairs = new Dictionary<(int, int), int>();
        for (var i = 0; i < a.Length; i++)
        {
            pairs[(a[i], b[i])] = pairs.GetValueOrDefault((a[i], b[i])) + 1;
        }

        // Equal partitions: every cluster of one meets exactly one cluster of the other.
        var aMeets = pairs.Keys.GroupBy(k => k.Item1).ToDictionary(g => g.Key, g => g.Count());
        var bMeets = pairs.Keys.GroupBy(k => k.Item2).ToDictionary(g => g.Key, g => g.Count());
        var differing = pairs.Where(p => aMeets[p.Key.Item1] > 1 || bMeets[p.Key.Item2] > 1).Sum(p => p.Value);
        var sizes = a.GroupBy(x => x).Select(g => g.Count()).ToList();
        return (sizes.Count, sizes.Max(), differing);
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql)
    {
#pragma warning disable CA2100 // Constant SQL.
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Creates the bench database and PostGIS, the two spherical reference systems, and the projected points.</summary>
    private static async Task PrepareAsync(string server, string database, List<SyntheticObservation> rows, int bands)
    {
        var name = new NpgsqlConnectionStringBuilder(database).Database!;
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await admin.OpenAsync();
            if (await Scalar(admin, $"SELECT 1 FROM pg_database WHERE datname = '{name}'") is null)
            {
                await Scalar(admin, $"CREATE DATABASE \"{name}\"");
            }
        }

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await Scalar(connection, "CREATE EXTENSION IF NOT EXISTS postgis");
        var systems = new List<string> { string.Create(CultureInfo.InvariantCulture,
            $"({LongLatSphere}, 'entente', {LongLatSphere}, NULL, '+proj=longlat +R={GeoMath.EarthRadiusMetres} +no_defs')") };
        for (var band = 0; band < bands; band++)
        {
            systems.Add(string.Create(CultureInfo.InvariantCulture,
                $"({MercatorSphere + band}, 'entente', {MercatorSphere + band}, NULL, '+proj=tmerc +lat_0=0 +lon_0={FirstBand + (band * BandSpacing)} +k=1 +x_0={band * 1_000_000} +y_0=0 +R={GeoMath.EarthRadiusMetres} +units=m +no_defs')"));
        }

        await Scalar(connection, $"INSERT INTO spatial_ref_sys (srid, auth_name, auth_srid, srtext, proj4text) VALUES {string.Join(", ", systems)} ON CONFLICT (srid) DO UPDATE SET proj4text = EXCLUDED.proj4text, srtext = NULL");
        await Scalar(connection, "DROP TABLE IF EXISTS bench_points; CREATE UNLOGGED TABLE bench_points (i int PRIMARY KEY, band int NOT NULL, lat float8 NOT NULL, lon float8 NOT NULL, geom geometry(Point, 0))");
        await using (var importer = await connection.BeginBinaryImportAsync("COPY bench_points (i, band, lat, lon) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(i, NpgsqlDbType.Integer);
                await importer.WriteAsync(i / PointsPerBand, NpgsqlDbType.Integer);
                await importer.WriteAsync(rows[i].Latitude, NpgsqlDbType.Double);
                await importer.WriteAsync(rows[i].Longitude, NpgsqlDbType.Double);
            }

            await importer.CompleteAsync();
        }

        // Each band through its own projection; the planar coordinates (bands 1,000 km apart) are what DBSCAN reads.
        await Scalar(connection, $"UPDATE bench_points SET geom = ST_SetSRID(ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), {LongLatSphere}), {MercatorSphere} + band), 0)");
        await Scalar(connection, "VACUUM ANALYZE bench_points");
    }
}
