using IrOperator.Kube;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace IrOperator.Tests.Runtime;

/// <summary>What the controller does with each reconcile result; the cache is filled directly, no API server.</summary>
public sealed class ControllerResultTests : IDisposable
{
    private static readonly ResourceKind Kind = new("test.iroperator.io", "v1", "widgets", "Widget", Namespaced: true);
    private static readonly ObjectKey Key = new("ns", "w");
    private readonly FakeTimeProvider _time = new();
    private readonly ScriptedReconciler _reconciler = new();
    private readonly Kubernetes _unusedClient = new(new KubernetesClientConfiguration { Host = "http://127.0.0.1:9" });
    private readonly Controller<V1ConfigMap> _controller;

    public ControllerResultTests()
    {
        var informer = new Informer<V1ConfigMap>(_unusedClient, Kind, _time);
        _controller = new Controller<V1ConfigMap>("widgets", informer, _reconciler, _time, new ControllerOptions { BackoffBase = TimeSpan.FromSeconds(1) });
        informer.Cache.Upsert(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "w", NamespaceProperty = "ns", ResourceVersion = "1" } });
    }

    public void Dispose()
    {
        _controller.Dispose();
        _unusedClient.Dispose();
    }

    [Fact]
    public async Task Requeue_after_schedules_the_key_at_that_time()
    {
        _reconciler.Next = ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(30));

        await _controller.ProcessAsync(Key, CancellationToken.None);

        _controller.Queue.ScheduledAt(Key).Should().Be(_time.GetUtcNow() + TimeSpan.FromMinutes(30));
    }

    [Fact]
    public async Task Retry_backs_off_and_grows_with_each_failure()
    {
        _reconciler.Next = ReconcileResult.Retry(new InvalidOperationException("IAM throttled"));

        await _controller.ProcessAsync(Key, CancellationToken.None);
        var first = _controller.Queue.ScheduledAt(Key)!.Value - _time.GetUtcNow();
        _time.Advance(first);
        await _controller.ProcessAsync(Key, CancellationToken.None);
        var second = _controller.Queue.ScheduledAt(Key)!.Value - _time.GetUtcNow();

        first.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.5)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(1));
        second.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(2));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_failed_reconcile_is_retried_in_the_lane_it_came_from(bool urgent)
    {
        _reconciler.Next = ReconcileResult.Retry(new InvalidOperationException("IAM throttled"));

        await _controller.ProcessAsync(Key, CancellationToken.None, urgent);

        _controller.Queue.ScheduledUrgent(Key).Should().Be(urgent, "ending access that failed is retried ahead of ordinary work (docs/runtime.md)");
    }

    [Fact]
    public async Task A_thrown_exception_is_treated_as_retry()
    {
        _reconciler.Throw = new TimeoutException("slow");

        await _controller.ProcessAsync(Key, CancellationToken.None);

        _controller.Queue.ScheduledAt(Key).Should().NotBeNull();
    }

    [Fact]
    public async Task Terminal_and_done_schedule_nothing_and_reset_backoff()
    {
        _reconciler.Next = ReconcileResult.Retry(new InvalidOperationException("x"));
        await _controller.ProcessAsync(Key, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        _controller.Queue.Done((await _controller.Queue.GetAsync(CancellationToken.None))!.Value);

        _reconciler.Next = ReconcileResult.Terminal("spec.accounts is empty");
        await _controller.ProcessAsync(Key, CancellationToken.None);

        _controller.Queue.ScheduledCount.Should().Be(0);
        _reconciler.Next = ReconcileResult.Retry(new InvalidOperationException("again"));
        await _controller.ProcessAsync(Key, CancellationToken.None);
        (_controller.Queue.ScheduledAt(Key)!.Value - _time.GetUtcNow()).Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(1), "the failure count restarted");
    }

    [Fact]
    public async Task A_key_missing_from_the_cache_is_not_reconciled()
    {
        await _controller.ProcessAsync(new ObjectKey("ns", "gone"), CancellationToken.None);

        _reconciler.Calls.Should().Be(0);
    }

    [Fact]
    public async Task Cancellation_during_reconcile_is_not_a_failure()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        _reconciler.Throw = new OperationCanceledException(cancel.Token);

        await _controller.ProcessAsync(Key, cancel.Token);

        _controller.Queue.ScheduledCount.Should().Be(0);
    }

    private sealed class ScriptedReconciler : IReconciler<V1ConfigMap>
    {
        public ReconcileResult Next { get; set; } = ReconcileResult.Done;

        public Exception? Throw { get; set; }

        public int Calls { get; private set; }

        public Task<ReconcileResult> ReconcileAsync(V1ConfigMap resource, CancellationToken cancellationToken)
        {
            Calls++;
            return Throw is null ? Task.FromResult(Next) : Task.FromException<ReconcileResult>(Throw);
        }
    }
}
