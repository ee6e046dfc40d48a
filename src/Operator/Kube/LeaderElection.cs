using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Serilog;

namespace IrOperator.Kube;

/// <summary>
/// Runs work only while this replica holds the Lease, and hands over safely (docs/runtime.md, "Leader
/// hand-over"). The elector has its own stop, apart from the shutdown token, so that on shutdown the work is
/// cancelled and drained while the Lease is still renewed; only after the work has ended is the Lease handed
/// back. A reconcile that ignores its cancellation therefore never overlaps with the next leader's: either it
/// ends before the Lease is released, or the Lease is left to expire and the process exits. On a lost Lease
/// the work is cancelled and not waited for: the caller exits the process, and the next leader cannot start
/// before the Lease has expired (LeaseDuration &gt; RenewDeadline + RetryPeriod). KubernetesClient's elector
/// does not try again after a loss, and keeps its own wall clock (no TimeProvider), so lease timing is real time.
/// </summary>
public sealed class LeaderElection(IKubernetes client, LeaderElectionOptions options, ILogger? log = null)
{
    private readonly ILogger _log = (log ?? Log.Logger).ForContext("Identity", options.Identity);
    private volatile bool _leading;

    public bool IsLeader => _leading;

    /// <summary>
    /// Waits for leadership and runs <paramref name="lead"/> with a token cancelled when leadership is lost or
    /// <paramref name="stop"/> fires. When <paramref name="stop"/> fires, or the work ends by itself, the work's
    /// token is cancelled and the work is given <paramref name="drainTimeout"/> to end while renewal goes on.
    /// </summary>
    public async Task<LeadershipEnd> RunAsync(Func<CancellationToken, Task> lead, TimeSpan drainTimeout, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var leaseLock = new LeaseLock(client, options.LeaseNamespace, options.LeaseName, options.Identity);
        // The lock swallows HTTP errors unless someone listens: a replica failing to renew must say why.
        leaseLock.OnHttpError += e => _log.Warning(e, "Lease {Lease} request failed", options.LeaseName);
        using var elector = new LeaderElector(new LeaderElectionConfig(leaseLock)
        {
            LeaseDuration = options.LeaseDuration,
            RenewDeadline = options.RenewDeadline,
            RetryPeriod = options.RetryPeriod,
        });
        // Not disposed: after a lost Lease or a drain timeout the work (and the elector's last renewal attempt)
        // may still observe these tokens while the process exits.
        var electorStop = new CancellationTokenSource();
        var leadership = new CancellationTokenSource();
        var work = new TaskCompletionSource<Task>(TaskCreationOptions.RunContinuationsAsynchronously);
        elector.OnStartedLeading += () =>
        {
            _leading = true;
            _log.Information("Became leader of {Lease}", options.LeaseName);
            work.TrySetResult(Task.Run(() => lead(leadership.Token), CancellationToken.None));
        };
        elector.OnStoppedLeading += () =>
        {
            // Cancel the work before anything else: from here on another replica may take the Lease.
            _leading = false;
            leadership.Cancel();
        };
        elector.OnNewLeader += leader => _log.Information("Leader of {Lease} is {Leader}", options.LeaseName, leader);
        elector.OnError += e => _log.Warning(e, "Leader election of {Lease} failed a step", options.LeaseName);

        var electing = ElectAsync(elector, electorStop.Token);
        var stopRequested = Task.Delay(Timeout.InfiniteTimeSpan, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        await Task.WhenAny(electing, work.Task, stopRequested).ConfigureAwait(false);
        if (electing.IsCompleted && !stop.IsCancellationRequested)
        {
            _log.Error("Leader election of {Lease} ended; exiting without waiting for the controllers", options.LeaseName);
            return LeadershipEnd.Lost;
        }
        if (!work.Task.IsCompleted)
        {
            // Stopped before winning: nothing ran, nothing to release.
            await electorStop.CancelAsync().ConfigureAwait(false);
            await electing.ConfigureAwait(false);
            if (!work.Task.IsCompleted)
            {
                return LeadershipEnd.Released;
            }
            // Won just as the elector was stopped: the work is cancelled and renewal is off, so wait no longer
            // than the renew deadline (the fresh Lease outlasts it); release only once the work has ended.
            var wait = drainTimeout < options.RenewDeadline ? drainTimeout : options.RenewDeadline;
            return await FinishAsync(await work.Task.ConfigureAwait(false), wait).ConfigureAwait(false);
        }

        var running = await work.Task.ConfigureAwait(false);
        if (await Task.WhenAny(electing, running, stopRequested).ConfigureAwait(false) == electing)
        {
            _log.Error("Lost leadership of {Lease}; exiting without waiting for the controllers", options.LeaseName);
            return LeadershipEnd.Lost;
        }

        // Shutdown (or the work ended by itself): stop the work first, and keep renewing while it drains.
        _log.Information("Stopping the controllers, still holding {Lease} for up to {Timeout}", options.LeaseName, drainTimeout);
        await leadership.CancelAsync().ConfigureAwait(false);
        using var drainCancel = new CancellationTokenSource();
        var drained = await Task.WhenAny(running, electing, Task.Delay(drainTimeout, drainCancel.Token)).ConfigureAwait(false);
        await drainCancel.CancelAsync().ConfigureAwait(false);
        if (drained == electing)
        {
            _log.Error("Lost leadership of {Lease} while the controllers were stopping; exiting without waiting for them", options.LeaseName);
            return LeadershipEnd.Lost;
        }
        _leading = false;
        await electorStop.CancelAsync().ConfigureAwait(false);
        await electing.ConfigureAwait(false);
        return await FinishAsync(running, TimeSpan.Zero).ConfigureAwait(false);
    }

    /// <summary>Once renewal has stopped: release the Lease if the work has ended (within <paramref name="wait"/>), else keep it.</summary>
    private async Task<LeadershipEnd> FinishAsync(Task running, TimeSpan wait)
    {
        if (wait > TimeSpan.Zero)
        {
            await Task.WhenAny(running, Task.Delay(wait)).ConfigureAwait(false);
        }
        if (!running.IsCompleted)
        {
            _log.Error(
                "Controllers did not stop in time; keeping {Lease} (not released) so the next leader waits for it to expire",
                options.LeaseName);
            return LeadershipEnd.DrainTimedOut;
        }
        if (running.Exception is { } failed)
        {
            _log.Error(failed.GetBaseException(), "Leader work of {Lease} failed", options.LeaseName);
        }
        await ReleaseAsync().ConfigureAwait(false);
        return LeadershipEnd.Released;
    }

    private async Task ElectAsync(LeaderElector elector, CancellationToken cancellationToken)
    {
        try
        {
            await elector.RunUntilLeadershipLostAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The elector ending for any reason means this replica no longer knows it holds the Lease.
            _log.Error(e, "Leader election of {Lease} ended with an error", options.LeaseName);
        }
        finally
        {
            _leading = false;
        }
    }

    /// <summary>
    /// After the controllers have stopped, hand the Lease back so the next replica takes over at once instead
    /// of waiting out the lease (the elector itself never releases it). Replace carries the resourceVersion, so
    /// a Lease someone else already took is left alone.
    /// </summary>
    private async Task ReleaseAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(options.RenewDeadline);
            var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(options.LeaseName, options.LeaseNamespace, cancellationToken: timeout.Token).ConfigureAwait(false);
            if (lease.Spec?.HolderIdentity != options.Identity)
            {
                return;
            }
            lease.Spec.HolderIdentity = "";
            lease.Spec.LeaseDurationSeconds = 1;
            await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, options.LeaseName, options.LeaseNamespace, cancellationToken: timeout.Token).ConfigureAwait(false);
            _log.Information("Released {Lease}", options.LeaseName);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.Warning(e, "Could not release {Lease}; the next leader waits for it to expire", options.LeaseName);
        }
    }
}
