using System.Text.Json.Serialization;
using IrOperator.Resources.Schema;

namespace IrOperator.Resources;

/// <summary>Kubernetes users and groups allowed to approve grants, as the API server authenticates them.</summary>
[CelRule(CelRules.NamesApprovers, CelRules.NamesApproversMessage)]
public sealed class Approvers
{
    /// <summary>Kubernetes user names.</summary>
    [MinItems(1)]
    [MaxItems(50)]
    [ListType(ListTypeAttribute.Set)]
    [MinLength(1, OnItems = true)]
    [MaxLength(256, OnItems = true)]
    [JsonPropertyName("users")]
    public IList<string>? Users { get; set; }

    /// <summary>Kubernetes group names.</summary>
    [MinItems(1)]
    [MaxItems(50)]
    [ListType(ListTypeAttribute.Set)]
    [MinLength(1, OnItems = true)]
    [MaxLength(256, OnItems = true)]
    [JsonPropertyName("groups")]
    public IList<string>? Groups { get; set; }
}
