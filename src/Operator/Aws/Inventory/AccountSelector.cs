namespace IrOperator.Aws.Inventory;

/// <summary>
/// Which accounts a role lives in: the union of <see cref="Ids"/>, the accounts under
/// <see cref="OrganizationalUnits"/> (nested OUs included) and the accounts carrying all <see cref="Tags"/>,
/// minus <see cref="Exclude"/>. Only ACTIVE accounts are ever selected. The AWS layer's own type, so it does
/// not depend on the CRD types (ResponderRole's spec.accounts maps onto it one to one).
/// </summary>
public sealed record AccountSelector
{
    public IReadOnlyCollection<string> Ids { get; init; } = [];

    public IReadOnlyCollection<string> OrganizationalUnits { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public IReadOnlyCollection<string> Exclude { get; init; } = [];
}
