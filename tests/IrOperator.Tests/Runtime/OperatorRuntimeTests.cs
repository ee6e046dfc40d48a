using IrOperator.Hosting;
using IrOperator.Kube;
using IrOperator.Tests.Runtime.Support;
using k8s;

namespace IrOperator.Tests.Runtime;

/// <summary>
/// The runtime's lifecycle without leader election (no wire involved: the controllers are stand-ins that only
/// run, end or throw): fail-fast, readiness, the bounded drain. Election and processes: HandoverProcessTests.
/// </summary>
public sealed class OperatorRuntimeTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly Kubernetes _client = new(new KubernetesClientConfiguration { Host = "http://127.0.0.1:9" });

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task A_throwing_factory_fails_the_runtime_at_once_and_it_is_never_ready()
    {
        var runtime = Runtime(new ControllerRegistry().Add(_ => throw new InvalidOperationException("bad wiring")));

        var outcome = await runtime.RunAsync(CancellationToken.None).WaitAsync(Deadline);

        outcome.Should().Be(RunOutcome.ControllerFailed);
        runtime.Failure.Should().Contain("bad wiring");
        runtime.IsReady().Should().BeFalse();
    }

    [Fact]
    public async Task A_controller_that_throws_stops_the_others_and_fails_the_runtime()
    {
        var healthy = new StandIn("healthy");
        var broken = new StandIn("broken");
        var runtime = Runtime(new ControllerRegistry().Add(_ => healthy).Add(_ => broken));
        var run = runtime.RunAsync(CancellationToken.None);
        await Eventually.HoldsAsync(runtime.IsReady, Deadline);

        broken.Crash(new InvalidOperationException("boom"));

        (await run.WaitAsync(Deadline)).Should().Be(RunOutcome.ControllerFailed);
        healthy.WasCancelled.Should().BeTrue("the other controllers are stopped");
        runtime.Failure.Should().Contain("broken").And.Contain("boom");
        runtime.IsReady().Should().BeFalse();
    }

    [Fact]
    public async Task A_controller_that_returns_on_its_own_counts_as_failed()
    {
        var quitter = new StandIn("quitter");
        var runtime = Runtime(new ControllerRegistry().Add(_ => quitter));
        var run = runtime.RunAsync(CancellationToken.None);
        await Eventually.HoldsAsync(runtime.IsReady, Deadline);

        quitter.Crash(null);

        (await run.WaitAsync(Deadline)).Should().Be(RunOutcome.ControllerFailed);
        runtime.Failure.Should().Contain("quitter").And.Contain("stopped unexpectedly");
    }

    [Fact]
    public async Task Ready_only_while_every_registered_controller_runs_with_synced_informers()
    {
        var controller = new StandIn("c") { Synced = false };
        var runtime = Runtime(new ControllerRegistry().Add(_ => controller));
        runtime.IsReady().Should().BeFalse("a controller is expected and none is running yet");
        using var stop = new CancellationTokenSource();
        var run = runtime.RunAsync(stop.Token);
        await Eventually.HoldsAsync(() => runtime.Controllers.Count == 1, Deadline);
        runtime.IsReady().Should().BeFalse("its informer has not synced");

        controller.Synced = true;

        runtime.IsReady().Should().BeTrue();
        await stop.CancelAsync();
        (await run.WaitAsync(Deadline)).Should().Be(RunOutcome.Stopped);
        runtime.IsReady().Should().BeFalse("nothing runs any more");
    }

    [Fact]
    public async Task A_controller_outliving_the_graceful_timeout_ends_the_run_as_drain_timed_out()
    {
        var stubborn = new StandIn("stubborn") { IgnoresCancellation = true };
        var runtime = Runtime(new ControllerRegistry().Add(_ => stubborn), graceful: TimeSpan.FromMilliseconds(300));
        using var stop = new CancellationTokenSource();
        var run = runtime.RunAsync(stop.Token);
        await Eventually.HoldsAsync(runtime.IsReady, Deadline);

        await stop.CancelAsync();

        (await run.WaitAsync(Deadline)).Should().Be(RunOutcome.DrainTimedOut);
        stubborn.Crash(null);
    }

    private OperatorRuntime Runtime(ControllerRegistry registry, TimeSpan? graceful = null)
    {
        var log = Serilog.Core.Logger.None;
        var context = new OperatorContext(
            _client, TimeProvider.System, new StatusWriter(_client, log), new Finalizers(_client, log),
            new EventRecorder(_client, TimeProvider.System, "test", "test", log), new ControllerOptions(), log);
        return new OperatorRuntime(context, registry, null, graceful ?? TimeSpan.FromSeconds(10));
    }

    /// <summary>A controller that runs until cancelled (or, if stubborn, until told), or crashes when told.</summary>
    private sealed class StandIn(string name) : IController, IInformer
    {
        private readonly TaskCompletionSource _end = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => name;

        public IReadOnlyList<IInformer> Informers => [this];

        public bool Synced { get; set; } = true;

        public bool IgnoresCancellation { get; init; }

        public bool WasCancelled { get; private set; }

        ResourceKind IInformer.Kind => new("test.iroperator.io", "v1", "standins", "StandIn", Namespaced: true);

        bool IInformer.IsSynced => Synced;

        Task IInformer.Synced => Task.CompletedTask;

        Task IInformer.RunAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Crash(Exception? error)
        {
            if (error is null)
            {
                _end.TrySetResult();
            }
            else
            {
                _end.TrySetException(error);
            }
        }

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            using var registration = cancellationToken.Register(() =>
            {
                WasCancelled = true;
                if (!IgnoresCancellation)
                {
                    _end.TrySetResult();
                }
            });
            await _end.Task;
        }
    }
}
