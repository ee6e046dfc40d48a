namespace IrOperator.Schema.Cel;

/// <summary>One compiled <c>x-kubernetes-validations</c> entry.</summary>
internal sealed record CelRule(
    string Rule,
    string Message,
    string MessageExpression,
    IReadOnlyList<string> FieldPath,
    FieldErrorType Reason,
    bool UsesOldSelf,
    global::Cel.CelProgramDelegate Program,
    global::Cel.CelProgramDelegate? MessageProgram)
{
    /// <summary>The rule as the server quotes it in errors: the message if set, else the rule text.</summary>
    public string ErrorString => Message.Trim().Length > 0 ? Message.Trim() : Rule.Trim();

    /// <summary>The default failure detail: the message, or "failed rule: &lt;rule&gt;".</summary>
    public string MessageOrDefault => Message.Trim().Length > 0 ? Message.Trim() : $"failed rule: {Rule.Trim()}";
}
