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
    private readonly HttpClient _http;
    private readonly AwsEndpointResolver _endpoints;
    private readonly AwsResilience _resilience;
    private readonly ProvisionerCredentials _provisioner;
    private readonly IAwsCredentialSource _organizationsCredentials;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, IIamClient> _iamClients = new(StringComparer.Ordinal);
    private readonly Lazy<IOrganizationsClient> _organizations;

    public AwsClientFactory(
        HttpClient http,
        AwsEndpointResolver endpoints,
        AwsResilience resilience,
        ProvisionerCredentials provisioner,
        IAwsCredentialSource organizationsCredentials,
        ILogger logger,
        TimeProvider timeProvider)
    {
        _http = http;
        _endpoints = endpoints;
        _resilience = resilience;
        _provisioner = provisioner;
        _organizationsCredentials = organizationsCredentials;
        _logger = logger;
        _timeProvider = timeProvider;
        _organizations = new Lazy<IOrganizationsClient>(() => new OrganizationsClient(
            Sender(AwsService.Organizations, organizationsCredentials, "organization", OrganizationsJson.Error)));
    }

    /// <summary>The IAM client for a member account, through the provisioner role there.</summary>
    public IIamClient Iam(string accountId) =>
        _iamClients.GetOrAdd(accountId, id => new IamClient(Sender(AwsService.Iam, _provisioner.ForAccount(id), id, IamXml.Error)));

    public IOrganizationsClient Organizations() => _organizations.Value;

    /// <summary>An IAM client signed with arbitrary credentials (the operator's own account, tools, tests).</summary>
    public IIamClient Iam(string accountId, IAwsCredentialSource credentials) =>
        new IamClient(Sender(AwsService.Iam, credentials, accountId, IamXml.Error));

    private AwsHttpSender Sender(AwsService service, IAwsCredentialSource credentials, string account, AwsErrorParser errors) =>
        new(_http, _endpoints.Resolve(service), credentials, account, _resilience, errors, _logger, _timeProvider);
}
