namespace IrOperator.Resources.Schema;

/// <summary><c>maxProperties</c> of a map.</summary>
public sealed class MaxPropertiesAttribute(long count) : SchemaAttribute
{
    public long Count { get; } = count;
}
