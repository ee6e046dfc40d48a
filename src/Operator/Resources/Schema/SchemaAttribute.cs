namespace IrOperator.Resources.Schema;

/// <summary>
/// Base of the attributes that add OpenAPI constraints C# cannot express. With <see cref="OnItems"/> the
/// constraint applies to each element of a list (or each value of a map) instead of the property itself,
/// so a list of account ids can carry the account id pattern.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = true)]
public abstract class SchemaAttribute : Attribute
{
    /// <summary>Apply to the list's items (or the map's values) rather than to the property.</summary>
    public bool OnItems { get; init; }
}
