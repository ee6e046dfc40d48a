namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>
/// Which kind of policy decided a request, for IAM's denial texts ("because no permissions boundary
/// allows ...", "with an explicit deny in a session policy").
/// </summary>
public enum DecisionSource
{
    /// <summary>The caller's identity-based (permissions) policies.</summary>
    Identity,

    /// <summary>The permissions boundary of the caller's user or role.</summary>
    PermissionsBoundary,

    /// <summary>The session policies passed to AssumeRole (Policy, PolicyArns).</summary>
    SessionPolicy,

    /// <summary>A resource-based policy (here only a role's trust policy).</summary>
    Resource,
}
