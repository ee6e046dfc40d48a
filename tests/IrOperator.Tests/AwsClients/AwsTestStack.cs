using Amazon.Runtime;
using IrOperator.Aws;
using IrOperator.Aws.Credentials;
using IrOperator.Aws.Endpoints;
using IrOperator.Aws.Iam;
using IrOperator.Aws.Organizations;
using IrOperator.Aws.Resilience;
using IrOperator.Aws.Sts;

namespace IrOperator.Tests.AwsClients;

/// <summary>
/// The operator's real AWS stack (endpoint resolution, STS through AWSSDK.SecurityToken, provisioner
/// credentials, signed IAM and Organizations clients) pointed at an emulator endpoint, with fast retries
/// and a log that tests can scan.
/// </summary>
internal sealed class AwsTestStack : IDisposable
{
    public AwsTestStack(Uri endpoint, ImmutableCredentials operatorCredentials, TimeProvider timeProvider, int maxAttempts = 4)
    {
        OperatorCredentials = operatorCredentials;
        Endpoints = new AwsEndpointResolver(new AwsEndpointOptions { EndpointUrl = endpoint, Region = "us-east-1" }, _ => null);
        ResilienceOptions = new AwsResilienceOptions { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(40) };
        Resilience = new AwsResilience(ResilienceOptions, TimeProvider.System);
        OperatorSource = new SdkCredentialSource(
            operatorCredentials.UseToken
                ? new SessionAWSCredentials(operatorCredentials.AccessKey, operatorCredentials.SecretKey, operatorCredentials.Token)
                : new BasicAWSCredentials(operatorCredentials.AccessKey, operatorCredentials.SecretKey),
            "operator");
        Sts = StsClientFactory.Create(OperatorSource.Credentials, Endpoints.Resolve(AwsService.Sts), ResilienceOptions);
        Provisioner = new ProvisionerCredentials(Sts, new ProvisionerRoleOptions(), "aws", timeProvider, Log.Logger);
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        Factory = new AwsClientFactory(Http, Endpoints, Resilience, Provisioner, OperatorSource, Log.Logger, TimeProvider.System);
    }

    public CapturingLog Log { get; } = new();

    public ImmutableCredentials OperatorCredentials { get; }

    public SdkCredentialSource OperatorSource { get; }

    public AwsEndpointResolver Endpoints { get; }

    public AwsResilienceOptions ResilienceOptions { get; }

    public AwsResilience Resilience { get; }

    public Amazon.SecurityToken.AmazonSecurityTokenServiceClient Sts { get; }

    public ProvisionerCredentials Provisioner { get; }

    public HttpClient Http { get; }

    public AwsClientFactory Factory { get; }

    public IIamClient Iam(string account) => Factory.Iam(account);

    public IOrganizationsClient Organizations => Factory.Organizations();

    public void Dispose()
    {
        Sts.Dispose();
        Provisioner.Dispose();
        Resilience.Dispose();
        Http.Dispose();
    }
}
