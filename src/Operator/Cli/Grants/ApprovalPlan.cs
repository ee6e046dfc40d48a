namespace IrOperator.Cli.Grants;

/// <summary>
/// The annotation <c>approve</c> or <c>deny</c> writes (docs/approvals.md, "The format"), or why it need not:
/// the caller's entry is there already, or (approve) the grant is open already.
/// </summary>
/// <param name="Through">How the entry counts: "as a named approver" or "through group X".</param>
public sealed record ApprovalPlan(string Key, string Value, string Through, bool AlreadyGiven, bool AlreadyOpen);
