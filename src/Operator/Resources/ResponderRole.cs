using System.Text.Json.Serialization;
using IrOperator.Resources.Schema;
using k8s;
using k8s.Models;

namespace IrOperator.Resources;

/// <summary>
/// An IAM role for incident responders that the operator keeps in every selected AWS account: its
/// permissions (a preset plus managed and inline policies), and either standing trust or break-glass
/// approval rules under which BreakGlassGrants open it for a limited time.
/// </summary>
[KubernetesEntity(Group = IrOperatorApi.Group, ApiVersion = IrOperatorApi.Version, Kind = IrOperatorApi.ResponderRoleKind, PluralName = IrOperatorApi.ResponderRolePlural)]
[CustomResource(false, IrOperatorApi.ResponderRoleSingular, ShortNames = [IrOperatorApi.ResponderRoleShortName], Categories = [IrOperatorApi.Category])]
[PrinterColumn(0, "Accounts Ready", "string", ".status.accountsReady", "Accounts whose IAM role matches the spec, out of the accounts selected")]
[PrinterColumn(1, "Preset", "string", ".spec.preset", "The permission preset", Priority = 1)]
[PrinterColumn(2, "Active Grants", "integer", ".status.activeGrants", "BreakGlassGrants currently open on this role", Priority = 1)]
[PrinterColumn(3, "Age", "date", ".metadata.creationTimestamp", "Time since the object was created")]
[CelRule(CelRules.DefaultRoleNameFits, CelRules.DefaultRoleNameFitsMessage)]
public sealed class ResponderRole : IKubernetesObject<V1ObjectMeta>, ISpec<ResponderRoleSpec>, IStatus<ResponderRoleStatus?>
{
    /// <summary>The versioned schema of this object: iroperator.io/v1alpha1.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = IrOperatorApi.ApiVersion;

    /// <summary>The REST resource this object represents.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = IrOperatorApi.ResponderRoleKind;

    /// <summary>Standard object metadata.</summary>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The IAM role the operator keeps in each selected account.</summary>
    [Required]
    [JsonPropertyName("spec")]
    public ResponderRoleSpec Spec { get; set; } = new();

    /// <summary>Per-account state of the IAM role, written by the operator.</summary>
    [JsonPropertyName("status")]
    public ResponderRoleStatus? Status { get; set; }

    /// <summary>The IAM role name: spec.roleName, or "ir-" + metadata.name when it is not set.</summary>
    [JsonIgnore]
    public string IamRoleName => Spec.RoleName ?? IrOperatorApi.DefaultRoleNamePrefix + Metadata.Name;
}
