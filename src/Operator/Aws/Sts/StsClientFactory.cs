using Amazon.Runtime;
using Amazon.SecurityToken;
using IrOperator.Aws.Endpoints;
using IrOperator.Aws.Resilience;

namespace IrOperator.Aws.Sts;

/// <summary>Builds AWSSDK.SecurityToken's client for a resolved endpoint.</summary>
public static class StsClientFactory
{
    /// <remarks>
    /// The SDK client keeps its own retry handler: it is given the standard mode and our attempt budget
    /// rather than wrapped in ours, so STS throttling is retried once, not twice over.
    /// </remarks>
    public static AmazonSecurityTokenServiceClient Create(AWSCredentials credentials, AwsEndpoint endpoint, AwsResilienceOptions resilience)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(resilience);
        var config = new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = endpoint.Url.ToString(),
            AuthenticationRegion = endpoint.SigningRegion,
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = resilience.MaxAttempts - 1,
        };
        return new AmazonSecurityTokenServiceClient(credentials, config);
    }
}
