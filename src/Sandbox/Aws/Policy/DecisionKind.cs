namespace IrOperator.Sandbox.Aws.Policy;

public enum DecisionKind
{
    /// <summary>No statement allowed the request (the default).</summary>
    ImplicitDeny,

    /// <summary>A statement allowed it and none denied it.</summary>
    Allow,

    /// <summary>A Deny statement applied: it wins over every Allow.</summary>
    ExplicitDeny,
}
