using System.Collections.Concurrent;
using System.Net;
using IrOperator.Hosting;
using IrOperator.Kube;
using IrOperator.Tests.Runtime.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IrOperator.Tests.Runtime;

/// <summary>
/// The retry/rate-limit handler over real HTTP on loopback: a scripted server answers each path with a
/// sequence of status codes, and the test counts what actually reached it.
/// </summary>
public sealed class KubeRequestPolicyTests : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _scripts = new();
    private readonly ConcurrentDictionary<string, int> _hits = new();
    private WebApplication _server = null!;
    private Uri _base = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _server = builder.Build();
        _server.Run(context =>
        {
            var path = context.Request.Path.Value!;
            _hits.AddOrUpdate(path, 1, (_, n) => n + 1);
            var status = _scripts.TryGetValue(path, out var script) && script.TryDequeue(out var next) ? next : 200;
            context.Response.StatusCode = status;
            if (status == 429)
            {
                context.Response.Headers.RetryAfter = "1";
            }
            return Task.CompletedTask;
        });
        await _server.StartAsync();
        _base = new Uri(_server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Get_is_retried_through_5xx_until_it_succeeds()
    {
        Script("/get", 503, 500, 502);
        using var client = Client(maxRetries: 5);

        using var response = await client.GetAsync(new Uri(_base, "/get"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _hits["/get"].Should().Be(4);
    }

    [Fact]
    public async Task Retries_stop_at_the_configured_limit()
    {
        Script("/limit", 503, 503, 503, 503);
        using var client = Client(maxRetries: 2);

        using var response = await client.GetAsync(new Uri(_base, "/limit"));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        _hits["/limit"].Should().Be(3);
    }

    [Fact]
    public async Task Too_many_requests_waits_for_retry_after()
    {
        Script("/throttled", 429);
        using var client = Client(maxRetries: 3);
        var started = TimeProvider.System.GetTimestamp();

        using var response = await client.PutAsync(new Uri(_base, "/throttled"), new StringContent("{}"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        TimeProvider.System.GetElapsedTime(started).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9));
    }

    // A 500 on create may hide a create that succeeded: not replayed. A 429 means the server did not act: replayed.
    [Theory]
    [InlineData("/create500", 500, 1, HttpStatusCode.InternalServerError)]
    [InlineData("/create429", 429, 2, HttpStatusCode.OK)]
    public async Task Create_is_retried_only_when_the_server_certainly_did_not_act(string path, int firstStatus, int expectedHits, HttpStatusCode expected)
    {
        Script(path, firstStatus);
        using var client = Client(maxRetries: 5);

        using var response = await client.PostAsync(new Uri(_base, path), new StringContent("{}"));

        response.StatusCode.Should().Be(expected);
        _hits[path].Should().Be(expectedHits);
    }

    [Fact]
    public async Task Client_side_rate_limit_spaces_requests_beyond_the_burst()
    {
        using var client = Client(maxRetries: 0, qps: 20, burst: 2);
        var started = TimeProvider.System.GetTimestamp();

        for (var i = 0; i < 8; i++)
        {
            using var response = await client.GetAsync(new Uri(_base, "/rate"));
        }

        // 2 from the burst, 6 more at 20/s: at least ~0.3 s minus one replenishment period of slack.
        TimeProvider.System.GetElapsedTime(started).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.2));
        _hits["/rate"].Should().Be(8);
    }

    [Fact]
    public async Task Requests_beyond_the_wait_queue_are_rejected_at_once_instead_of_queueing_without_bound()
    {
        // One token, refilled only after 100 s (so no refill can happen while the requests start, however slow the
        // machine), and room for two waiters: of six requests one is sent, two wait, three are refused at once.
        using var client = Client(maxRetries: 0, qps: 0.01, burst: 1, queueLimit: 2);

        var requests = Enumerable.Range(0, 6).Select(async _ =>
        {
            try
            {
                using var response = await client.GetAsync(new Uri(_base, "/queue"));
                return "sent";
            }
            catch (Polly.RateLimiting.RateLimiterRejectedException)
            {
                return "rejected";
            }
            catch (TaskCanceledException)
            {
                return "cancelled while waiting";
            }
        }).ToList();
        await Eventually.HoldsAsync(() => requests.Count(r => r.IsCompleted) == 4, TimeSpan.FromSeconds(30), () => $"{requests.Count(r => r.IsCompleted)} completed");
        client.CancelPendingRequests();
        var outcomes = await Task.WhenAll(requests);

        outcomes.Count(o => o == "sent").Should().Be(1);
        outcomes.Count(o => o == "rejected").Should().Be(3);
        outcomes.Count(o => o == "cancelled while waiting").Should().Be(2, "two requests waited in the queue for a token");
        _hits["/queue"].Should().Be(1);
    }

    [Fact]
    public async Task Lease_requests_have_their_own_limiter_and_never_wait_behind_controller_traffic()
    {
        using var controllers = Client(maxRetries: 0, qps: 1, burst: 1, queueLimit: 100);
        var lease = KubeRequestPolicy.CreateHandler(KubeClientFactory.LeaseClientOptions, TimeProvider.System);
        lease.InnerHandler = new SocketsHttpHandler();
        using var leaseClient = new HttpClient(lease);
        var backlog = Enumerable.Range(0, 10).Select(_ => controllers.GetAsync(new Uri(_base, "/busy"))).ToList();
        var started = TimeProvider.System.GetTimestamp();

        using var renewal = await leaseClient.GetAsync(new Uri(_base, "/lease"));

        renewal.StatusCode.Should().Be(HttpStatusCode.OK);
        TimeProvider.System.GetElapsedTime(started).Should().BeLessThan(TimeSpan.FromSeconds(2), "nine controller requests are still queued for ~9 s");
        backlog.Count(t => t.IsCompleted).Should().BeLessThan(10);
        controllers.CancelPendingRequests();
        await Task.WhenAll(backlog).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Fact]
    public async Task Urgent_requests_take_their_own_budget_and_never_wait_behind_ordinary_ones()
    {
        // One ordinary token, then one every 100 s: the second ordinary request waits for the whole test.
        using var client = Client(maxRetries: 0, qps: 0.01, burst: 1);

        using (var first = await client.GetAsync(new Uri(_base, "/ordinary")))
        {
            first.StatusCode.Should().Be(HttpStatusCode.OK);
        }
        var queued = client.GetAsync(new Uri(_base, "/ordinary"));
        Task<HttpResponseMessage> urgent;
        using (KubeRequestPriority.BeginUrgent())
        {
            urgent = client.GetAsync(new Uri(_base, "/urgent"));
        }
        using (var answered = await urgent.WaitAsync(TimeSpan.FromSeconds(10)))
        {
            answered.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        queued.IsCompleted.Should().BeFalse();
        _hits["/ordinary"].Should().Be(1, "the ordinary request still waits for a token of the shared bucket");
        client.CancelPendingRequests();
        await queued.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private void Script(string path, params int[] statuses) => _scripts[path] = new ConcurrentQueue<int>(statuses);

    private static HttpClient Client(int maxRetries, double qps = 0, int burst = 100, int queueLimit = 1000)
    {
        var handler = KubeRequestPolicy.CreateHandler(
            new KubeClientOptions { MaxRetries = maxRetries, Qps = qps, Burst = burst, QueueLimit = queueLimit, RetryBaseDelay = TimeSpan.FromMilliseconds(10) },
            TimeProvider.System);
        handler.InnerHandler = new SocketsHttpHandler();
        return new HttpClient(handler);
    }
}
