using Amazon.Runtime;

namespace IrOperator.Aws.Credentials;

/// <summary>Hands out current credentials for signing; implementations refresh them as needed.</summary>
public interface IAwsCredentialSource
{
    /// <summary>A label for logs (never a key): e.g. "default chain", "profile operator", "assumed role in 333333333333".</summary>
    string Description { get; }

    Task<ImmutableCredentials> GetCredentialsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Drops cached credentials after a service refused them as expired (clock skew, or a session revoked
    /// early), so the retry that follows signs with fresh ones. Sources that cache nothing ignore it.
    /// </summary>
    void Invalidate()
    {
    }
}
