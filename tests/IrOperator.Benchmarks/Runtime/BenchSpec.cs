using System.Text.Json.Serialization;

namespace IrOperator.Benchmarks.Runtime;

public sealed class BenchSpec
{
    [JsonPropertyName("value")]
    public long Value { get; set; }

    [JsonPropertyName("owner")]
    public string Owner { get; set; } = "";

    [JsonPropertyName("accounts")]
    public List<string> Accounts { get; set; } = [];
}
