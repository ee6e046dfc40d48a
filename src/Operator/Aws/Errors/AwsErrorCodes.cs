namespace IrOperator.Aws.Errors;

/// <summary>Error codes the operator reacts to by name.</summary>
public static class AwsErrorCodes
{
    public const string NoSuchEntity = "NoSuchEntity";
    public const string EntityAlreadyExists = "EntityAlreadyExists";
    public const string DeleteConflict = "DeleteConflict";
    public const string LimitExceeded = "LimitExceeded";
    public const string MalformedPolicyDocument = "MalformedPolicyDocument";
    public const string InvalidInput = "InvalidInput";
    public const string Throttling = "Throttling";

    /// <summary>Our own code for a response the client could not read (not an AWS code).</summary>
    public const string UnreadableResponse = "UnreadableResponse";

    /// <summary>The signing credentials' session has expired (IAM/STS query protocol; JSON services add "Exception").</summary>
    public const string ExpiredToken = "ExpiredToken";

    /// <summary>Our own code: too many calls were queued behind the client-side rate limit.</summary>
    public const string ClientRateLimited = "ClientRateLimited";

    /// <summary>Our own code for a connection-level failure (no HTTP answer).</summary>
    public const string TransportFailure = "TransportFailure";
}
