namespace IrOperator.Resources.Schema;

/// <summary>
/// <c>pattern</c>: a regular expression the API server evaluates with Go's RE2. Write character classes
/// out (<c>[A-Za-z0-9_]</c>, <c>[0-9]</c>) rather than <c>\w</c>/<c>\d</c>: they are ASCII in RE2 but
/// Unicode in .NET, and the same pattern is also used by CEL rules and by our own code.
/// </summary>
public sealed class PatternAttribute(string pattern) : SchemaAttribute
{
    public string Pattern { get; } = pattern;
}
