using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Security;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Sharing.Domain;
using Entente.Testing;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entente.Tests.Security;

/// <summary>
/// The access-matrix proof. It enumerates every endpoint the host maps (API and pages), so an endpoint added later is
/// covered without touching this file, and proves differentially that records a caller may not read change nothing
/// the caller gets: for each caller it takes every readable answer, adds canary records of every kind the caller fails
/// on (classification, releasability, sharing group), and takes every answer again. Addressed by id, a canary answers
/// exactly like an id that does not exist, every such refusal is audited, and no change addressed to a canary succeeds
/// or touches it.
/// </summary>
public abstract partial class AccessMatrixTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    /// <summary>Endpoints the matrix leaves out, each with the reason. Everything else is covered.</summary>
    private static readonly Dictionary<string, string> Skipped = new(StringComparer.Ordinal)
    {
        ["/account/sign-out"] = "signs the caller out, which would end the matrix's own session",
        ["/health/live"] = "names no record: liveness only",
        ["/health/ready"] = "names no record: database and migrations only",
        ["/api/reference/{**slug}"] = "the static API reference viewer",
        ["/api/reference/{documentName?}"] = "the static API reference viewer",
        ["/api/v1/meetings/feed/{token}.ics"] = "addressed by a per-user secret, not by a record id (the meetings feed tests cover it)",
    };

    /// <summary>Route patterns whose answers change with the matrix's own requests, so they are checked for canaries only, not compared.</summary>
    private static readonly Dictionary<string, string> NotCompared = new(StringComparer.Ordinal)
    {
        ["/api/v1/audit/"] = "the audit log records the matrix's own reads and refusals",
        ["/api/v1/audit"] = "the audit log records the matrix's own reads and refusals",
        ["/audit"] = "the audit log records the matrix's own reads and refusals",
        ["/api/v1/audit/checkpoints"] = "checkpoints follow the chain the matrix itself extends",
        ["/api/v1/me/tokens"] = "lists the token the matrix uses, with its last use",
        ["/api/v1/me/tokens/"] = "lists the token the matrix uses, with its last use",
        ["/account/tokens"] = "lists the token the matrix uses, with its last use",
        ["/api/v1/tokens"] = "lists every token, with its last use",
        ["/api/v1/tokens/"] = "lists every token, with its last use",
        ["/admin/tokens"] = "lists every token, with its last use",
        ["/api/v1/users"] = "lists accounts, which the matrix itself creates",
        ["/api/v1/users/"] = "lists accounts, which the matrix itself creates",
        ["/admin/users"] = "lists accounts, which the matrix itself creates",
        ["/api/v1/exports"] = "lists the export receipts of the matrix's own exports",
        ["/api/v1/exports/"] = "lists the export receipts of the matrix's own exports",
        ["/sharing/exports"] = "lists the export receipts of the matrix's own exports",
        ["/account/sign-in"] = "shows the notice the matrix's own visit to the two-factor step leaves in its cookie",
    };

    private const int MaxIdsPerParameter = 2;
    private const int MaxPathsPerEndpoint = 2;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_path_the_OpenAPI_document_lists_is_among_the_endpoints_the_matrix_enumerates()
    {
        var enumerated = Enumerate().Select(e => RouteParameter().Replace(e.Pattern, "{$1}")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        using var anonymous = app.Anonymous();
        using var document = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.NotEmpty(paths);
        Assert.All(paths, path => Assert.True(enumerated.Contains(path) || enumerated.Contains(path.TrimEnd('/')) || enumerated.Contains(path + "/"),
            $"{path} is in the OpenAPI document but not among the enumerated endpoints"));
        Assert.Contains(Enumerate(), e => e.IsPage);
    }

    [Fact]
    public async Task Records_a_caller_may_not_read_change_nothing_it_gets_and_answer_like_records_that_do_not_exist()
    {
        var clock = Stopwatch.StartNew();
        var world = await SeedWorldAsync();
        var endpoints = Enumerate().Where(e => !Skipped.ContainsKey(e.Pattern)).ToList();
        var reads = endpoints.Where(e => e.Methods.Contains("GET")).ToList();
        var targets = ReadTargets(reads, world);
        var failures = new List<string>();
        var timings = new List<string> { $"world {clock.Elapsed.TotalSeconds:0.0}s" };

        // 1. Every readable answer of every caller, before the canaries exist. Callers run side by side; instants
        // from the start of the run on (last seen, generated at) are set aside.
        var runStart = DateTime.UtcNow.AddSeconds(-30);
        var before = await AnswersAsync(world.Callers, targets, runStart);
        timings.Add($"first pass {clock.Elapsed.TotalSeconds:0.0}s");
        var canaries = await PlantCanariesAsync(world, failures);
        var rowsBefore = await SnapshotAsync(canaries);

        // 3. The same answers again: identical once volatile parts are set aside, and no canary in any of them.
        var again = await AnswersAsync(world.Callers, targets, runStart);
        foreach (var ((caller, path, endpoint), after) in again)
        {
            var leaked = Leak(after.Body, canaries);
            if (leaked is not null)
            {
                failures.Add($"{caller}: GET {path} shows {leaked}");
            }
            else if (!NotCompared.ContainsKey(endpoint.Pattern) && before[(caller, path, endpoint)] is var was && !was.Equals(after))
            {
                failures.Add($"{caller}: GET {path} changed when records it may not read were added: {Difference(was, after)}");
            }
        }

        timings.Add($"second pass {clock.Elapsed.TotalSeconds:0.0}s");

        // 4. Addressed by a canary's id (or code), every read answers like an unknown one, and is audited as a refusal.
        var idReads = reads.Where(e => e.GuidParameters.Count > 0 || e.HasCode).ToList();
        var refused = new List<(string Caller, Guid? UserId, string Path)>();
        var probers = world.Callers.Where(c => c.Probes).ToList();
        for (var ci = 0; ci < probers.Count; ci++)
        {
            var caller = probers[ci];
            foreach (var endpoint in idReads)
            {
                var unknowns = new Dictionary<bool, (string Id, Answer Answer)>();
                foreach (var canary in OnePerKind(canaries, ci).Where(c => c.AddressedBy(endpoint)))
                {
                    if (!unknowns.TryGetValue(canary.IsGuid, out var unknown))
                    {
                        var unknownId = canary.IsGuid ? Guid.NewGuid().ToString("D") : "T" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();
                        unknowns[canary.IsGuid] = unknown = (unknownId, await GetAsync(caller.Client, Address(endpoint, unknownId, world), DateTime.MinValue));
                    }

                    var path = Address(endpoint, canary.Id, world);
                    var answer = await GetAsync(caller.Client, path, DateTime.MinValue);
                    if (answer.Status is >= 200 and < 300)
                    {
                        failures.Add($"{caller.Name}: GET {path} answered {answer.Status} for a {canary.Kind} canary ({canary.Label}) it may not read");
                    }
                    else if (answer.Status != unknown.Answer.Status || answer.Problem(canary.Id) != unknown.Answer.Problem(unknown.Id))
                    {
                        failures.Add($"{caller.Name}: GET {path} for a {canary.Kind} canary answers {answer.Status} {answer.Problem(canary.Id)}, an unknown id {unknown.Answer.Status} {unknown.Answer.Problem(unknown.Id)}");
                    }
                    // The answer may repeat the id it was asked about; anything else of a canary is a leak.
                    else if (Leak(answer.Body.Replace(canary.Id, "{id}", StringComparison.OrdinalIgnoreCase), canaries) is { } leaked)
                    {
                        failures.Add($"{caller.Name}: GET {path} shows {leaked}");
                    }

                    if (answer.Status is 401 or 403 or 404)
                    {
                        refused.Add((caller.Name, caller.UserId, new Uri(new Uri("https://localhost"), path).AbsolutePath));
                    }
                }
            }
        }

        timings.Add($"id reads {clock.Elapsed.TotalSeconds:0.0}s");
        var denied = await app.DbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditActions.AccessDenied && e.OccurredAt >= runStart)
            .Select(e => new { e.ActorUserId, e.Details })
            .ToListAsync(Ct));
        var audited = denied.Select(d => (d.ActorUserId, Path: JsonDocument.Parse(d.Details!).RootElement.GetProperty("path").GetString())).ToHashSet();
        failures.AddRange(refused.Where(r => !audited.Contains((r.UserId, r.Path)))
            .Select(r => $"{r.Caller}: the refused GET {r.Path} left no {AuditActions.AccessDenied} entry"));

        // 5. Changes addressed to a canary fail like changes addressed to an unknown id, and leave the canary as it was.
        var writes = endpoints.Where(e => !e.IsPage && (e.GuidParameters.Count > 0 || e.HasCode) && e.Methods.Any(m => m is not "GET" and not "HEAD")).ToList();
        var writers = world.Callers.Where(c => c.Writes).ToList();
        for (var ci = 0; ci < writers.Count; ci++)
        {
            var caller = writers[ci];
            foreach (var endpoint in writes)
            {
                foreach (var method in endpoint.Methods.Where(m => m is not "GET" and not "HEAD"))
                {
                    var unknowns = new Dictionary<bool, (string Id, Answer Answer)>();
                    foreach (var canary in OnePerKind(canaries, ci).Where(c => c.AddressedBy(endpoint)))
                    {
                        if (!unknowns.TryGetValue(canary.IsGuid, out var unknown))
                        {
                            var unknownId = canary.IsGuid ? Guid.NewGuid().ToString("D") : "T" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();
                            unknowns[canary.IsGuid] = unknown = (unknownId, await SendAsync(caller.Client, method, Address(endpoint, unknownId, world)));
                        }

                        var path = Address(endpoint, canary.Id, world);
                        var answer = await SendAsync(caller.Client, method, path);
                        if (answer.Status is >= 200 and < 300)
                        {
                            failures.Add($"{caller.Name}: {method} {path} succeeded ({answer.Status}) on a {canary.Kind} canary ({canary.Label}) it may not read");
                        }
                        else if (answer.Status != unknown.Answer.Status || answer.Problem(canary.Id) != unknown.Answer.Problem(unknown.Id))
                        {
                            failures.Add($"{caller.Name}: {method} {path} on a {canary.Kind} canary answers {answer.Status} {answer.Problem(canary.Id)}, an unknown id {unknown.Answer.Status} {unknown.Answer.Problem(unknown.Id)}");
                        }
                    }
                }
            }
        }

        timings.Add($"id writes {clock.Elapsed.TotalSeconds:0.0}s");
        var rowsAfter = await SnapshotAsync(canaries);
        failures.AddRange(canaries.Where(c => rowsBefore[c.Id] != rowsAfter[c.Id])
            .Select(c => $"the {c.Kind} canary {c.Id} ({c.Label}) changed: {Difference(rowsBefore[c.Id], rowsAfter[c.Id])}"));

        var summary = $"access matrix on {app.Provider}: {world.Callers.Count} callers, {targets.Count} read targets, {idReads.Count} id reads, " +
            $"{writes.Count} id writes, {canaries.Count} canaries; {string.Join(", ", timings)}, total {clock.Elapsed.TotalSeconds:0.0}s";
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        Assert.True(failures.Count == 0, $"{summary}\n{failures.Count} leak(s):\n" + string.Join('\n', failures.Distinct().Take(100))
            + "\nServer errors:\n" + string.Join('\n', app.Errors.Latest.TakeLast(5)));
    }

    /// <summary>
    /// Every caller's answers to the read targets. Endpoints without route parameters are read by every caller; those
    /// addressed by id by the callers marked <see cref="MatrixCaller.Deep"/>, to keep the run short.
    /// </summary>
    private static async Task<Dictionary<(string Caller, string Path, Target Endpoint), Answer>> AnswersAsync(
        List<MatrixCaller> callers, List<(Target Endpoint, string Path)> targets, DateTime since)
    {
        var perCaller = await Task.WhenAll(callers.Select(async caller =>
        {
            var answers = new List<((string, string, Target), Answer)>();
            foreach (var (endpoint, path) in targets.Where(t => caller.Deep || t.Endpoint.GuidParameters.Count == 0))
            {
                answers.Add(((caller.Name, path, endpoint), await GetAsync(caller.Client, path, since)));
            }

            return answers;
        }));
        return perCaller.SelectMany(a => a).ToDictionary(a => a.Item1, a => a.Item2);
    }

    // ---- the world ----

    private sealed record MatrixCaller(string Name, HttpClient Client, Guid? UserId, AccessScope Scope, bool Probes, bool Writes)
    {
        /// <summary>Reads every endpoint addressed by id too, not only the lists.</summary>
        public bool Deep => Writes || Scope.SharingGroups.Count > 0;
    }

    private sealed record World(List<MatrixCaller> Callers, HttpClient Creator, Guid CanaryGroup, Dictionary<string, string[]> Values, Dictionary<string, List<Guid>> IdsByType);

    private sealed record Canary(string Kind, CanaryLabel Label, string Id, string Marker)
    {
        /// <summary>Records are addressed by a guid, except members, addressed by their code.</summary>
        public bool IsGuid => Guid.TryParse(Id, out _);

        public bool AddressedBy(Target endpoint) => IsGuid ? endpoint.GuidParameters.Count > 0 : endpoint.HasCode;
    }

    /// <summary>The id in the other parameters of a route that names a member: the same for the canary and the unknown code.</summary>
    private const string OtherId = "00000000-0000-0000-0000-00000000c0de";

    /// <summary>The endpoint's path naming <paramref name="id"/>: in its guid parameters, or in its member code.</summary>
    private static string Address(Target endpoint, string id, World world)
    {
        if (Guid.TryParse(id, out _))
        {
            return endpoint.Fill(_ => id, world.Values);
        }

        var values = new Dictionary<string, string[]>(world.Values, StringComparer.OrdinalIgnoreCase) { ["code"] = [id] };
        return endpoint.Fill(_ => OtherId, values);
    }

    private async Task<World> SeedWorldAsync()
    {
        var demo = await app.RunCliAsync("demo", "reset");
        Assert.True(demo.ExitCode == 0, demo.Error);

        // The canaries' group (EST, LVA) and a group one of the callers is in (EST, LTU).
        var canaryGroup = await GroupAsync("Canary group", "EST", "LVA");
        var callersGroup = await GroupAsync("Callers' group", "EST", "LTU");

        var callers = new List<MatrixCaller> { new("anonymous", app.Anonymous(), null, AccessScope.Anonymous, Probes: true, Writes: false) };
        async Task AddAsync(string name, string[] roles, string? member, int clearance, bool probes, bool writes, params Guid[] groups)
        {
            var user = await app.CreateUserAsync(roles, member, clearance, twoFactor: roles.Any(r => r is "Secretariat" or "Administrator"));
            callers.Add(new(name, await app.ClientAsync(user), user.Id, AccessScope.ForUser(clearance, member, groups), probes, writes));
        }

        await AddAsync("delegate GBR CONFIDENTIAL", ["Delegate"], "GBR", ClassificationLevels.Confidential, probes: true, writes: true);
        await AddAsync("delegate POL RESTRICTED", ["Delegate"], "POL", ClassificationLevels.Restricted, probes: false, writes: false);
        await AddAsync("delegate LTU CONFIDENTIAL in a sharing group", ["Delegate"], "LTU", ClassificationLevels.Confidential, probes: true, writes: false, callersGroup);
        await AddAsync("analyst CONFIDENTIAL", ["Analyst"], null, ClassificationLevels.Confidential, probes: false, writes: false);
        await AddAsync("monitor CSEC CONFIDENTIAL", ["Monitor"], "CSEC", ClassificationLevels.Confidential, probes: false, writes: false);
        await AddAsync("secretariat SECRET", ["Secretariat"], "CSEC", ClassificationLevels.Secret, probes: true, writes: true);
        await AddAsync("administrator PUBLIC", ["Administrator"], null, ClassificationLevels.Public, probes: false, writes: false);

        var creator = await app.CreateUserAsync(["Secretariat", "Delegate"], "EST", ClassificationLevels.Secret, twoFactor: true);
        var values = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["code"] = ["GBR", "EST"],
            ["day"] = Days(),
            ["date"] = Days(),
            ["documentName"] = ["v1"],
            ["token"] = ["0"],
        };
        var ids = await IdsByTypeAsync();
        return new World(callers, await app.ClientAsync(creator), canaryGroup, values, ids);

        static string[] Days() => [DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
    }

    private Task<Guid> GroupAsync(string name, params string[] members) => app.DbAsync(async db =>
    {
        var group = new SharingGroup { Id = Guid.NewGuid(), Name = $"{name} {Guid.NewGuid():N}"[..40], OwnerMember = members[0], CreatedAt = DateTime.UtcNow };
        group.Members.AddRange(members.Select(m => new SharingGroupMember { GroupId = group.Id, MemberCode = m, AddedAt = DateTime.UtcNow }));
        db.SharingGroups.Add(group);
        await db.SaveChangesAsync(Ct);
        return group.Id;
    });

    private async Task<List<Canary>> PlantCanariesAsync(World world, List<string> failures)
    {
        var planted = new List<Canary>();
        foreach (var (kind, create, labels) in AccessMatrixCanaries.All)
        {
            foreach (var label in labels)
            {
                var marker = "Cny" + Guid.NewGuid().ToString("N")[..12];
                object input = label switch
                {
                    CanaryLabel.AboveClearance => new { classification = "SECRET", releasableTo = new[] { "EST", "GBR", "POL", "LTU" } },
                    CanaryLabel.ReleasableToAnotherMember => new { classification = "RESTRICTED", releasableTo = new[] { "EST" } },
                    _ => new { classification = "RESTRICTED", sharingGroupId = world.CanaryGroup },
                };
                try
                {
                    var id = await create(new CanarySpec(world.Creator, label, input, marker, "EST"));
                    planted.Add(new Canary(kind, label, id, marker));
                }
                catch (Exception e) when (e is Xunit.Sdk.XunitException or InvalidOperationException or JsonException or KeyNotFoundException)
                {
                    failures.Add($"could not plant the {kind} canary ({label}): {e.Message}");
                }
            }
        }

        // The proof holds only if no caller may read any canary: check it with the same rule the query filter applies.
        var labelsById = await app.DbAsync(async db =>
        {
            var found = new Dictionary<string, Label>();
            foreach (var canary in planted)
            {
                if (await RowAsync(db, canary.Id) is { } row)
                {
                    found[canary.Id] = row.Label;
                }
            }

            return found;
        });
        foreach (var canary in planted)
        {
            Assert.True(labelsById.ContainsKey(canary.Id), $"the {canary.Kind} canary {canary.Id} is not a labelled row");
            Assert.All(world.Callers, c => Assert.False(c.Scope.CanRead(labelsById[canary.Id]), $"{c.Name} may read the {canary.Kind} canary ({canary.Label})"));
        }

        return planted;
    }

    private static IEnumerable<Canary> OnePerKind(List<Canary> canaries, int rotation) =>
        canaries.GroupBy(c => c.Kind).Select(g => g.ElementAt(rotation % g.Count()));

    // ---- endpoints ----

    private sealed record Target(RouteEndpoint Endpoint, string Pattern, IReadOnlyList<string> Methods, bool IsPage, IReadOnlyList<string> GuidParameters, IReadOnlyList<string> OtherParameters)
    {
        /// <summary>Whether the route names a member by its code.</summary>
        public bool HasCode => OtherParameters.Any(p => p.Equals("code", StringComparison.OrdinalIgnoreCase)) && !Pattern.StartsWith("/problems", StringComparison.Ordinal);

        /// <summary>The pattern with guid parameters from <paramref name="guid"/> and the others from <paramref name="values"/>.</summary>
        public string Fill(Func<string, string> guid, Dictionary<string, string[]> values, int variant = 0) =>
            "/" + RouteParameter().Replace(Pattern.TrimStart('/'), m =>
            {
                var name = m.Groups[1].Value;
                if (GuidParameters.Contains(name))
                {
                    return guid(name);
                }

                var numeric = m.Value.Contains(":int", StringComparison.Ordinal) || m.Value.Contains(":long", StringComparison.Ordinal);
                var options = values.TryGetValue(name, out var v) ? v : numeric ? ["1", "2"] : ["GBR"];
                return options[variant % options.Length];
            });
    }

    private List<Target> Enumerate() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetMarker>() is null)
            .Select(e =>
            {
                var pattern = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');
                var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.ToList() ?? ["GET"];
                var guid = e.RoutePattern.Parameters.Where(p => p.ParameterPolicies.Any(pp => pp.Content == "guid")).Select(p => p.Name).ToList();
                var other = e.RoutePattern.Parameters.Select(p => p.Name).Except(guid).ToList();
                return new Target(e, pattern, methods, e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null, guid, other);
            })
            .GroupBy(t => (t.Pattern, string.Join(',', t.Methods)))
            .Select(g => g.First())
            .ToList();

    /// <summary>
    /// Read targets: every GET endpoint, with route ids of existing records of the kinds the route names (by its
    /// parameter name or the segment before it), at most a few per endpoint.
    /// </summary>
    private static List<(Target Endpoint, string Path)> ReadTargets(List<Target> reads, World world)
    {
        var result = new List<(Target, string)>();
        foreach (var endpoint in reads)
        {
            if (endpoint.GuidParameters.Count == 0)
            {
                var variants = endpoint.OtherParameters.Count == 0 ? 1 : 2;
                for (var v = 0; v < variants; v++)
                {
                    result.Add((endpoint, endpoint.Fill(_ => "", world.Values, v)));
                }

                continue;
            }

            var candidates = endpoint.GuidParameters.ToDictionary(p => p, p => CandidatesFor(endpoint.Pattern, p, world.IdsByType));
            var count = Math.Min(MaxPathsPerEndpoint, candidates.Values.Max(c => c.Count));
            for (var i = 0; i < count; i++)
            {
                result.Add((endpoint, endpoint.Fill(p => candidates[p].Count == 0 ? Guid.Empty.ToString("D") : candidates[p][i % candidates[p].Count].ToString("D"), world.Values, i)));
            }
        }

        return result.DistinctBy(t => t.Item2).ToList();
    }

    private static List<Guid> CandidatesFor(string pattern, string parameter, Dictionary<string, List<Guid>> idsByType)
    {
        var hint = parameter.Equals("id", StringComparison.OrdinalIgnoreCase)
            ? pattern[..pattern.IndexOf("{" + parameter, StringComparison.Ordinal)].TrimEnd('/').Split('/').Last()
            : parameter[..^2];
        hint = hint.EndsWith("ies", StringComparison.Ordinal) ? hint[..^3] + "y" : hint.TrimEnd('s');
        hint = hint.Replace("-", "", StringComparison.Ordinal);
        return idsByType.Where(t => t.Key.Contains(hint, StringComparison.OrdinalIgnoreCase))
            .SelectMany(t => t.Value.Take(MaxIdsPerParameter))
            .Take(MaxPathsPerEndpoint)
            .ToList();
    }

    private Task<Dictionary<string, List<Guid>>> IdsByTypeAsync() => app.DbAsync(async db =>
    {
        var result = new Dictionary<string, List<Guid>>();
        foreach (var (type, key) in GuidKeyedTypes(db))
        {
            var ids = await (Task<List<Guid>>)IdsMethod.MakeGenericMethod(type.ClrType).Invoke(null, [db, key])!;
            if (ids.Count > 0)
            {
                result[type.ClrType.Name + " " + type.GetTableName()] = ids;
            }
        }

        return result;
    });

    private static IEnumerable<(Microsoft.EntityFrameworkCore.Metadata.IEntityType Type, string Key)> GuidKeyedTypes(DbContext db) =>
        KeyedTypes(db, typeof(Guid));

    private static IEnumerable<(Microsoft.EntityFrameworkCore.Metadata.IEntityType Type, string Key)> KeyedTypes(DbContext db, Type keyType) =>
        db.Model.GetEntityTypes()
            .Where(t => !t.IsOwned() && !t.HasSharedClrType && t.FindPrimaryKey() is { Properties: [{ ClrType: var k }] } && k == keyType)
            .Select(t => (t, t.FindPrimaryKey()!.Properties[0].Name));

    private static readonly MethodInfo IdsMethod = typeof(AccessMatrixTests<TApp>).GetMethod(nameof(IdsOfAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo RowMethod = typeof(AccessMatrixTests<TApp>).GetMethod(nameof(RowOfAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static async Task<List<Guid>> IdsOfAsync<T>(EntenteDbContext db, string key) where T : class =>
        await db.Set<T>().IgnoreQueryFilters().AsNoTracking().Select(e => EF.Property<Guid>(e, key)).Take(8).ToListAsync();

    private static async Task<(Label Label, string Values)?> RowOfAsync<T, TKey>(EntenteDbContext db, string key, TKey id) where T : class
    {
        var e = System.Linq.Expressions.Expression.Parameter(typeof(T), "e");
        var match = System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(
            System.Linq.Expressions.Expression.Equal(
                System.Linq.Expressions.Expression.Call(typeof(EF), nameof(EF.Property), [typeof(TKey)], e, System.Linq.Expressions.Expression.Constant(key)),
                System.Linq.Expressions.Expression.Constant(id, typeof(TKey))),
            e);
        var row = await db.Set<T>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(match);
        if (row is not ILabelled labelled)
        {
            return null;
        }

        var entry = db.Entry(row);
        var values = entry.Properties.Select(p => $"{p.Metadata.Name}={Format(p.CurrentValue)}")
            .Concat(entry.ComplexProperties.SelectMany(c => c.Properties.Select(p => $"{c.Metadata.Name}.{p.Metadata.Name}={Format(p.CurrentValue)}")));
        return (labelled.Label, string.Join("; ", values));

        static string Format(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null";
    }

    /// <summary>The stored row with <paramref name="id"/>, whichever labelled table holds it, seen by the platform.</summary>
    private static async Task<(Label Label, string Values)?> RowAsync(EntenteDbContext db, string id)
    {
        var (keyType, value) = Guid.TryParse(id, out var guid) ? (typeof(Guid), (object)guid) : (typeof(string), id);
        foreach (var (type, key) in KeyedTypes(db, keyType).Where(t => typeof(ILabelled).IsAssignableFrom(t.Type.ClrType)))
        {
            if (await (Task<(Label, string)?>)RowMethod.MakeGenericMethod(type.ClrType, keyType).Invoke(null, [db, key, value])! is { } row)
            {
                return row;
            }
        }

        return null;
    }

    private Task<Dictionary<string, string>> SnapshotAsync(List<Canary> canaries) => app.DbAsync(async db =>
    {
        var result = new Dictionary<string, string>();
        foreach (var canary in canaries)
        {
            result[canary.Id] = (await RowAsync(db, canary.Id))?.Values ?? "(gone)";
        }

        return result;
    });

    // ---- answers ----

    private sealed record Answer(int Status, string ContentType, string Body)
    {
        /// <summary>What an error answer says, with the addressed id set aside (RFC 9457 type, title, detail).</summary>
        public string Problem(string id)
        {
            var body = Body.Replace(id, "{id}", StringComparison.OrdinalIgnoreCase);
            if (!ContentType.Contains("json", StringComparison.Ordinal))
            {
                return body;
            }

            try
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                string Get(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) ? v.ToString() : "";
                return $"{Get("type")} | {Get("title")} | {Get("detail")} | {Get("code")} | {Get("field")}";
            }
            catch (JsonException)
            {
                return body;
            }
        }
    }

    private static async Task<Answer> GetAsync(HttpClient client, string path, DateTime passStart)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        return await ReadAsync(response, passStart);
    }

    private static async Task<Answer> SendAsync(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, Ct);
        return await ReadAsync(response, DateTime.MinValue);
    }

    private static async Task<Answer> ReadAsync(HttpResponseMessage response, DateTime passStart)
    {
        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        var text = type.StartsWith("text/", StringComparison.Ordinal) || type.Contains("json", StringComparison.Ordinal) || type.Contains("xml", StringComparison.Ordinal)
            || type.Contains("calendar", StringComparison.Ordinal) || type.Contains("csv", StringComparison.Ordinal)
            ? Encoding.UTF8.GetString(bytes)
            // Binary answers (spreadsheets, PDFs) carry build times inside; their size still tells whether rows changed.
            : $"<{bytes.Length / 64} blocks of binary>";
        var location = response.Headers.Location?.ToString();
        return new Answer((int)response.StatusCode, type, Normalise((location is null ? "" : $"-> {location}\n") + text, passStart));
    }

    /// <summary>Sets aside what differs on every request: tokens, nonces, trace ids, and instants from this pass on.</summary>
    private static string Normalise(string body, DateTime passStart)
    {
        body = Volatile().Replace(body, m => m.Groups["keep"].Value + "~");
        return Instant().Replace(body, m =>
            DateTime.TryParse(m.Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            && passStart != DateTime.MinValue && at >= passStart.AddTicks(-(passStart.Ticks % TimeSpan.TicksPerMinute)).AddSeconds(-2) ? "<now>" : m.Value);
    }

    [GeneratedRegex("""(?<keep>__RequestVerificationToken"[^>]*?value=")[^"]+|(?<keep>nonce=")[^"]+|(?<keep>"(traceId|requestId|exportId|batchId)":\s*")[^"]*|(?<keep>entente-[a-z]+-)\d{8}-\d{6}|(?<keep>DTSTAMP:)\S+|(?<keep>ETag:\s*)\S+|(?<keep>Reference:</strong> <code>)[0-9a-f]+|(?<keep>name="Input.SourceRef"[^>]*value=")[^"]*|(?<keep>toSequence=)\d+#entry-\d+|(?<keep>">#)\d+(?=</a>)""")]
    private static partial Regex Volatile();

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")]
    private static partial Regex Instant();

    private static string? Leak(string body, List<Canary> canaries) =>
        canaries.Where(c => body.Contains(c.Marker, StringComparison.Ordinal) || body.Contains(c.Id, StringComparison.OrdinalIgnoreCase))
            .Select(c => $"the {c.Kind} canary ({c.Label}) {(body.Contains(c.Marker, StringComparison.Ordinal) ? "text" : "id")}")
            .FirstOrDefault();

    private static string Difference(object was, object now)
    {
        var a = was.ToString() ?? "";
        var b = now.ToString() ?? "";
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        var from = Math.Max(0, i - 80);
        return $"at {i}: before «{Excerpt(a, from)}» after «{Excerpt(b, from)}»";

        static string Excerpt(string s, int from) => from >= s.Length ? "" : s.Substring(from, Math.Min(240, s.Length - from)).ReplaceLineEndings(" ");
    }
}

public sealed class AccessMatrixTestsOnSqlite(SqliteApp app) : AccessMatrixTests<SqliteApp>(app);

public sealed class AccessMatrixTestsOnPostgres(PostgresApp app) : AccessMatrixTests<PostgresApp>(app);
