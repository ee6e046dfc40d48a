namespace IrOperator.Aws.Endpoints;

/// <summary>
/// Resolves a service's URL and signing scope the way the AWS SDKs do
/// (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html):
/// AWS_ENDPOINT_URL_&lt;SERVICE&gt;, then AWS_ENDPOINT_URL, then the shared config profile's endpoint_url,
/// then the operator's configuration, else the partition's default. AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true
/// skips the variables and the profile.
/// </summary>
public sealed class AwsEndpointResolver
{
    public const string DefaultRegion = "us-east-1";

    private readonly Func<string, string?> _environment;
    private readonly AwsEndpointOptions _options;
    private readonly Uri? _profileEndpointUrl;

    /// <param name="options">Configured endpoints and region.</param>
    /// <param name="environment">Reads an environment variable (Environment.GetEnvironmentVariable in production).</param>
    /// <param name="profileEndpointUrl">The active shared-config profile's <c>endpoint_url</c>, if any.</param>
    public AwsEndpointResolver(AwsEndpointOptions options, Func<string, string?> environment, Uri? profileEndpointUrl = null)
    {
        _options = options;
        _environment = environment;
        _profileEndpointUrl = profileEndpointUrl;
    }

    /// <summary>The region requests are made in: configuration, AWS_REGION, AWS_DEFAULT_REGION, else us-east-1.</summary>
    public string Region =>
        NonEmpty(_options.Region) ?? NonEmpty(_environment("AWS_REGION")) ?? NonEmpty(_environment("AWS_DEFAULT_REGION")) ?? DefaultRegion;

    public AwsPartition Partition => AwsPartition.ForRegion(Region);

    public AwsEndpoint Resolve(AwsService service)
    {
        var (envSuffix, signingName) = service switch
        {
            AwsService.Iam => ("IAM", "iam"),
            AwsService.Sts => ("STS", "sts"),
            AwsService.Organizations => ("ORGANIZATIONS", "organizations"),
            _ => throw new ArgumentOutOfRangeException(nameof(service), service, "Unknown AWS service."),
        };
        var signingRegion = SigningRegion(service);

        if (!IgnoreConfiguredEndpoints())
        {
            var serviceVariable = "AWS_ENDPOINT_URL_" + envSuffix;
            if (ParseUrl(_environment(serviceVariable), serviceVariable) is { } serviceUrl)
            {
                return new AwsEndpoint(serviceUrl, signingRegion, signingName, serviceVariable);
            }

            if (ParseUrl(_environment("AWS_ENDPOINT_URL"), "AWS_ENDPOINT_URL") is { } globalUrl)
            {
                return new AwsEndpoint(globalUrl, signingRegion, signingName, "AWS_ENDPOINT_URL");
            }

            if (_profileEndpointUrl is not null)
            {
                return new AwsEndpoint(_profileEndpointUrl, signingRegion, signingName, "profile endpoint_url");
            }
        }

        var configured = service switch
        {
            AwsService.Iam => _options.IamEndpointUrl,
            AwsService.Sts => _options.StsEndpointUrl,
            _ => _options.OrganizationsEndpointUrl,
        } ?? _options.EndpointUrl;
        if (configured is not null)
        {
            return new AwsEndpoint(configured, signingRegion, signingName, "configuration");
        }

        var partition = Partition;
        var host = service switch
        {
            AwsService.Iam => partition.IamHost,
            AwsService.Organizations => partition.OrganizationsHost,
            _ => $"sts.{Region}.{partition.DnsSuffix}",
        };
        return new AwsEndpoint(new Uri($"https://{host}/"), signingRegion, signingName, "partition default");
    }

    /// <summary>
    /// IAM and Organizations are global: they are signed in the partition's home region whatever region
    /// the operator runs in (a request to IAM signed for eu-west-1 is refused). STS is regional.
    /// </summary>
    private string SigningRegion(AwsService service) => service switch
    {
        AwsService.Iam => Partition.IamSigningRegion,
        AwsService.Organizations => Partition.OrganizationsSigningRegion,
        _ => Region,
    };

    private bool IgnoreConfiguredEndpoints() =>
        string.Equals(_environment("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase);

    private static Uri? ParseUrl(string? value, string variable)
    {
        if (NonEmpty(value) is not { } text)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"{variable} must be an absolute http(s) URL; got '{text}'.", variable);
        }

        return url;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
