using IrOperator.Kube;
using k8s;

namespace IrOperator.Hosting;

/// <summary>Builds the API client: in-cluster config in a pod, else the kubeconfig; always with our retry and rate limit.</summary>
public static class KubeClientFactory
{
    public static IKubernetes Create(OperatorSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        KubernetesClientConfiguration config;
        if (string.IsNullOrWhiteSpace(settings.Kubeconfig) && KubernetesClientConfiguration.IsInCluster())
        {
            config = KubernetesClientConfiguration.InClusterConfig();
        }
        else
        {
            var path = string.IsNullOrWhiteSpace(settings.Kubeconfig) ? Environment.GetEnvironmentVariable("KUBECONFIG") : settings.Kubeconfig;
            config = KubernetesClientConfiguration.BuildConfigFromConfigFile(
                string.IsNullOrWhiteSpace(path) ? null : path.Split(Path.PathSeparator)[0],
                string.IsNullOrWhiteSpace(settings.Context) ? null : settings.Context);
        }
        return Create(config, new KubeClientOptions { Qps = settings.Qps, Burst = settings.Burst, MaxRetries = settings.MaxRetries }, time);
    }

    public static IKubernetes Create(KubernetesClientConfiguration config, KubeClientOptions options, TimeProvider time) =>
        new Kubernetes(config, KubeRequestPolicy.CreateHandler(options, time));
}
