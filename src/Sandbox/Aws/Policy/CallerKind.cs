namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>What kind of principal signed the request.</summary>
public enum CallerKind
{
    /// <summary>The account's root user (long-term credentials).</summary>
    Root,

    /// <summary>An IAM user (long-term access keys).</summary>
    User,

    /// <summary>A session of an IAM role, from AssumeRole (temporary credentials).</summary>
    AssumedRole,

    /// <summary>An AWS service principal such as <c>ec2.amazonaws.com</c> (for trust policies).</summary>
    Service,

    /// <summary>A web identity or SAML provider (for AssumeRoleWithWebIdentity/SAML trust).</summary>
    Federated,
}
