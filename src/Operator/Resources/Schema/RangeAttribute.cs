namespace IrOperator.Resources.Schema;

/// <summary><c>minimum</c> and <c>maximum</c> (inclusive) of an integer.</summary>
public sealed class RangeAttribute(long minimum, long maximum) : SchemaAttribute
{
    public long Minimum { get; } = minimum;

    public long Maximum { get; } = maximum;
}
