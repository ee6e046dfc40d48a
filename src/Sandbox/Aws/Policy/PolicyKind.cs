namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>Where a document is used: IAM checks a role's trust policy and its permission policies differently.</summary>
public enum PolicyKind
{
    /// <summary>Parsed but not yet validated for a use.</summary>
    Unvalidated,

    /// <summary>A role's assume-role (trust) policy: a resource policy that must name a principal.</summary>
    Trust,

    /// <summary>An identity (permissions) policy: inline or managed, no principal, needs resources.</summary>
    Identity,
}
