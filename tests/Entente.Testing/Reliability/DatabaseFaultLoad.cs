using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Entente.Testing.Reliability;

/// <summary>
/// The clients of the database-fault harness: writers recording pledges (each with its own Idempotency-Key, so the
/// idempotency store is on every write's path), a reader listing them over the API and fetching the public home
/// page. Every answer is sorted: 2xx, a well-formed 503 (Retry-After and the <c>unavailable</c> problem type, or for
/// a page the "temporarily unavailable" page), a well-formed 507, or anything else, which the harness reports as a
/// failure with a sample of what came back.
/// </summary>
public sealed class DatabaseFaultLoad : IAsyncDisposable
{
    private readonly HttpClient _api;
    private readonly HttpClient _pages;
    private readonly string _donor;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers = [];
    private long _requests;
    private long _success;
    private long _unavailable;
    private long _storageFull;
    private long _lastAcknowledgedTicks;

    public DatabaseFaultLoad(HttpClient api, HttpClient pages, string donor)
    {
        _api = api;
        _pages = pages;
        _donor = donor;
    }

    /// <summary>Ids of pledges whose creation was answered 201: each must be stored afterwards.</summary>
    public ConcurrentBag<Guid> Acknowledged { get; } = [];

    /// <summary>Answers that are neither 2xx nor a well-formed 503/507, by a short description, with a sample each.</summary>
    public ConcurrentDictionary<string, (int Count, string Sample)> Other { get; } = new(StringComparer.Ordinal);

    public long Requests => Interlocked.Read(ref _requests);

    public long Success => Interlocked.Read(ref _success);

    public long Unavailable => Interlocked.Read(ref _unavailable);

    public long StorageFull => Interlocked.Read(ref _storageFull);

    public long OtherCount => Other.Values.Sum(v => (long)v.Count);

    /// <summary>When a write was last acknowledged (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public long LastAcknowledged => Interlocked.Read(ref _lastAcknowledgedTicks);

    /// <summary>Creates an API client with a bearer token and a page client without one.</summary>
    public static (HttpClient Api, HttpClient Pages) Clients(Uri baseAddress, string token, HttpMessageHandler? handler = null)
    {
        var api = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        api.BaseAddress = baseAddress;
        api.Timeout = TimeSpan.FromSeconds(30);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var pages = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        pages.BaseAddress = baseAddress;
        pages.Timeout = TimeSpan.FromSeconds(30);
        return (api, pages);
    }

    public void Start(int writers)
    {
        for (var i = 0; i < writers; i++)
        {
            _workers.Add(Task.Run(() => WriteLoopAsync(_stop.Token)));
        }

        _workers.Add(Task.Run(() => ReadLoopAsync(_stop.Token)));
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
        _workers.Clear();
    }

    /// <summary>One pledge write, sorted like the load's; returns the status (0 when the connection failed).</summary>
    public async Task<int> WriteOnceAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/pledges") { Content = JsonContent.Create(PledgeBody(_donor)) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return await SendAsync(_api, request, page: false, cancellationToken);
    }

    private async Task WriteLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await WriteOnceAsync(CancellationToken.None);
            await Pause(15, stop);
        }
    }

    private async Task ReadLoopAsync(CancellationToken stop)
    {
        var turn = 0;
        while (!stop.IsCancellationRequested)
        {
            var page = turn++ % 2 == 1;
            using var request = new HttpRequestMessage(HttpMethod.Get, page ? "/" : "api/v1/pledges?limit=20");
            await SendAsync(page ? _pages : _api, request, page, CancellationToken.None);
            await Pause(25, stop);
        }
    }

    private static async Task Pause(int milliseconds, CancellationToken stop)
    {
        try
        {
            await Task.Delay(milliseconds, stop);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task<int> SendAsync(HttpClient client, HttpRequestMessage request, bool page, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        var what = $"{request.Method} {request.RequestUri}";
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Note($"{what}: no answer ({ex.GetType().Name})", ex.Message);
            return 0;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _success);
                if (request.Method == HttpMethod.Post)
                {
                    using var json = JsonDocument.Parse(body);
                    Acknowledged.Add(json.RootElement.GetProperty("pledge").GetProperty("id").GetGuid());
                    Interlocked.Exchange(ref _lastAcknowledgedTicks, Stopwatch.GetTimestamp());
                }

                return status;
            }

            var media = response.Content.Headers.ContentType?.MediaType;
            var retryAfter = response.Headers.RetryAfter is not null;
            if (status == (int)HttpStatusCode.ServiceUnavailable && retryAfter
                && (page ? body.Contains("temporarily unavailable", StringComparison.Ordinal)
                    : media == "application/problem+json" && ProblemType(body) == "/problems/unavailable"))
            {
                Interlocked.Increment(ref _unavailable);
                return status;
            }

            if (status == (int)HttpStatusCode.InsufficientStorage && !page && media == "application/problem+json"
                && ProblemType(body) == "/problems/storage-full")
            {
                Interlocked.Increment(ref _storageFull);
                return status;
            }

            Note($"{what}: {status}{(retryAfter ? " with Retry-After" : "")}", body.Length > 400 ? body[..400] : body);
            return status;
        }
    }

    private void Note(string key, string sample)
    {
        // Query strings and ids vary; the path and status say what went wrong.
        Other.AddOrUpdate(key, (1, sample), (_, v) => (v.Count + 1, v.Sample));
    }

    private static string? ProblemType(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("type", out var type) ? type.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A small public pledge of <paramref name="donor"/>, in the shape the ledger API takes.</summary>
    public static Dictionary<string, object?> PledgeBody(string donor) => new()
    {
        ["donor"] = donor,
        ["announcedOn"] = "2025-03-03",
        ["measure"] = "Field hospital equipment",
        ["type"] = "medical",
        ["item"] = "Surgical kits",
        ["quantity"] = 40,
        ["amount"] = 2_500_000_00L,
        ["currency"] = "EUR",
        ["valuation"] = "donorStated",
        ["channel"] = "bilateral",
        ["sources"] = new[]
        {
            new { url = "https://example.org/news/pledge", publisher = "Test Gazette", publishedOn = "2025-03-03", quote = "A pledge was announced." },
        },
        ["label"] = new { classification = "PUBLIC" },
    };

    public async ValueTask DisposeAsync()
    {
        if (_workers.Count > 0)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }
}
