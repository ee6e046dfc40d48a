using System.Text.Json.Serialization;
using IrOperator.Resources.Schema;
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
public sealed class ResponderRole() : CustomResource<ResponderRoleSpec, ResponderRoleStatus>(IrOperatorApi.ResponderRoleKind)
{
    /// <summary>The IAM role name: spec.roleName, or "ir-" + metadata.name when it is not set.</summary>
    [JsonIgnore]
    public string IamRoleName => Spec.RoleName ?? IrOperatorApi.DefaultRoleNamePrefix + Metadata.Name;
}
