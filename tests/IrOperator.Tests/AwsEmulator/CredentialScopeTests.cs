using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using IrOperator.Sandbox.Aws.Identity;
using IrOperator.Sandbox.Aws.Organizations;
using IrOperator.Sandbox.Aws.SigV4;
using IrOperator.Tests.Fixtures;
using Microsoft.Extensions.Primitives;

namespace IrOperator.Tests.AwsEmulator;

/// <summary>
/// SigV4 credential scope as AWS checks it: IAM and Organizations signed for us-east-1, STS for a real
/// region, the right service name, and <c>host</c> among the signed headers; refused with AWS's texts.
/// </summary>
public sealed class CredentialScopeTests(AwsEmulatorFixture fixture) : IClassFixture<AwsEmulatorFixture>
{
    private AwsCredentials Alice => fixture.Emulator.CredentialsOf(SampleOrganization.SecurityToolingAccountId, "alice");

    private AwsCredentials Operator => fixture.Emulator.CredentialsOf(SampleOrganization.ManagementAccountId, "operator");

    [Fact]
    public async Task Global_services_signed_for_another_region_are_refused_and_STS_accepts_its_regions()
    {
        var admin = fixture.Emulator.CredentialsOf(SampleOrganization.ProdAccountId, "admin-prod");
        var results = await Boto3Runner.RunAsync(
            fixture.Endpoint,
            new Boto3Call("iam", "list_roles", admin, Region: "eu-west-1"),
            new Boto3Call("organizations", "list_accounts", Operator, Region: "us-west-2"),
            new Boto3Call("sts", "get_caller_identity", Alice, Region: "eu-west-1"),
            new Boto3Call("iam", "list_roles", admin));

        (results[0].Code, results[0].Message, results[0].Status).Should().Be(("SignatureDoesNotMatch", "Credential should be scoped to a valid region, not 'eu-west-1'. ", 403));
        (results[1].Code, results[1].Message).Should().Be(("InvalidSignatureException", "Credential should be scoped to a valid region, not 'us-west-2'. "));
        results[2].Ok.Should().BeTrue("STS is regional: {0}", results[2]);
        results[3].Ok.Should().BeTrue(results[3].ToString());
    }

    [Fact]
    public async Task STS_signed_for_another_service_or_an_unknown_region_is_refused()
    {
        using var wrongService = Client(Alice, "us-east-1", "iam");
        using var unknownRegion = Client(Alice, "mars-east-1", "sts");

        var service = await FluentActions.Awaiting(() => wrongService.GetCallerIdentityAsync(new GetCallerIdentityRequest())).Should().ThrowAsync<AmazonSecurityTokenServiceException>();
        var region = await FluentActions.Awaiting(() => unknownRegion.GetCallerIdentityAsync(new GetCallerIdentityRequest())).Should().ThrowAsync<AmazonSecurityTokenServiceException>();

        (service.Which.ErrorCode, service.Which.Message).Should().Be(("SignatureDoesNotMatch", "Credential should be scoped to correct service: 'sts'. "));
        (region.Which.ErrorCode, region.Which.Message).Should().Be(("SignatureDoesNotMatch", "Credential should be scoped to a valid region, not 'mars-east-1'. "));
    }

    [Fact]
    public async Task A_request_that_does_not_sign_host_is_refused()
    {
        using var http = new HttpClient();

        var signed = await SendAsync(http, ["content-type", "host", "x-amz-date"]);
        var unsigned = await SendAsync(http, ["content-type", "x-amz-date"]);

        signed.Status.Should().Be(HttpStatusCode.OK, signed.Body);
        unsigned.Status.Should().Be(HttpStatusCode.Forbidden);
        unsigned.Body.Should().Contain("<Code>SignatureDoesNotMatch</Code>").And.Contain("<Message>" + CredentialScope.HostNotSigned + "</Message>");
    }

    // A hand-made SigV4 request (the SDKs always sign host), signed with the emulator's own canonicalizer.
    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient http, string[] signedHeaders)
    {
        var credentials = Alice;
        const string body = "Action=GetCallerIdentity&Version=2011-06-15";
        var now = DateTimeOffset.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["content-type"] = "application/x-www-form-urlencoded; charset=utf-8",
            ["host"] = fixture.Endpoint.Authority,
            ["x-amz-date"] = amzDate,
        };
        var payloadHash = SigV4Canonicalizer.Hex(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        var authorization = new SigV4Authorization(credentials.AccessKeyId, amzDate[..8], "us-east-1", "sts", signedHeaders, string.Empty);
        var canonical = SigV4Canonicalizer.CanonicalRequest("POST", "/", name => new StringValues(headers[name]), signedHeaders, payloadHash);
        var signature = SigV4Canonicalizer.Signature(credentials.SecretAccessKey, authorization, SigV4Canonicalizer.StringToSign(amzDate, authorization.Scope, canonical));
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.Endpoint)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(headers["content-type"]);
        request.Headers.Add("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation(
            "Authorization", $"{SigV4Authorization.Algorithm} Credential={credentials.AccessKeyId}/{authorization.Scope}, SignedHeaders={string.Join(';', signedHeaders)}, Signature={signature}");
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private AmazonSecurityTokenServiceClient Client(AwsCredentials credentials, string region, string service) =>
        new(new BasicAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey), new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = fixture.Endpoint.ToString(),
            AuthenticationRegion = region,
            AuthenticationServiceName = service,
            MaxErrorRetry = 0,
        });
}
