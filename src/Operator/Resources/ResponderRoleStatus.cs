using System.Text.Json.Serialization;
using IrOperator.Resources.Schema;
using k8s.Models;

namespace IrOperator.Resources;

/// <summary>Per-account state of the IAM role, written by the operator.</summary>
public sealed class ResponderRoleStatus
{
    /// <summary>The metadata.generation this status describes.</summary>
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    /// <summary>Ready, Progressing and Degraded, with the reason and the accounts concerned.</summary>
    [ListType(ListTypeAttribute.Map, "type")]
    [MaxItems(16)]
    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }

    /// <summary>The IAM role in each selected account.</summary>
    [ListType(ListTypeAttribute.Map, "accountId")]
    [JsonPropertyName("accounts")]
    public IList<RoleAccountStatus>? Accounts { get; set; }

    /// <summary>Accounts whose IAM role matches the spec, out of the accounts selected, e.g. "3/4".</summary>
    [JsonPropertyName("accountsReady")]
    public string? AccountsReady { get; set; }

    /// <summary>BreakGlassGrants currently open on this role.</summary>
    [JsonPropertyName("activeGrants")]
    public int? ActiveGrants { get; set; }
}
