using System.Text.Json.Serialization;

namespace IrOperator.Resources;

/// <summary>One approval the operator counted.</summary>
public sealed class Approval
{
    /// <summary>The approver, as named in iroperator.io/approved-by.</summary>
    [JsonPropertyName("by")]
    public string By { get; set; } = "";

    /// <summary>When the operator first saw the approval.</summary>
    [JsonPropertyName("at")]
    public DateTime? At { get; set; }
}
