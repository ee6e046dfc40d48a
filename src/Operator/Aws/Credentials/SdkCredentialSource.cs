using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace IrOperator.Aws.Credentials;

/// <summary>
/// Credentials from AWSSDK.Core: its default chain (environment, shared profile, web identity for IRSA,
/// EKS Pod Identity and ECS container credentials, EC2 instance metadata), or a named profile.
/// The SDK's credential objects refresh themselves before expiry.
/// </summary>
public sealed class SdkCredentialSource : IAwsCredentialSource
{
    private readonly AWSCredentials _credentials;

    public SdkCredentialSource(AWSCredentials credentials, string description)
    {
        _credentials = credentials;
        Description = description;
    }

    public string Description { get; }

    /// <summary>The SDK credentials, for SDK clients (the STS client) that take them directly.</summary>
    public AWSCredentials Credentials => _credentials;

    /// <summary>The SDK's default credential chain, resolved lazily on first use.</summary>
    public static SdkCredentialSource FromDefaultChain() =>
        new(DefaultAWSCredentialsIdentityResolver.GetCredentials(), "default credential chain");

    /// <summary>
    /// A profile of the shared config/credentials files (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE honoured),
    /// or of the credentials file at <paramref name="credentialsFile"/> (the SDK reads the <c>config</c> beside it).
    /// </summary>
    public static SdkCredentialSource FromProfile(string profileName, string? credentialsFile = null)
    {
        var chain = Chain(credentialsFile);
        if (!chain.TryGetAWSCredentials(profileName, out var credentials))
        {
            throw new InvalidOperationException($"AWS profile '{profileName}' was not found or holds no usable credentials.");
        }

        return new SdkCredentialSource(credentials, $"profile {profileName}");
    }

    /// <summary>The <c>endpoint_url</c> of a shared-config profile, if it has one.</summary>
    public static Uri? ProfileEndpointUrl(string? profileName, string? credentialsFile = null)
    {
        var chain = Chain(credentialsFile);
        var name = string.IsNullOrWhiteSpace(profileName) ? Environment.GetEnvironmentVariable("AWS_PROFILE") ?? "default" : profileName;
        return chain.TryGetProfile(name, out var profile) && Uri.TryCreate(profile.EndpointUrl, UriKind.Absolute, out var url) ? url : null;
    }

    private static CredentialProfileStoreChain Chain(string? credentialsFile) =>
        credentialsFile is null ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(credentialsFile);

    public async Task<ImmutableCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await _credentials.GetCredentialsAsync().ConfigureAwait(false);
    }
}
