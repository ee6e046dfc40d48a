using System.Net;

namespace IrOperator.Aws.Errors;

/// <summary>An error answered by an AWS service (or the transport to it), carrying AWS's error code.</summary>
public sealed class AwsServiceException : Exception
{
    public AwsServiceException(string service, string action, string errorCode, string message, HttpStatusCode statusCode, string? requestId, Exception? inner = null)
        : base($"{service}:{action} failed with {errorCode} (HTTP {(int)statusCode}): {message}", inner)
    {
        Service = service;
        Action = action;
        ErrorCode = errorCode;
        AwsMessage = message;
        StatusCode = statusCode;
        RequestId = requestId;
        Kind = AwsErrorClassifier.Classify(errorCode, statusCode);
    }

    public string Service { get; }

    public string Action { get; }

    /// <summary>AWS's error code, e.g. NoSuchEntity, EntityAlreadyExists, Throttling.</summary>
    public string ErrorCode { get; }

    /// <summary>The message as AWS wrote it.</summary>
    public string AwsMessage { get; }

    public HttpStatusCode StatusCode { get; }

    public string? RequestId { get; }

    public AwsErrorKind Kind { get; }

    public bool IsRetryable => Kind is AwsErrorKind.Retryable or AwsErrorKind.Throttled;

    public bool IsThrottled => Kind == AwsErrorKind.Throttled;
}
