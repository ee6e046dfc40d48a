namespace IrOperator.Iam.Policies;

/// <summary>A statement's Effect: IAM accepts exactly "Allow" or "Deny" (case-sensitive).</summary>
public enum PolicyEffect
{
    Allow,
    Deny,
}
