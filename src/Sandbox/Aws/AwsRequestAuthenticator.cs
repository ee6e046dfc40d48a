using System.Security.Cryptography;
using System.Text;
using IrOperator.Sandbox.Aws.Identity;
using IrOperator.Sandbox.Aws.Protocol;
using IrOperator.Sandbox.Aws.SigV4;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace IrOperator.Sandbox.Aws;

/// <summary>
/// Verifies a request's SigV4 signature the way AWS does: the access key must exist (else
/// InvalidClientTokenId), a session key must come with its session token, the signing time must be
/// within 5 minutes of the (real) clock, the signature recomputed from the secret must match
/// (else SignatureDoesNotMatch), and a session must not have expired on the emulator's clock
/// (else ExpiredToken).
/// </summary>
public sealed class AwsRequestAuthenticator(AwsEmulatorState state, TimeProvider signingClock)
{
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(5);

    public EmulatedPrincipal Authenticate(HttpRequest request, byte[] body, SigV4Authorization authorization, AwsProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(authorization);
        var key = state.Credentials.Find(authorization.AccessKeyId) ?? throw AwsErrors.InvalidClientTokenId(protocol);
        var token = request.Headers["X-Amz-Security-Token"].ToString();
        if (key.IsSession ? !FixedTimeEquals(token, key.Credentials.SessionToken!) : token.Length > 0)
        {
            throw AwsErrors.InvalidClientTokenId(protocol);
        }

        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var signedAt) || !amzDate.StartsWith(authorization.Date, StringComparison.Ordinal))
        {
            throw AwsErrors.IncompleteSignature(protocol, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }

        var now = signingClock.GetUtcNow();
        if (signedAt < now - AllowedSkew)
        {
            throw AwsErrors.SignatureExpired(protocol, amzDate, now);
        }

        if (signedAt > now + AllowedSkew)
        {
            throw AwsErrors.SignatureNotYetCurrent(protocol, amzDate, now);
        }

        var payloadHash = SigV4Canonicalizer.Hex(SHA256.HashData(body));
        var declaredHash = request.Headers["X-Amz-Content-Sha256"].ToString();
        if (declaredHash.Length > 0 && declaredHash != "UNSIGNED-PAYLOAD" && declaredHash != payloadHash)
        {
            throw AwsErrors.SignatureDoesNotMatch(protocol);
        }

        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        var canonical = SigV4Canonicalizer.CanonicalRequest(
            request.Method, rawTarget, name => request.Headers[name], authorization.SignedHeaders, declaredHash.Length > 0 ? declaredHash : payloadHash);
        var expected = SigV4Canonicalizer.Signature(
            key.Credentials.SecretAccessKey, authorization, SigV4Canonicalizer.StringToSign(amzDate, authorization.Scope, canonical));
        if (!FixedTimeEquals(expected, authorization.Signature))
        {
            throw AwsErrors.SignatureDoesNotMatch(protocol);
        }

        if (key.Credentials.Expiration is { } expiration && expiration <= state.Now)
        {
            throw AwsErrors.ExpiredToken(protocol);
        }

        return key.Principal;
    }

    private static bool FixedTimeEquals(string left, string right) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(left), Encoding.UTF8.GetBytes(right));
}
