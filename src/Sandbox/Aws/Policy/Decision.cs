namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>
/// The outcome of an evaluation, with the Sid of the deciding statement (if it had one) and the kind
/// of policy that decided (for IAM's messages).
/// </summary>
public sealed record Decision(DecisionKind Kind, string? Sid, DecisionSource Source = DecisionSource.Identity)
{
    public static Decision ImplicitDeny { get; } = new(DecisionKind.ImplicitDeny, null);

    public static Decision Allow(string? sid) => new(DecisionKind.Allow, sid);

    public static Decision ExplicitDeny(string? sid) => new(DecisionKind.ExplicitDeny, sid);

    public bool IsAllowed => Kind == DecisionKind.Allow;
}
