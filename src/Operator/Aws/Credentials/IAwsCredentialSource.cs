using Amazon.Runtime;

namespace IrOperator.Aws.Credentials;

/// <summary>Hands out current credentials for signing; implementations refresh them as needed.</summary>
public interface IAwsCredentialSource
{
    /// <summary>A label for logs (never a key): e.g. "default chain", "profile operator", "assumed role in 333333333333".</summary>
    string Description { get; }

    Task<ImmutableCredentials> GetCredentialsAsync(CancellationToken cancellationToken);
}
