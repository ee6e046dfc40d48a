namespace IrOperator.Aws.Errors;

/// <summary>How the operator treats a failed AWS call.</summary>
public enum AwsErrorKind
{
    /// <summary>The request was refused for what it asked: retrying cannot help (e.g. NoSuchEntity, MalformedPolicyDocument).</summary>
    Terminal,

    /// <summary>A quota was reached (IAM's LimitExceeded): a change of input or of the quota is needed; never retried.</summary>
    Quota,

    /// <summary>The service asked us to slow down: retried with backoff.</summary>
    Throttled,

    /// <summary>A transient failure (5xx, timeout, dropped connection): retried with backoff.</summary>
    Retryable,
}
