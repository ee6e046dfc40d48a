namespace IrOperator.Sandbox.Aws.Identity;

/// <summary>
/// An access key as a client uses it. <see cref="ToString"/> leaves the secret and the token out,
/// so a credential that ends up in a log line or an assertion message does not leak.
/// </summary>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null, DateTimeOffset? Expiration = null)
{
    public override string ToString() => $"AwsCredentials {{ AccessKeyId = {AccessKeyId} }}";
}
