using System.Collections.Frozen;
using System.Collections.Immutable;
using IrOperator.Sandbox.Aws.Faults;
using IrOperator.Sandbox.Aws.Iam;
using IrOperator.Sandbox.Aws.Identity;
using IrOperator.Sandbox.Aws.Organizations;
using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Sandbox.Aws;

/// <summary>
/// Everything the simulated AWS holds: the organization, each account's IAM data, the access keys,
/// the clock and the faults. The services read and write it; tests reach it through <see cref="AwsEmulator"/>.
/// </summary>
public sealed class AwsEmulatorState
{
    private readonly FrozenDictionary<string, IamAccount> _accounts;
    private readonly FrozenDictionary<string, EmulatedPrincipal> _roots;

    public AwsEmulatorState(AwsEmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Clock = options.Clock;
        Limits = options.Limits;
        Organization = options.Organization;
        Faults = new AwsFaults(options.FaultSeed);
        _accounts = Organization.Accounts.ToFrozenDictionary(account => account.Id, account => new IamAccount(account.Id, Organization.Partition));
        _roots = Organization.Accounts.ToFrozenDictionary(
            account => account.Id,
            account => new EmulatedPrincipal(CallerIdentity.Root(account.Id, Organization.Partition), account.Id));
        foreach (var root in _roots.Values)
        {
            Credentials.IssueLongTerm(root);
        }
    }

    public TimeProvider Clock { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public IamLimits Limits { get; }

    public OrganizationModel Organization { get; }

    public AwsFaults Faults { get; }

    public CredentialStore Credentials { get; } = new();

    /// <summary>
    /// Called with every request as it is recorded, on the request's thread (must be thread-safe). For a
    /// harness that needs more than the last calls <see cref="AwsEmulator.Calls"/> keeps, or when each came.
    /// </summary>
    public Action<RecordedCall>? CallObserver { get; set; }

    public IamAccount? Account(string accountId) => _accounts.TryGetValue(accountId, out var account) ? account : null;

    public IamRole? VisibleRole(string accountId, string roleName) => Account(accountId)?.Visible(roleName, Now, Faults.ConsistencyDelay);

    public EmulatedPrincipal RootOf(string accountId) =>
        _roots.TryGetValue(accountId, out var root) ? root : throw new KeyNotFoundException($"Account {accountId} is not in the organization.");

    /// <summary>
    /// Whether IAM would accept <paramref name="arn"/> as a principal: users and roles must exist in
    /// accounts the emulator knows; principals in other accounts are taken to exist elsewhere.
    /// </summary>
    public bool PrincipalExists(string arn) =>
        !AwsArn.TryParse(arn, out var parsed) || Account(parsed.Account) is not { } account || account.HasUserOrRole(arn);

    /// <summary>The unique id of the user or role that has <paramref name="arn"/> now (null when none, or in an unknown account).</summary>
    public string? UniqueIdOf(string arn) =>
        AwsArn.TryParse(arn, out var parsed) && Account(parsed.Account) is { } account ? account.UniqueIdOf(arn) : null;

    /// <summary>
    /// The managed policy <paramref name="arn"/> as <paramref name="accountId"/> sees it: an AWS managed
    /// policy, or a customer managed policy of that same account; null otherwise (another account's
    /// customer managed policies cannot be attached).
    /// </summary>
    public ManagedPolicy? FindPolicy(string accountId, string arn)
    {
        if (ManagedPolicyCatalog.Find(arn) is { } awsManaged)
        {
            return awsManaged;
        }

        if (!AwsArn.TryParse(arn, out var parsed) || parsed.Account != accountId || Account(accountId) is not { } account)
        {
            return null;
        }

        lock (account.Sync)
        {
            return account.Policy(arn);
        }
    }

    /// <summary>
    /// The caller as the policy engine sees it, with what AWS puts into every request's context:
    /// aws:userid, aws:PrincipalOrgID and aws:PrincipalTag/* (a role's current tags, overridden by the
    /// session's tags of the same key).
    /// </summary>
    public CallerIdentity ContextIdentityOf(EmulatedPrincipal caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (caller.RoleName is { } roleName && VisibleRole(caller.AccountId, roleName) is { } role
            && caller.UserId.StartsWith(role.RoleId + ":", StringComparison.Ordinal))
        {
            foreach (var tag in role.Tags)
            {
                tags[tag.Key] = tag.Value;
            }
        }
        else if (caller.UserName is { } userName && Account(caller.AccountId)?.User(userName) is { } user)
        {
            foreach (var tag in user.Tags)
            {
                tags[tag.Key] = tag.Value;
            }
        }

        foreach (var tag in caller.SessionTags)
        {
            tags[tag.Key] = tag.Value;
        }

        return caller.Identity with
        {
            UserId = caller.UserId,
            PrincipalOrgId = Organization.Account(caller.AccountId) is not null ? Organization.Id : null,
            PrincipalTags = tags,
        };
    }

    public IamUser CreateUser(string accountId, string name, params string[] policies)
    {
        var account = Account(accountId) ?? throw new KeyNotFoundException($"Account {accountId} is not in the organization.");
        var documents = policies.Select(policy => PolicyDocument.Parse(policy).ValidateAsIdentityPolicy()).ToList();
        return account.AddUser(new IamUser(accountId, name, CredentialStore.UniqueId("AIDA"), documents, Partition: Organization.Partition));
    }

    public AwsCredentials CreateAccessKey(string accountId, string userName)
    {
        var user = Account(accountId)?.User(userName) ?? throw new KeyNotFoundException($"No user '{userName}' in account {accountId}.");
        var identity = CallerIdentity.User(user.Arn);
        return Credentials.IssueLongTerm(new EmulatedPrincipal(identity, user.UserId, UserName: user.Name)).Credentials;
    }

    /// <summary>Creates a role directly, bypassing the API and its checks (for seeding).</summary>
    public IamRole SeedRole(string accountId, string name, string trustPolicy, string? inlinePolicyName = null, string? inlinePolicy = null)
    {
        var account = Account(accountId) ?? throw new KeyNotFoundException($"Account {accountId} is not in the organization.");
        var inline = ImmutableSortedDictionary.Create<string, InlinePolicy>(StringComparer.Ordinal);
        if (inlinePolicyName is not null && inlinePolicy is not null)
        {
            inline = inline.Add(inlinePolicyName, new InlinePolicy(inlinePolicyName, inlinePolicy, PolicyDocument.Parse(inlinePolicy).ValidateAsIdentityPolicy()));
        }

        var role = new IamRole(
            accountId, name, "/", CredentialStore.UniqueId("AROA"), Now, trustPolicy, PolicyDocument.Parse(trustPolicy).ValidateAsTrustPolicy(),
            null, 3600, null, [], inline, [], Organization.Partition);
        role = role with { TrustPrincipalIds = TrustBinding.Bind(role.TrustPolicy, UniqueIdOf) };
        lock (account.Sync)
        {
            // Seeded roles are visible at once, whatever the consistency delay.
            account.Write(name, DateTimeOffset.MinValue, role);
        }

        return role;
    }
}
