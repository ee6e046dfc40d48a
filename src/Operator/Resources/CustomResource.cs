using System.Text.Json.Serialization;
using IrOperator.Resources.Schema;
using k8s;
using k8s.Models;

namespace IrOperator.Resources;

/// <summary>
/// What both kinds share: type metadata, object metadata, spec and status, so KubernetesClient's generic and
/// custom-object APIs (de)serialize them with <c>KubernetesJson</c>.
/// </summary>
public abstract class CustomResource<TSpec, TStatus>(string kind) : IKubernetesObject<V1ObjectMeta>, ISpec<TSpec>, IStatus<TStatus?>
    where TSpec : new()
    where TStatus : class
{
    /// <summary>The versioned schema of this object: iroperator.io/v1alpha1.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = IrOperatorApi.ApiVersion;

    /// <summary>The REST resource this object represents.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = kind;

    /// <summary>Standard object metadata.</summary>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [Required]
    [JsonPropertyName("spec")]
    public TSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public TStatus? Status { get; set; }
}
