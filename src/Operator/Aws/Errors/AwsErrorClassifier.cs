using System.Net;

namespace IrOperator.Aws.Errors;

/// <summary>
/// The one place where AWS error codes are classified, following the AWS SDKs' "standard" retry mode
/// (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html).
/// </summary>
public static class AwsErrorClassifier
{
    // Throttling codes of the standard retry mode. "LimitExceededException" is deliberately absent although
    // the SDKs list it: IAM's "LimitExceeded" and Organizations' "LimitExceededException" are quota errors
    // (too many roles, policy too large), and retrying a quota error only burns the retry budget.
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "RequestThrottled",
        "SlowDown",
        "PriorRequestNotComplete",
        "EC2ThrottledException",
        AwsErrorCodes.ClientRateLimited,
    };

    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "RequestTimeout",
        "RequestTimeoutException",
        "ServiceUnavailable",
        "ServiceUnavailableException",
        "InternalFailure",
        "InternalError",
        "ServiceFailure",
        "ServiceException",
        "IDPCommunicationError",
        AwsErrorCodes.TransportFailure,

        // Retryable only because the sender drops the expired session before the retry (see AwsHttpSender).
        AwsErrorCodes.ExpiredToken,
        "ExpiredTokenException",
    };

    private static readonly HashSet<string> QuotaCodes = new(StringComparer.Ordinal)
    {
        "LimitExceeded",
        "LimitExceededException",
        "ConstraintViolationException",
    };

    public static AwsErrorKind Classify(string errorCode, HttpStatusCode statusCode)
    {
        if (QuotaCodes.Contains(errorCode))
        {
            return AwsErrorKind.Quota;
        }

        if (ThrottlingCodes.Contains(errorCode) || statusCode == HttpStatusCode.TooManyRequests)
        {
            return AwsErrorKind.Throttled;
        }

        if (TransientCodes.Contains(errorCode) || IsTransientStatus(statusCode))
        {
            return AwsErrorKind.Retryable;
        }

        return AwsErrorKind.Terminal;
    }

    public static bool IsExpiredCredentials(string errorCode) =>
        errorCode is AwsErrorCodes.ExpiredToken or "ExpiredTokenException";

    public static bool IsTransientStatus(HttpStatusCode statusCode) =>
        statusCode is HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.GatewayTimeout;
}
