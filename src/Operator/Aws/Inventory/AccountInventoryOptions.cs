namespace IrOperator.Aws.Inventory;

public sealed class AccountInventoryOptions
{
    /// <summary>How long a snapshot of the organization is served before it is read again.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);
}
