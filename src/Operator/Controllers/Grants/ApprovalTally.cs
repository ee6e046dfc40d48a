using IrOperator.Resources;

namespace IrOperator.Controllers.Grants;

/// <summary>
/// The approvals of a grant as counted against its role: those that count (distinct approvers, with the time
/// first seen), those ignored and why, the valid denials, and whether the role's minApprovals is reached.
/// </summary>
public sealed record ApprovalTally(
    IReadOnlyList<Approval> Counted,
    IReadOnlyList<IgnoredApproval> Ignored,
    IReadOnlyList<Approval> Denials,
    int Required)
{
    public bool IsApproved => Counted.Count >= Required;

    public bool IsDenied => Denials.Count > 0;

    /// <summary>The approvers' names in the order counted, for messages and the audit log.</summary>
    public IReadOnlyList<string> Approvers => [.. Counted.Select(a => a.By)];
}
