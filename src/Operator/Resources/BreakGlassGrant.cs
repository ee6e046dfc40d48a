using System.Text.Json.Serialization;
using IrOperator.Resources.Schema;
using k8s;
using k8s.Models;

namespace IrOperator.Resources;

/// <summary>
/// A request for time-limited access to a break-glass ResponderRole: who, which role, which accounts, how
/// long, which incident, why. Nothing opens until approvers set the iroperator.io/approved-by annotation;
/// then the operator opens the role to the principal until status.expiresAt, which AWS itself enforces.
/// Set iroperator.io/revoke to end it early. The spec cannot change after creation.
/// </summary>
[KubernetesEntity(Group = IrOperatorApi.Group, ApiVersion = IrOperatorApi.Version, Kind = IrOperatorApi.BreakGlassGrantKind, PluralName = IrOperatorApi.BreakGlassGrantPlural)]
[CustomResource(true, IrOperatorApi.BreakGlassGrantSingular, ShortNames = [IrOperatorApi.BreakGlassGrantShortName], Categories = [IrOperatorApi.Category])]
[PrinterColumn(0, "Role", "string", ".spec.role", "The ResponderRole the grant opens")]
[PrinterColumn(1, "Requested By", "string", ".spec.requestedBy", "The human the access is for")]
[PrinterColumn(2, "Phase", "string", ".status.phase", "Pending, Approved, Active, Expired, Revoked, Denied or Failed")]
[PrinterColumn(3, "Expires", "string", ".status.expiresAt", "When access ends (UTC)")]
[PrinterColumn(4, "Incident", "string", ".spec.incident", "The incident the access is for", Priority = 1)]
[PrinterColumn(5, "Age", "date", ".metadata.creationTimestamp", "Time since the object was created")]
public sealed class BreakGlassGrant : IKubernetesObject<V1ObjectMeta>, ISpec<BreakGlassGrantSpec>, IStatus<BreakGlassGrantStatus?>
{
    /// <summary>The versioned schema of this object: iroperator.io/v1alpha1.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = IrOperatorApi.ApiVersion;

    /// <summary>The REST resource this object represents.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = IrOperatorApi.BreakGlassGrantKind;

    /// <summary>Standard object metadata.</summary>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>What is requested. Immutable: to change it, delete the grant and request a new one.</summary>
    [Required]
    [CelRule(CelRules.Immutable, CelRules.ImmutableMessage)]
    [JsonPropertyName("spec")]
    public BreakGlassGrantSpec Spec { get; set; } = new();

    /// <summary>Phase, approvals, times and per-account state, written by the operator.</summary>
    [JsonPropertyName("status")]
    public BreakGlassGrantStatus? Status { get; set; }
}
