namespace IrOperator.Sandbox.Aws.Organizations;

/// <summary>
/// An AWS organization: its id, the one root, OUs and accounts (ParentId is the root or an OU).
/// The management account is the only one allowed to call the Organizations API here; delegated
/// administrators are not modelled.
/// </summary>
public sealed record OrganizationModel(
    string Id,
    string RootId,
    string ManagementAccountId,
    IReadOnlyList<OrgUnit> Units,
    IReadOnlyList<OrgAccount> Accounts,
    string Partition = "aws")
{
    public OrgAccount? Account(string id) => Accounts.FirstOrDefault(account => account.Id == id);

    public OrgAccount AccountNamed(string name) =>
        Accounts.FirstOrDefault(account => account.Name == name) ?? throw new KeyNotFoundException($"No account named '{name}'.");

    public OrgUnit? Unit(string id) => Units.FirstOrDefault(unit => unit.Id == id);

    public bool IsParent(string id) => id == RootId || Unit(id) is not null;

    public string RootArn => $"arn:{Partition}:organizations::{ManagementAccountId}:root/{Id}/{RootId}";

    public string AccountArn(string accountId) => $"arn:{Partition}:organizations::{ManagementAccountId}:account/{Id}/{accountId}";

    public string UnitArn(string unitId) => $"arn:{Partition}:organizations::{ManagementAccountId}:ou/{Id}/{unitId}";

    /// <summary>The path of OU names from the root to <paramref name="parentId"/>, e.g. "Workloads/Prod".</summary>
    public string PathOf(string parentId)
    {
        var names = new List<string>();
        for (var unit = Unit(parentId); unit is not null; unit = Unit(unit.ParentId))
        {
            names.Insert(0, unit.Name);
        }

        return string.Join('/', names);
    }
}
