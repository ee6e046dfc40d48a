namespace IrOperator.Sandbox.Kube.Admission;

/// <summary>One compiled CEL expression of a policy, with its text for error messages and the policy variables it reads.</summary>
internal sealed record PolicyExpression(string Text, global::Cel.CelProgramDelegate Program, IReadOnlySet<string> Variables);
