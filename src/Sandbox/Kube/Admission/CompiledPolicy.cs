namespace IrOperator.Sandbox.Kube.Admission;

/// <summary>A ValidatingAdmissionPolicy with every expression compiled, ready to evaluate.</summary>
internal sealed record CompiledPolicy(
    string Name,
    bool FailOpen,
    MatchResources MatchConstraints,
    IReadOnlyList<PolicyExpression> MatchConditions,
    IReadOnlyList<(string Name, PolicyExpression Expression)> Variables,
    IReadOnlyList<PolicyValidation> Validations,
    IReadOnlyList<(string Key, PolicyExpression Value)> AuditAnnotations);
