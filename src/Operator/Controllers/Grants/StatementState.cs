namespace IrOperator.Controllers.Grants;

/// <summary>
/// Where a grant's trust statement stands in one account, as the role's apply path last saw it. IAM is
/// eventually consistent, so what was sent (<see cref="Written"/>) and what a read shows (<see cref="Visible"/>)
/// are different states.
/// </summary>
public enum StatementState
{
    /// <summary>Not in the trust policy, and not being written.</summary>
    Absent,

    /// <summary>Sent to IAM; a read does not show it yet.</summary>
    Written,

    /// <summary>Read back from IAM.</summary>
    Visible,

    /// <summary>Its removal is sent; a read still shows it.</summary>
    Removing,
}
