using IrOperator.Kube;
using k8s;

namespace IrOperator.Hosting;

/// <summary>Builds the API clients: in-cluster config in a pod, else the kubeconfig; always with our retry and rate limit.</summary>
public static class KubeClientFactory
{
    /// <summary>
    /// Lease traffic is about two requests per retry period: its own small bucket is never empty, so a renewal
    /// never waits behind controller requests (docs/runtime.md, "Rate limits").
    /// </summary>
    internal static readonly KubeClientOptions LeaseClientOptions = new() { Qps = 5, Burst = 10, QueueLimit = 10, MaxRetries = 0 };

    /// <summary>The controllers' client: the configured QPS, burst, wait queue and retries.</summary>
    public static IKubernetes Create(OperatorSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Create(
            Configuration(settings),
            new KubeClientOptions { Qps = settings.Qps, Burst = settings.Burst, QueueLimit = settings.RequestQueueLimit, MaxRetries = settings.MaxRetries },
            time);
    }

    /// <summary>
    /// The leader election's client, with a rate limiter of its own. No request retries: the elector tries
    /// again every retry period itself, and a retry that outlasts the renew deadline is worthless.
    /// </summary>
    public static IKubernetes CreateLeaseClient(OperatorSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Create(Configuration(settings), LeaseClientOptions, time);
    }

    public static IKubernetes Create(KubernetesClientConfiguration config, KubeClientOptions options, TimeProvider time) =>
        new Kubernetes(config, KubeRequestPolicy.CreateHandler(options, time));

    private static KubernetesClientConfiguration Configuration(OperatorSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Kubeconfig) && KubernetesClientConfiguration.IsInCluster())
        {
            return KubernetesClientConfiguration.InClusterConfig();
        }
        var path = string.IsNullOrWhiteSpace(settings.Kubeconfig) ? Environment.GetEnvironmentVariable("KUBECONFIG") : settings.Kubeconfig;
        return KubernetesClientConfiguration.BuildConfigFromConfigFile(
            string.IsNullOrWhiteSpace(path) ? null : path.Split(Path.PathSeparator)[0],
            string.IsNullOrWhiteSpace(settings.Context) ? null : settings.Context);
    }
}
