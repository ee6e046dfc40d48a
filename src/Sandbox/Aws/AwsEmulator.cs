using System.Net;
using IrOperator.Sandbox.Aws.Authorization;
using IrOperator.Sandbox.Aws.Faults;
using IrOperator.Sandbox.Aws.Iam;
using IrOperator.Sandbox.Aws.Identity;
using IrOperator.Sandbox.Aws.Organizations;
using IrOperator.Sandbox.Aws.Sts;
using IrOperator.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IrOperator.Sandbox.Aws;

/// <summary>
/// IAM, STS and Organizations on one plain-HTTP endpoint on 127.0.0.1 (SigV4 does not depend on TLS).
/// Starts with the organization of <see cref="AwsEmulatorOptions.Organization"/> and, in it:
/// <list type="bullet">
/// <item>a root user per account (<see cref="RootCredentials"/>) and an <c>admin-&lt;account name&gt;</c> user with
/// AdministratorAccess in each active account;</item>
/// <item>the <c>operator</c> user in the management account (<see cref="SamplePolicies.Operator"/>);</item>
/// <item><c>alice</c> and <c>bob</c>, responders, in the account named security-tooling (or the management account);</item>
/// <item>the provisioner role <see cref="ProvisionerRole.Name"/> in each active member account.</item>
/// </list>
/// </summary>
public sealed class AwsEmulator : IAsyncDisposable
{
    public const string OperatorUser = "operator";
    public const string SecurityToolingAccountName = "security-tooling";
    public static readonly IReadOnlyList<string> Responders = ["alice", "bob"];

    private readonly WebApplication _app;
    private readonly AwsRequestRouter _router;

    private AwsEmulator(WebApplication app, AwsEmulatorState state, AwsRequestRouter router, Uri endpoint)
    {
        _app = app;
        _router = router;
        State = state;
        Endpoint = endpoint;
    }

    /// <summary>The endpoint for every service, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Endpoint { get; }

    public AwsEmulatorState State { get; }

    public OrganizationModel Organization => State.Organization;

    public AwsFaults Faults => State.Faults;

    /// <summary>Every request answered so far, in order.</summary>
    public IReadOnlyList<RecordedCall> Calls => _router.Calls;

    public static async Task<AwsEmulator> StartAsync(AwsEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AwsEmulatorOptions();
        var state = new AwsEmulatorState(options);
        Seed(state);
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var authorizer = new Authorizer(state);
        var router = new AwsRequestRouter(
            state,
            new AwsRequestAuthenticator(state, options.SigningClock),
            new IamService(state, authorizer),
            new StsService(state, authorizer),
            new OrganizationsService(state, authorizer),
            loggerFactory.CreateLogger<AwsEmulator>());

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        app.Run(router.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        return new AwsEmulator(app, state, router, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>The first access key of <paramref name="userName"/> in <paramref name="accountId"/>.</summary>
    public AwsCredentials CredentialsOf(string accountId, string userName)
    {
        var user = State.Account(accountId)?.User(userName) ?? throw new KeyNotFoundException($"No user '{userName}' in account {accountId}.");
        return State.Credentials.LongTermKeysOf(user.Arn).First().Credentials;
    }

    public AwsCredentials RootCredentials(string accountId) =>
        State.Credentials.LongTermKeysOf(State.RootOf(accountId).Arn).First().Credentials;

    /// <summary>Creates a user with the given identity policies and returns a new access key of it.</summary>
    public AwsCredentials CreateUser(string accountId, string userName, params string[] policies)
    {
        State.CreateUser(accountId, userName, policies);
        return State.CreateAccessKey(accountId, userName);
    }

    /// <summary>The role as IAM's control plane holds it now (ignoring the consistency delay), or null.</summary>
    public IamRole? Role(string accountId, string roleName)
    {
        var account = State.Account(accountId) ?? throw new KeyNotFoundException($"Account {accountId} is not in the organization.");
        lock (account.Sync)
        {
            return account.Latest(roleName);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static void Seed(AwsEmulatorState state)
    {
        var organization = state.Organization;
        var management = organization.ManagementAccountId;
        foreach (var account in organization.Accounts.Where(account => account.IsActive))
        {
            state.CreateUser(account.Id, "admin-" + account.Name, SamplePolicies.Administrator);
            state.CreateAccessKey(account.Id, "admin-" + account.Name);
            if (account.Id != management)
            {
                state.SeedRole(account.Id, ProvisionerRole.Name, ProvisionerRole.TrustPolicy(management), ProvisionerRole.PermissionsPolicyName, ProvisionerRole.PermissionsPolicy);
            }
        }

        state.CreateUser(management, OperatorUser, SamplePolicies.Operator);
        state.CreateAccessKey(management, OperatorUser);
        var responderAccount = organization.Accounts.FirstOrDefault(account => account.Name == SecurityToolingAccountName)?.Id ?? management;
        foreach (var responder in Responders)
        {
            state.CreateUser(responderAccount, responder, SamplePolicies.Responder);
            state.CreateAccessKey(responderAccount, responder);
        }
    }
}
