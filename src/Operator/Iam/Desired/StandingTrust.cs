namespace IrOperator.Iam.Desired;

/// <summary>A ResponderRole's <c>spec.trust</c> as plain values: who may assume the role at any time, and on which conditions.</summary>
public sealed record StandingTrust(IReadOnlyList<string> Principals, bool RequireMfa = true, bool RequireSourceIdentity = true);
