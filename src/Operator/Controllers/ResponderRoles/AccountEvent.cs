namespace IrOperator.Controllers.ResponderRoles;

/// <summary>What happened in one account in one reconcile, as the Event reason recorded on the ResponderRole.</summary>
public enum AccountEvent
{
    /// <summary>Nothing changed (no Event).</summary>
    None,
    Created,
    Updated,
    DriftCorrected,
    Deleted,
    Retained,
    NotOwned,
    AccountFailed,
}
