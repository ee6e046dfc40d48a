using Amazon.Runtime;
using IrOperator.Aws.Credentials;

namespace IrOperator.Tests.AwsClients;

/// <summary>Fixed credentials (a responder's session, a forged key) for a client under test.</summary>
internal sealed class StaticCredentialSource(ImmutableCredentials credentials) : IAwsCredentialSource
{
    public string Description => "static credentials";

    public Task<ImmutableCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => Task.FromResult(credentials);
}
