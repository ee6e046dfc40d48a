namespace IrOperator.Sandbox.Aws.Policy;

public enum PolicyEffect
{
    Allow,
    Deny,
}
