using System.Text.Json.Serialization;

namespace IrOperator.Resources;

/// <summary>Where a BreakGlassGrant is in its life: Pending, then Approved and Active, then Expired or Revoked; or Denied, or Failed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GrantPhase>))]
public enum GrantPhase
{
    /// <summary>Waiting for enough valid approvals.</summary>
    Pending,

    /// <summary>Approved; access is being opened in the accounts.</summary>
    Approved,

    /// <summary>Access is open until status.expiresAt.</summary>
    Active,

    /// <summary>Access ended at status.expiresAt.</summary>
    Expired,

    /// <summary>Access was ended early through the iroperator.io/revoke annotation.</summary>
    Revoked,

    /// <summary>The grant cannot be approved or would widen its role (see conditions); nothing was opened.</summary>
    Denied,

    /// <summary>Access could not be opened (e.g. the trust policy has no room left); see conditions.</summary>
    Failed,
}
