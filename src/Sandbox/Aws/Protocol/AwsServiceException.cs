using System.Net;

namespace IrOperator.Sandbox.Aws.Protocol;

/// <summary>
/// An error the emulator answers with, as AWS spells it: the code (IAM's <c>NoSuchEntity</c>, or a JSON
/// service's <c>__type</c> such as <c>AccountNotFoundException</c>), IAM's message and the HTTP status.
/// Messages never carry secrets: at most an access key id, as AWS does.
/// </summary>
public sealed class AwsServiceException : Exception
{
    public AwsServiceException(string code, string message, HttpStatusCode status, bool senderFault = true)
        : base(message)
    {
        Code = code;
        Status = status;
        SenderFault = senderFault;
    }

    public AwsServiceException()
        : this("InternalFailure", "An internal error occurred.", HttpStatusCode.InternalServerError, senderFault: false)
    {
    }

    public AwsServiceException(string message)
        : this("InternalFailure", message, HttpStatusCode.InternalServerError, senderFault: false)
    {
    }

    public AwsServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "InternalFailure";
        Status = HttpStatusCode.InternalServerError;
    }

    public string Code { get; }

    public HttpStatusCode Status { get; }

    public bool SenderFault { get; }
}
