namespace IrOperator.Aws.Endpoints;

/// <summary>Where to send a service's requests and how to sign them.</summary>
/// <param name="Url">The service URL.</param>
/// <param name="SigningRegion">The region in the SigV4 credential scope.</param>
/// <param name="SigningName">The service name in the SigV4 credential scope (iam, sts, organizations).</param>
/// <param name="Source">Where the URL came from (for logs and diagnostics).</param>
public sealed record AwsEndpoint(Uri Url, string SigningRegion, string SigningName, string Source);
