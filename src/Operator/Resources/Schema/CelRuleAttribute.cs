namespace IrOperator.Resources.Schema;

/// <summary>
/// One <c>x-kubernetes-validations</c> rule (CEL) with the message the user sees. On a class it applies to
/// every property of that type; on a property, to that property (or its items with <c>OnItems</c>). Keep
/// rules to the core language plus <c>size</c>, <c>has</c>, <c>all</c>, <c>matches</c>, <c>duration</c>:
/// that is what both the API server and the emulator's CEL evaluate.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class, AllowMultiple = true)]
public sealed class CelRuleAttribute(string rule, string message) : Attribute
{
    public string Rule { get; } = rule;

    public string Message { get; } = message;

    /// <summary>Optional JSON path (relative to the rule's object, e.g. <c>.roleName</c>) the error is reported at.</summary>
    public string? FieldPath { get; init; }

    /// <summary>Apply to the list's items (or the map's values) rather than to the property.</summary>
    public bool OnItems { get; init; }
}
