namespace IrOperator.Aws.Inventory;

/// <summary>An account the selector names by id that is not used, and why (for the role's status).</summary>
public sealed record SkippedAccount(string Id, string Reason);
