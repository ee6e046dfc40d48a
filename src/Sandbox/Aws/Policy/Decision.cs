namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>The outcome of an evaluation, with the Sid of the deciding statement (if it had one) for messages.</summary>
public sealed record Decision(DecisionKind Kind, string? Sid)
{
    public static Decision ImplicitDeny { get; } = new(DecisionKind.ImplicitDeny, null);

    public static Decision Allow(string? sid) => new(DecisionKind.Allow, sid);

    public static Decision ExplicitDeny(string? sid) => new(DecisionKind.ExplicitDeny, sid);

    public bool IsAllowed => Kind == DecisionKind.Allow;
}
