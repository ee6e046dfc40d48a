using System.Text.Json.Serialization;
using k8s.Models;

namespace IrOperator.Tests.Runtime.Support;

public sealed class WidgetStatus
{
    [JsonPropertyName("observedValue")]
    public int? ObservedValue { get; set; }

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }
}
