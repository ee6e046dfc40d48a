namespace IrOperator.Aws.Inventory;

/// <summary>The ACTIVE accounts a selector resolves to (sorted by id), and the named ids that were not used.</summary>
public sealed record AccountSelection(IReadOnlyList<InventoryAccount> Accounts, IReadOnlyList<SkippedAccount> Skipped);
