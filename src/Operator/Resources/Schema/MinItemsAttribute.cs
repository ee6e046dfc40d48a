namespace IrOperator.Resources.Schema;

/// <summary><c>minItems</c> of a list.</summary>
public sealed class MinItemsAttribute(long count) : SchemaAttribute
{
    public long Count { get; } = count;
}
