namespace IrOperator.Resources.Schema;

/// <summary>
/// <c>x-kubernetes-list-type</c>: <c>set</c> (the API server refuses duplicates) or <c>map</c> keyed by
/// <see cref="MapKeys"/> (merge by key, duplicates refused; the keys become required in the items).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListTypeAttribute(string listType, params string[] mapKeys) : Attribute
{
    public const string Set = "set";
    public const string Map = "map";

    public string ListType { get; } = listType;

    public IReadOnlyList<string> MapKeys { get; } = mapKeys;
}
