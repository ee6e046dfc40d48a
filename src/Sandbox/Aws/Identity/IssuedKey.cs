namespace IrOperator.Sandbox.Aws.Identity;

/// <summary>An access key the emulator issued, with its holder. Session keys expire and carry a token.</summary>
public sealed record IssuedKey(AwsCredentials Credentials, EmulatedPrincipal Principal)
{
    public bool IsSession => Credentials.SessionToken is not null;

    public override string ToString() => $"IssuedKey {{ AccessKeyId = {Credentials.AccessKeyId}, Principal = {Principal.Arn} }}";
}
