using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace IrOperator.Benchmarks.Runtime;

/// <summary>The object the harness caches 10,000 of: metadata plus a small spec, like a typical custom resource.</summary>
public sealed class BenchWidget : IKubernetesObject<V1ObjectMeta>, IStatus<BenchStatus?>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "bench.iroperator.io/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "BenchWidget";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public BenchSpec Spec { get; set; } = new();

    /// <summary>Written only by the cold-start run (status subresource).</summary>
    [JsonPropertyName("status")]
    public BenchStatus? Status { get; set; }
}
