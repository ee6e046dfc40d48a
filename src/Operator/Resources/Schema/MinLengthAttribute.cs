namespace IrOperator.Resources.Schema;

/// <summary><c>minLength</c> of a string (in characters).</summary>
public sealed class MinLengthAttribute(long length) : SchemaAttribute
{
    public long Length { get; } = length;
}
