using System.Text.Json.Serialization;

namespace IrOperator.Benchmarks.Runtime;

public sealed class BenchStatus
{
    [JsonPropertyName("observedValue")]
    public long? ObservedValue { get; set; }
}
