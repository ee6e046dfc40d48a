namespace IrOperator.Resources.Schema;

/// <summary><c>format</c> of a string (e.g. <c>date-time</c>); dates get it without the attribute.</summary>
public sealed class FormatAttribute(string format) : SchemaAttribute
{
    public string Format { get; } = format;
}
