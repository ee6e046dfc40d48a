namespace IrOperator.Resources.Schema;

/// <summary>
/// <c>maxLength</c> of a string. Every string a CEL rule reads needs one: the API server refuses a CRD
/// whose rules' estimated cost is unbounded.
/// </summary>
public sealed class MaxLengthAttribute(long length) : SchemaAttribute
{
    public long Length { get; } = length;
}
