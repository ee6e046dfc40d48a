namespace IrOperator.Sandbox.Aws.Protocol;

/// <summary>The wire protocol of a service: it decides how errors are spelled and shaped.</summary>
public enum AwsProtocol
{
    /// <summary>IAM and STS: form-encoded requests, XML responses and &lt;ErrorResponse&gt; errors.</summary>
    Query,

    /// <summary>Organizations: JSON 1.1 with X-Amz-Target, errors as {"__type", "Message"}.</summary>
    Json,
}
