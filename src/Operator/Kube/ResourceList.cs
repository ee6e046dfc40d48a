using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace IrOperator.Kube;

/// <summary>The shape of a LIST response for any kind: list metadata (resourceVersion) and the items.</summary>
internal sealed class ResourceList<T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("metadata")]
    public V1ListMeta? Metadata { get; set; }

    [JsonPropertyName("items")]
    public IList<T>? Items { get; set; }
}
