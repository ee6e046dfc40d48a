namespace IrOperator.Resources.Schema;

/// <summary><c>maxItems</c> of a list; also bounds the cost of CEL rules over it.</summary>
public sealed class MaxItemsAttribute(long count) : SchemaAttribute
{
    public long Count { get; } = count;
}
