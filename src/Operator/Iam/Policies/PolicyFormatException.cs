namespace IrOperator.Iam.Policies;

/// <summary>A document that cannot be read as an IAM policy; <see cref="Error"/> names the field (relative to the document).</summary>
public sealed class PolicyFormatException : FormatException
{
    public PolicyFormatException()
        : this(new PolicyError("", "is not a valid IAM policy document"))
    {
    }

    public PolicyFormatException(string message)
        : this(new PolicyError("", message))
    {
    }

    public PolicyFormatException(string message, Exception innerException)
        : base(message, innerException) => Error = new PolicyError("", message);

    public PolicyFormatException(PolicyError error)
        : base((error ?? throw new ArgumentNullException(nameof(error))).ToString()) => Error = error;

    public PolicyError Error { get; }
}
