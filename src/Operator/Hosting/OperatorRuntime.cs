using IrOperator.Kube;
using Serilog;

namespace IrOperator.Hosting;

/// <summary>
/// Runs the registered controllers, under leader election when enabled, stops them safely and answers
/// readiness (docs/runtime.md, "Leader hand-over" and "Readiness"). A controller whose factory throws, or
/// whose run ends while it should be running, fails the whole runtime, as controller-runtime's manager does:
/// the other controllers are stopped, leadership is given up and the process exits non-zero, so a replica
/// never holds the Lease while its controllers are dead.
/// </summary>
public sealed class OperatorRuntime(OperatorContext context, ControllerRegistry registry, LeaderElection? election, TimeSpan gracefulShutdownTimeout)
{
    private readonly ILogger _log = context.Log;
    private readonly CancellationTokenSource _failed = new();
    private volatile IReadOnlyList<IController> _running = [];
    private volatile bool _controllersUp;
    private volatile string? _failure;

    public bool IsLeader => election?.IsLeader ?? true;

    public IReadOnlyList<IController> Controllers => _running;

    /// <summary>Why the runtime failed (a controller's name and error), or null.</summary>
    public string? Failure => _failure;

    /// <summary>
    /// Ready when this replica is a standby (not leading: it has no caches, and a standby that never turned
    /// ready would stall a rolling update), or when it leads with every registered controller running and
    /// every informer synced. A failed runtime, or a leader whose controllers are not (yet, or any longer)
    /// running, is not ready.
    /// </summary>
    public bool IsReady()
    {
        if (_failure is not null)
        {
            return false;
        }
        if (election is not null && !election.IsLeader)
        {
            return true;
        }
        var running = _running;
        return _controllersUp
            && running.Count == registry.Count
            && running.SelectMany(c => c.Informers).All(i => i.IsSynced);
    }

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> fires (then stops the controllers, drains them within the
    /// graceful-shutdown timeout while still leading, and hands the Lease back), leadership is lost (returns at
    /// once, without waiting for reconciles), or a controller fails.
    /// </summary>
    public async Task<RunOutcome> RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _failed.Token);
        RuntimeMetrics.RegisterRuntime(this, () => IsLeader);
        LeadershipEnd end;
        try
        {
            end = election is null
                ? await RunWithoutElectionAsync(stop.Token).ConfigureAwait(false)
                : await election.RunAsync(RunControllersAsync, gracefulShutdownTimeout, stop.Token).ConfigureAwait(false);
        }
        finally
        {
            RuntimeMetrics.UnregisterRuntime(this);
        }
        // A lost Lease or an undrained stop wins over a failure: both mean "exit now, do not wait".
        return end switch
        {
            LeadershipEnd.Lost => RunOutcome.LeadershipLost,
            LeadershipEnd.DrainTimedOut => RunOutcome.DrainTimedOut,
            _ when _failure is not null => RunOutcome.ControllerFailed,
            _ => RunOutcome.Stopped,
        };
    }

    private async Task<LeadershipEnd> RunWithoutElectionAsync(CancellationToken stop)
    {
        var work = RunControllersAsync(stop);
        await Task.WhenAny(work, Task.Delay(Timeout.InfiniteTimeSpan, stop)).ConfigureAwait(false);
        if (await Task.WhenAny(work, Task.Delay(gracefulShutdownTimeout, CancellationToken.None)).ConfigureAwait(false) != work)
        {
            _log.Error("Controllers did not stop within {Timeout}", gracefulShutdownTimeout);
            return LeadershipEnd.DrainTimedOut;
        }
        return LeadershipEnd.Released;
    }

    /// <summary>Runs the controllers until the token fires; never throws (a failure is recorded and stops the runtime).</summary>
    private async Task RunControllersAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<IController> controllers;
        try
        {
            controllers = registry.Build(context);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Fail("(factory)", e);
            return;
        }
        _running = controllers;
        _controllersUp = true;
        _log.Information("Starting {Count} controllers", controllers.Count);
        try
        {
            if (controllers.Count == 0)
            {
                // Nothing registered: hold leadership (and readiness) until stopped.
                await Task.Delay(Timeout.InfiniteTimeSpan, context.Time, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                return;
            }
            var runs = controllers.ToDictionary(c => Task.Run(() => c.RunAsync(cancellationToken), CancellationToken.None), c => c);
            while (runs.Count > 0)
            {
                var ended = await Task.WhenAny(runs.Keys).ConfigureAwait(false);
                var controller = runs[ended];
                runs.Remove(ended);
                if (!cancellationToken.IsCancellationRequested)
                {
                    Fail(controller.Name, ended.Exception?.GetBaseException());
                }
                else if (ended.Exception is { } stopError)
                {
                    _log.Warning(stopError.GetBaseException(), "Controller {Controller} failed while stopping", controller.Name);
                }
            }
        }
        finally
        {
            _controllersUp = false;
            _running = [];
            foreach (var controller in controllers.OfType<IDisposable>())
            {
                controller.Dispose();
            }
        }
    }

    /// <summary>Records the first failure and stops the runtime; the host then exits non-zero.</summary>
    private void Fail(string controller, Exception? error)
    {
        if (Interlocked.CompareExchange(ref _failure, $"controller {controller} {(error is null ? "stopped unexpectedly" : "failed: " + error.Message)}", null) is not null)
        {
            return;
        }
        _log.Fatal(
            error,
            "Controller {Controller} {What}; stopping all controllers, giving up leadership and exiting",
            controller, error is null ? "stopped unexpectedly" : "failed");
        _failed.Cancel();
    }
}
