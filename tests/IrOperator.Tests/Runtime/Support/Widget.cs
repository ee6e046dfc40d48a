using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace IrOperator.Tests.Runtime.Support;

/// <summary>The runtime's own test kind (widgets.test.iroperator.io), so its tests do not depend on the real CRDs.</summary>
public sealed class Widget : IKubernetesObject<V1ObjectMeta>, IStatus<WidgetStatus?>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = WidgetCrd.Kind.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = WidgetCrd.Kind.Kind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public WidgetSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public WidgetStatus? Status { get; set; }
}
