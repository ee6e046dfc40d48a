using IrOperator.Resources.Schema;
using k8s.Models;

namespace IrOperator.Resources;

/// <summary>
/// A request for time-limited access to a break-glass ResponderRole: who, which role, which accounts, how
/// long, which incident, why. Nothing opens until approvers add approval.iroperator.io/ annotations;
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
public sealed class BreakGlassGrant() : CustomResource<BreakGlassGrantSpec, BreakGlassGrantStatus>(IrOperatorApi.BreakGlassGrantKind);
