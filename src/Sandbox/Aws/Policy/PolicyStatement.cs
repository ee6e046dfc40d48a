namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>
/// One statement. Exactly one of Action/NotAction is set (validated per kind); Resource/NotResource
/// and Principal/NotPrincipal may be absent (null) depending on the kind of policy.
/// </summary>
public sealed record PolicyStatement(
    string? Sid,
    PolicyEffect Effect,
    PrincipalSet? Principal,
    PrincipalSet? NotPrincipal,
    IReadOnlyList<string>? Actions,
    IReadOnlyList<string>? NotActions,
    IReadOnlyList<string>? Resources,
    IReadOnlyList<string>? NotResources,
    IReadOnlyList<ConditionClause> Conditions);
