namespace IrOperator.Aws.Inventory;

/// <summary>The ACTIVE accounts a selector resolves to (sorted by id), and the selected accounts that cannot be used, with why.</summary>
public sealed record AccountSelection(IReadOnlyList<InventoryAccount> Accounts, IReadOnlyList<SkippedAccount> Skipped);
