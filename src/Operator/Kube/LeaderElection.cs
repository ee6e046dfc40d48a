using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Serilog;

namespace IrOperator.Kube;

/// <summary>
/// Runs work only while this replica holds the Lease. KubernetesClient's elector returns once leadership
/// is lost and does not try again; we then cancel the work and return too, and the host exits so that
/// Kubernetes restarts the pod as a fresh candidate (what controller-runtime does). The elector keeps its
/// own wall clock (no TimeProvider), so lease timing is real time.
/// </summary>
public sealed class LeaderElection(IKubernetes client, LeaderElectionOptions options, ILogger? log = null)
{
    private readonly ILogger _log = (log ?? Log.Logger).ForContext("Identity", options.Identity);
    private volatile bool _leading;

    public bool IsLeader => _leading;

    /// <summary>
    /// Waits for leadership, runs <paramref name="lead"/> with a token cancelled when leadership is lost
    /// (or <paramref name="cancellationToken"/> fires), and returns once both have ended.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> lead, CancellationToken cancellationToken)
    {
        var leaseLock = new LeaseLock(client, options.LeaseNamespace, options.LeaseName, options.Identity);
        // The lock swallows HTTP errors unless someone listens: a replica failing to renew must say why.
        leaseLock.OnHttpError += e => _log.Warning(e, "Lease {Lease} request failed", options.LeaseName);
        using var elector = new LeaderElector(new LeaderElectionConfig(leaseLock)
        {
            LeaseDuration = options.LeaseDuration,
            RenewDeadline = options.RenewDeadline,
            RetryPeriod = options.RetryPeriod,
        });
        using var leadership = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task? work = null;
        elector.OnStartedLeading += () =>
        {
            _leading = true;
            _log.Information("Became leader of {Lease}", options.LeaseName);
            work = Task.Run(() => lead(leadership.Token), CancellationToken.None);
        };
        elector.OnStoppedLeading += () =>
        {
            _leading = false;
            if (cancellationToken.IsCancellationRequested)
            {
                _log.Information("Stopped leading {Lease} for shutdown", options.LeaseName);
            }
            else
            {
                _log.Warning("Lost leadership of {Lease}; stopping controllers", options.LeaseName);
            }
            leadership.Cancel();
        };
        elector.OnNewLeader += leader => _log.Information("Leader of {Lease} is {Leader}", options.LeaseName, leader);
        elector.OnError += e => _log.Warning(e, "Leader election of {Lease} failed a step", options.LeaseName);

        try
        {
            await elector.RunUntilLeadershipLostAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            _leading = false;
            await leadership.CancelAsync().ConfigureAwait(false);
            if (work is not null)
            {
                await work.ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested)
                {
                    await ReleaseAsync().ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// On a clean shutdown, after the controllers have stopped, hand the Lease back so the next replica
    /// takes over at once instead of waiting out the lease (the elector itself never releases it).
    /// Replace carries the resourceVersion, so a Lease someone else already took is left alone.
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
