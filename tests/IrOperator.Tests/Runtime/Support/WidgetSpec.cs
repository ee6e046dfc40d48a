using System.Text.Json.Serialization;

namespace IrOperator.Tests.Runtime.Support;

public sealed class WidgetSpec
{
    [JsonPropertyName("value")]
    public int Value { get; set; }
}
