using IrOperator.Sandbox.Aws.Protocol;
using IrOperator.Sandbox.Aws.SigV4;
using Microsoft.Extensions.Primitives;

namespace IrOperator.Tests.AwsEmulator;

/// <summary>The canonicalizer against AWS's published SigV4 example (IAM ListUsers, 2015-08-30).</summary>
public sealed class SigV4CanonicalizerTests
{
    [Fact]
    public void Recomputes_the_signature_of_AWSs_documented_example()
    {
        var headers = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase)
        {
            ["content-type"] = "application/x-www-form-urlencoded; charset=utf-8",
            ["host"] = "iam.amazonaws.com",
            ["x-amz-date"] = "20150830T123600Z",
        };
        var authorization = SigV4Authorization.Parse(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
            AwsProtocol.Query)!;

        var canonical = SigV4Canonicalizer.CanonicalRequest(
            "GET", "/?Action=ListUsers&Version=2010-05-08", name => headers[name], authorization.SignedHeaders,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        var signature = SigV4Canonicalizer.Signature(
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", authorization, SigV4Canonicalizer.StringToSign("20150830T123600Z", authorization.Scope, canonical));

        authorization.Service.Should().Be("iam");
        signature.Should().Be(authorization.Signature);
    }

    [Theory]
    [InlineData("a b", "a%20b")]
    [InlineData("a+b=c", "a%2Bb%3Dc")]
    [InlineData("-_.~AZaz09", "-_.~AZaz09")]
    [InlineData("é", "%C3%A9")]
    public void Uri_encoding_keeps_only_unreserved_characters(string value, string encoded) =>
        SigV4Canonicalizer.UriEncode(value).Should().Be(encoded);
}
