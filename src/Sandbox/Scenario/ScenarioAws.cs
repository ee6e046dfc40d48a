using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using IrOperator.Aws;
using IrOperator.Aws.Credentials;
using IrOperator.Aws.Endpoints;
using IrOperator.Aws.Errors;
using IrOperator.Aws.Resilience;
using IrOperator.Aws.Sts;
using IrOperator.Controllers.Grants;
using Serilog.Core;

namespace IrOperator.Sandbox.Scenario;

/// <summary>
/// The scenario's AWS clients, as a responder has them: AWSSDK.SecurityToken signed with alice's long-term keys
/// read from the sandbox's AWS credentials file (profile <c>alice</c>, as <c>aws --profile alice</c> uses them),
/// and the product's IAM client signed with a session's keys. Both retry throttling (the SDK's standard mode and
/// the operator's AWS resilience), so <c>--faults aws.throttle-rate=...</c> slows the story down, never changes it.
/// </summary>
public sealed class ScenarioAws : IDisposable
{
    private readonly AmazonSecurityTokenServiceClient _sts;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly AwsResilience _resilience;
    private readonly ProvisionerCredentials _unused;
    private readonly AwsClientFactory _factory;
    private readonly string _credentialsFile;

    public ScenarioAws(Uri endpoint, string credentialsFile, string profile)
    {
        _credentialsFile = credentialsFile;
        var user = SdkCredentialSource.FromProfile(profile, credentialsFile);
        var endpoints = new AwsEndpointResolver(new AwsEndpointOptions { EndpointUrl = endpoint, Region = AwsEndpointResolver.DefaultRegion }, _ => null);
        var resilience = new AwsResilienceOptions { MaxAttempts = 6, BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1) };
        _sts = StsClientFactory.Create(user.Credentials, endpoints.Resolve(AwsService.Sts), resilience);
        _resilience = new AwsResilience(resilience, TimeProvider.System);
        // The factory wants the operator's provisioner credentials; the scenario only signs with a session's own keys
        // (AwsClientFactory.Iam(account, credentials)), so these are never used.
        _unused = new ProvisionerCredentials(_sts, new ProvisionerRoleOptions(), "aws", TimeProvider.System, Logger.None);
        _factory = new AwsClientFactory(_http, endpoints, _resilience, _unused, user, Logger.None, TimeProvider.System);
    }

    /// <summary>sts:AssumeRole as the profile's user; <paramref name="sourceIdentity"/> null leaves it out.</summary>
    public async Task<StsAnswer> AssumeRoleAsync(string roleArn, string sessionName, string? sourceIdentity, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _sts.AssumeRoleAsync(
                new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = sessionName, SourceIdentity = sourceIdentity },
                cancellationToken).ConfigureAwait(false);
            return new StsAnswer(response.Credentials, response.AssumedRoleUser.Arn, null, null);
        }
        catch (AmazonSecurityTokenServiceException e)
        {
            return new StsAnswer(null, null, e.ErrorCode, e.Message);
        }
    }

    /// <summary>sts:GetCallerIdentity with a session: who AWS says the session is.</summary>
    public async Task<string> CallerArnAsync(Credentials session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        using var sts = new AmazonSecurityTokenServiceClient(
            new SessionAWSCredentials(session.AccessKeyId, session.SecretAccessKey, session.SessionToken),
            new AmazonSecurityTokenServiceConfig { ServiceURL = _sts.Config.ServiceURL, AuthenticationRegion = _sts.Config.AuthenticationRegion, MaxErrorRetry = _sts.Config.MaxErrorRetry });
        return (await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false)).Arn;
    }

    /// <summary>iam:GetRole with a session (an action the role's policy allows until the end-of-access deny applies).</summary>
    public async Task<IamAnswer> GetRoleAsync(Credentials session, string accountId, string roleName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var credentials = new SdkCredentialSource(new SessionAWSCredentials(session.AccessKeyId, session.SecretAccessKey, session.SessionToken), "session");
        try
        {
            var role = await _factory.Iam(accountId, credentials).GetRoleAsync(roleName, cancellationToken).ConfigureAwait(false);
            return new IamAnswer(role.Arn, null, null);
        }
        catch (AwsServiceException e) when (!e.IsRetryable)
        {
            return new IamAnswer(null, e.ErrorCode, e.AwsMessage);
        }
    }

    /// <summary>The Sids of a role's trust policy, read by the account's administrator (a profile such as <c>admin-prod</c>).</summary>
    public async Task<IReadOnlySet<string>> TrustSidsAsync(string accountId, string roleName, string adminProfile, CancellationToken cancellationToken)
    {
        var admin = SdkCredentialSource.FromProfile(adminProfile, _credentialsFile);
        var role = await _factory.Iam(accountId, admin).GetRoleAsync(roleName, cancellationToken).ConfigureAwait(false);
        return TrustSids.Of(role.AssumeRolePolicyDocument);
    }

    public void Dispose()
    {
        _sts.Dispose();
        _unused.Dispose();
        _resilience.Dispose();
        _http.Dispose();
    }
}
