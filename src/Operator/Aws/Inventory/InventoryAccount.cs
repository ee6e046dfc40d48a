namespace IrOperator.Aws.Inventory;

/// <summary>An account of the organization as the inventory knows it.</summary>
/// <param name="OrganizationalUnits">The OU ids above the account, nearest last (the root excluded).</param>
public sealed record InventoryAccount(
    string Id,
    string Name,
    bool IsActive,
    string State,
    IReadOnlyList<string> OrganizationalUnits,
    IReadOnlyDictionary<string, string> Tags);
