using IrOperator.Kube;
using Serilog;

namespace IrOperator.Hosting;

/// <summary>
/// Runs the registered controllers, under leader election when enabled, and answers readiness: ready
/// when every informer of the running controllers has synced, or when this replica is a standby (not
/// leading, so it has no caches to wait for; a standby that never turned ready would stall a rollout).
/// </summary>
public sealed class OperatorRuntime(OperatorContext context, ControllerRegistry registry, LeaderElection? election)
{
    private readonly ILogger _log = context.Log;
    private volatile IReadOnlyList<IController> _running = [];

    public bool IsLeader => election?.IsLeader ?? true;

    public IReadOnlyList<IController> Controllers => _running;

    public bool IsReady()
    {
        if (election is not null && !election.IsLeader)
        {
            return true;
        }
        return _running.SelectMany(c => c.Informers).All(i => i.IsSynced);
    }

    /// <summary>Returns when the token is cancelled or, with leader election, when leadership is lost.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        election is null ? RunControllersAsync(cancellationToken) : election.RunAsync(RunControllersAsync, cancellationToken);

    private async Task RunControllersAsync(CancellationToken cancellationToken)
    {
        var controllers = registry.Build(context);
        _running = controllers;
        _log.Information("Starting {Count} controllers", controllers.Count);
        try
        {
            await Task.WhenAll(controllers.Select(c => c.RunAsync(cancellationToken))).ConfigureAwait(false);
            if (controllers.Count == 0)
            {
                // Nothing registered yet: hold leadership (and readiness) until stopped.
                await Task.Delay(Timeout.InfiniteTimeSpan, context.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            _running = [];
            foreach (var controller in controllers.OfType<IDisposable>())
            {
                controller.Dispose();
            }
        }
    }
}
