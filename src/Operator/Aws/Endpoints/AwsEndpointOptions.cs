namespace IrOperator.Aws.Endpoints;

/// <summary>Endpoint configuration from the operator's settings; environment variables take precedence.</summary>
public sealed class AwsEndpointOptions
{
    /// <summary>The region the operator works in (STS is regional); AWS_REGION / AWS_DEFAULT_REGION when unset.</summary>
    public string? Region { get; set; }

    /// <summary>One URL for every service (as AWS_ENDPOINT_URL).</summary>
    public Uri? EndpointUrl { get; set; }

    public Uri? IamEndpointUrl { get; set; }

    public Uri? StsEndpointUrl { get; set; }

    public Uri? OrganizationsEndpointUrl { get; set; }
}
