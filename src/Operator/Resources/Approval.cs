using System.Text.Json.Serialization;
using IrOperator.Resources.Schema;

namespace IrOperator.Resources;

/// <summary>One approval the operator counted.</summary>
public sealed class Approval
{
    /// <summary>The approver's Kubernetes user name, as written in their approval.iroperator.io/ annotation.</summary>
    [JsonPropertyName("by")]
    public string By { get; set; } = "";

    /// <summary>The approver groups of the role the approval counted through (empty when it counted as a named user).</summary>
    [MaxItems(50)]
    [JsonPropertyName("groups")]
    public IList<string>? Groups { get; set; }

    /// <summary>When the operator first saw the approval.</summary>
    [JsonPropertyName("at")]
    public DateTime? At { get; set; }
}
