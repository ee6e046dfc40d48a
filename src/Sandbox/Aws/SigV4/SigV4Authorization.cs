using IrOperator.Sandbox.Aws.Protocol;

namespace IrOperator.Sandbox.Aws.SigV4;

/// <summary>
/// The parts of an <c>Authorization: AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request,
/// SignedHeaders=a;b, Signature=hex</c> header. The service in the credential scope is what routes a
/// request to IAM, STS or Organizations: they share one endpoint here.
/// </summary>
public sealed record SigV4Authorization(
    string AccessKeyId, string Date, string Region, string Service, IReadOnlyList<string> SignedHeaders, string Signature)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    public string Scope => $"{Date}/{Region}/{Service}/aws4_request";

    /// <summary>Parses the header; null when there is none, an IncompleteSignature error when it is malformed.</summary>
    public static SigV4Authorization? Parse(string? header, AwsProtocol protocol)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            throw AwsErrors.IncompleteSignature(protocol, $"Unsupported authorization type; only {Algorithm} is served.");
        }

        var parts = header[(Algorithm.Length + 1)..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out var credential)
            || !parts.TryGetValue("SignedHeaders", out var signedHeaders)
            || !parts.TryGetValue("Signature", out var signature))
        {
            throw AwsErrors.IncompleteSignature(
                protocol, "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            throw AwsErrors.IncompleteSignature(
                protocol, $"Credential should be scoped to a valid region, not '{string.Join('/', scope.Skip(1))}'.");
        }

        return new SigV4Authorization(scope[0], scope[1], scope[2], scope[3], signedHeaders.Split(';'), signature);
    }
}
