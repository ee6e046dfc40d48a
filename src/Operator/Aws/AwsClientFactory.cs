using System.Collections.Concurrent;
using IrOperator.Aws.Credentials;
using IrOperator.Aws.Endpoints;
using IrOperator.Aws.Http;
using IrOperator.Aws.Iam;
using IrOperator.Aws.Organizations;
using IrOperator.Aws.Resilience;
using IrOperator.Aws.Sts;
using Serilog;

namespace IrOperator.Aws;

/// <summary>
/// Hands out clients: IAM for a member account (signed with the provisioner role's session in that
/// account) and Organizations (signed with the credentials configured for the management account or
/// delegated administrator). Clients are cached per account; they share one HttpClient and one
/// rate-limit/retry policy.
/// </summary>
public sealed class AwsClientFactory : IIamClientFactory
{
    private readonly HttpClient http;
    private readonly AwsEndpointResolver endpoints;
    private readonly AwsResilience resilience;
    private readonly ProvisionerCredentials provisioner;
    private readonly IAwsCredentialSource organizationsCredentials;
    private readonly ILogger logger;
    private readonly TimeProvider timeProvider;
    private readonly ConcurrentDictionary<string, IIamClient> iamClients = new(StringComparer.Ordinal);
    private readonly Lazy<IOrganizationsClient> organizations;

    public AwsClientFactory(
        HttpClient http,
        AwsEndpointResolver endpoints,
        AwsResilience resilience,
        ProvisionerCredentials provisioner,
        IAwsCredentialSource organizationsCredentials,
        ILogger logger,
        TimeProvider timeProvider)
    {
        this.http = http;
        this.endpoints = endpoints;
        this.resilience = resilience;
        this.provisioner = provisioner;
        this.organizationsCredentials = organizationsCredentials;
        this.logger = logger;
        this.timeProvider = timeProvider;
        organizations = new Lazy<IOrganizationsClient>(() => new OrganizationsClient(
            Sender(AwsService.Organizations, organizationsCredentials, "organization", OrganizationsJson.Error)));
    }

    /// <summary>The IAM client for a member account, through the provisioner role there.</summary>
    public IIamClient Iam(string accountId) =>
        iamClients.GetOrAdd(accountId, id => new IamClient(Sender(AwsService.Iam, provisioner.ForAccount(id), id, IamXml.Error)));

    public IOrganizationsClient Organizations() => organizations.Value;

    /// <summary>An IAM client signed with arbitrary credentials (the operator's own account, tools, tests).</summary>
    public IIamClient Iam(string accountId, IAwsCredentialSource credentials) =>
        new IamClient(Sender(AwsService.Iam, credentials, accountId, IamXml.Error));

    private AwsHttpSender Sender(AwsService service, IAwsCredentialSource credentials, string account, AwsErrorParser errors) =>
        new(http, endpoints.Resolve(service), credentials, account, resilience, errors, logger, timeProvider);
}
