namespace IrOperator.Controllers.ResponderRoles;

/// <summary>
/// The desired IAM role of one account as the reconciler handles it: its name, a fingerprint of the
/// canonical desired state (to recognise propagation of what was just written) and the model's own value.
/// </summary>
public sealed record DesiredAccountRole(string AccountId, string RoleName, string Fingerprint, object Model);
