namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>
/// A policy document IAM would refuse with the error code MalformedPolicyDocument. The message is
/// IAM's own text (see <see cref="PolicyMessages"/>), so the emulator can return it unchanged.
/// </summary>
public sealed class MalformedPolicyException : Exception
{
    public MalformedPolicyException()
        : this(PolicyMessages.SyntaxErrors)
    {
    }

    public MalformedPolicyException(string message)
        : base(message)
    {
    }

    public MalformedPolicyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
