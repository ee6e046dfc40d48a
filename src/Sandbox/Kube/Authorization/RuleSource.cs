namespace IrOperator.Sandbox.Kube.Authorization;

/// <summary>Rules that apply to a user, and the binding that grants them, described as the RBAC authorizer describes it.</summary>
public sealed record RuleSource(string Description, IReadOnlyList<PolicyRule> Rules);
