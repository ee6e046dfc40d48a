using System.Text.Json.Serialization;
using IrOperator.Resources.Schema;
using k8s.Models;

namespace IrOperator.Resources;

/// <summary>Phase, approvals, times and per-account state, written by the operator.</summary>
public sealed class BreakGlassGrantStatus
{
    /// <summary>The metadata.generation this status describes.</summary>
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    /// <summary>Pending, Approved, Active, Expired, Revoked, Denied or Failed.</summary>
    [JsonPropertyName("phase")]
    public GrantPhase? Phase { get; set; }

    /// <summary>The sts:SourceIdentity every session must carry: spec.requestedBy mapped as docs/grants.md describes.</summary>
    [JsonPropertyName("sourceIdentity")]
    public string? SourceIdentity { get; set; }

    /// <summary>The valid approvals counted so far.</summary>
    [ListType(ListTypeAttribute.Map, "by")]
    [MaxItems(16)]
    [JsonPropertyName("approvals")]
    public IList<Approval>? Approvals { get; set; }

    /// <summary>When access opened.</summary>
    [JsonPropertyName("activatedAt")]
    public DateTime? ActivatedAt { get; set; }

    /// <summary>When access ends: activatedAt + duration. AWS enforces it through the policy conditions.</summary>
    [JsonPropertyName("expiresAt")]
    public DateTime? ExpiresAt { get; set; }

    /// <summary>When access actually ended (expiry or revoke).</summary>
    [JsonPropertyName("endedAt")]
    public DateTime? EndedAt { get; set; }

    /// <summary>The grant's access in each account.</summary>
    [ListType(ListTypeAttribute.Map, "accountId")]
    [JsonPropertyName("accounts")]
    public IList<GrantAccountStatus>? Accounts { get; set; }

    /// <summary>Why the grant is in its phase (e.g. Approved, Active, RoleChainingLimitsSessions), with the field at fault.</summary>
    [ListType(ListTypeAttribute.Map, "type")]
    [MaxItems(16)]
    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }
}
