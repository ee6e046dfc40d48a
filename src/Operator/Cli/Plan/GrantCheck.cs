namespace IrOperator.Cli.Plan;

/// <summary>
/// A BreakGlassGrant checked against its role as the grant controller does on arrival: <see cref="Outcome"/> is
/// <c>Valid</c>, <c>Invalid</c> (the controller would deny it), <c>Waiting</c> (an input is unknown offline) or
/// <c>Unchecked</c> (its role is not among the manifests). A grant changes no IAM role until it is approved.
/// </summary>
public sealed record GrantCheck(string File, int Document, string? Namespace, string Name, string Role, string Outcome, string Message);
