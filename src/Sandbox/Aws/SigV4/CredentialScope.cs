using System.Text.RegularExpressions;
using IrOperator.Sandbox.Aws.Protocol;

namespace IrOperator.Sandbox.Aws.SigV4;

/// <summary>
/// The checks AWS makes on a SigV4 credential scope and signed headers before it looks at the
/// signature: <c>host</c> must be signed; the service in the scope must be the service called; IAM and
/// Organizations are global and must be signed for their partition's home region (us-east-1 in
/// <c>aws</c>), STS for a region of the partition
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html). AWS answers
/// each as a signature mismatch, with these texts (trailing space included, as AWS sends them).
/// </summary>
public static partial class CredentialScope
{
    /// <summary>The STS operations of botocore's sts/2011-06-15 model: every other query action is IAM's.</summary>
    public static readonly IReadOnlySet<string> StsActions = new HashSet<string>(StringComparer.Ordinal)
    {
        "AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "AssumeRoot", "DecodeAuthorizationMessage", "GetAccessKeyInfo",
        "GetCallerIdentity", "GetDelegatedAccessToken", "GetFederationToken", "GetSessionToken", "GetWebIdentityToken",
    };

    public const string OrganizationsTargetPrefix = "AWSOrganizationsV20161128.";

    public const string HostNotSigned = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";

    /// <summary>
    /// The service a request calls, from the request itself rather than its signature: an Organizations
    /// X-Amz-Target, an STS action, else IAM for the query protocol; <paramref name="signedService"/> when
    /// the request names nothing this emulator serves.
    /// </summary>
    public static string ServiceCalled(string target, string? queryAction, string signedService)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Length > 0)
        {
            return target.StartsWith(OrganizationsTargetPrefix, StringComparison.Ordinal) ? "organizations" : signedService;
        }

        return string.IsNullOrEmpty(queryAction) ? signedService : StsActions.Contains(queryAction) ? "sts" : "iam";
    }

    /// <summary>The region the partition's global services (IAM, Organizations) are signed for.</summary>
    public static string HomeRegion(string partition) => partition switch
    {
        "aws-cn" => "cn-north-1",
        "aws-us-gov" => "us-gov-west-1",
        _ => "us-east-1",
    };

    /// <summary>Throws AWS's error when <paramref name="authorization"/> is not scoped for <paramref name="service"/> in <paramref name="partition"/>.</summary>
    public static void Check(SigV4Authorization authorization, string service, string partition, AwsProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        if (!authorization.SignedHeaders.Contains("host", StringComparer.OrdinalIgnoreCase))
        {
            throw AwsErrors.SignatureScope(protocol, HostNotSigned);
        }

        if (authorization.Service != service)
        {
            throw AwsErrors.SignatureScope(protocol, $"Credential should be scoped to correct service: '{service}'. ");
        }

        var valid = service == "sts" ? IsRegionOf(partition, authorization.Region) : authorization.Region == HomeRegion(partition);
        if (!valid)
        {
            throw AwsErrors.SignatureScope(protocol, $"Credential should be scoped to a valid region, not '{authorization.Region}'. ");
        }
    }

    private static bool IsRegionOf(string partition, string region) => partition switch
    {
        "aws-cn" => ChinaRegion().IsMatch(region),
        "aws-us-gov" => GovCloudRegion().IsMatch(region),
        _ => CommercialRegion().IsMatch(region),
    };

    [GeneratedRegex(@"^(us|eu|ap|sa|ca|me|af|il|mx)-(north|south|east|west|central|northeast|southeast|northwest|southwest)-[1-9]$")]
    private static partial Regex CommercialRegion();

    [GeneratedRegex(@"^cn-(north|northwest)-1$")]
    private static partial Regex ChinaRegion();

    [GeneratedRegex(@"^us-gov-(east|west)-1$")]
    private static partial Regex GovCloudRegion();
}
