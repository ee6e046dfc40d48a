namespace IrOperator.Controllers.Grants;

/// <summary>An approval or denial annotation the operator did not count, and why (reported as an ApprovalIgnored event).</summary>
public sealed record IgnoredApproval(string Key, string? User, string Why);
