namespace IrOperator.Resources.Schema;

/// <summary>
/// A duration string (<c>1h</c>, <c>90m</c>, <c>2h30m</c>) between <see cref="Minimum"/> and <see cref="Maximum"/>:
/// the schema gets the format pattern, a length bound, and a CEL rule with the bounds (see <see cref="CelRules.DurationBetween"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DurationAttribute(string minimum, string maximum) : Attribute
{
    public string Minimum { get; } = minimum;

    public string Maximum { get; } = maximum;

    /// <summary>Appended to the bounds message, e.g. where the bounds come from.</summary>
    public string? Note { get; init; }

    public string Message => $"must be between {Minimum} and {Maximum}" + (Note is null ? "" : $" ({Note})");
}
