using System.Collections.Concurrent;

namespace IrOperator.Sandbox.Aws.Iam;

/// <summary>
/// The IAM data of one account: its roles (as version histories, for eventual consistency) and its
/// users. Writers take <see cref="Sync"/> so a read-check-write (quota, conflicts) is atomic.
/// </summary>
public sealed class IamAccount(string accountId, string partition = "aws")
{
    private readonly Dictionary<string, RoleHistory> _roles = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IamUser> _users = new(StringComparer.OrdinalIgnoreCase);

    // Customer managed policies by name: names are unique in an account whatever their path or case.
    private readonly Dictionary<string, ManagedPolicy> _policies = new(StringComparer.OrdinalIgnoreCase);

    public string AccountId { get; } = accountId;

    public string Partition { get; } = partition;

    public Lock Sync { get; } = new();

    /// <summary>The latest version of a role (what a write builds on). Call under <see cref="Sync"/>.</summary>
    public IamRole? Latest(string roleName) => _roles.TryGetValue(roleName, out var history) ? history.Latest : null;

    /// <summary>The number of roles that exist now, for the quota. Call under <see cref="Sync"/>.</summary>
    public int RoleCount => _roles.Values.Count(history => history.Latest is not null);

    /// <summary>Stores a new version (null deletes). Call under <see cref="Sync"/>.</summary>
    public void Write(string roleName, DateTimeOffset at, IamRole? role)
    {
        if (!_roles.TryGetValue(roleName, out var history))
        {
            history = new RoleHistory();
            _roles[roleName] = history;
        }

        history.Write(at, role);
    }

    /// <summary>The version a reader sees at <paramref name="now"/> with <paramref name="delay"/> of propagation.</summary>
    public IamRole? Visible(string roleName, DateTimeOffset now, TimeSpan delay)
    {
        lock (Sync)
        {
            return _roles.TryGetValue(roleName, out var history) ? history.VisibleAt(now, delay) : null;
        }
    }

    public IReadOnlyList<IamRole> VisibleRoles(DateTimeOffset now, TimeSpan delay)
    {
        lock (Sync)
        {
            return [.. _roles.Values.Select(history => history.VisibleAt(now, delay)).OfType<IamRole>()
                .OrderBy(role => role.Name, StringComparer.OrdinalIgnoreCase)];
        }
    }

    /// <summary>The customer managed policy with exactly this ARN, or null. Call under <see cref="Sync"/>.</summary>
    public ManagedPolicy? Policy(string arn) =>
        _policies.TryGetValue(ManagedPolicyCatalog.NameOf(arn), out var policy) && string.Equals(policy.Arn, arn, StringComparison.Ordinal) ? policy : null;

    /// <summary>The customer managed policy with this name (any path), or null. Call under <see cref="Sync"/>.</summary>
    public ManagedPolicy? PolicyNamed(string name) => _policies.GetValueOrDefault(name);

    /// <summary>Stores (or with null removes) a customer managed policy. Call under <see cref="Sync"/>.</summary>
    public void WritePolicy(string name, ManagedPolicy? policy)
    {
        if (policy is null)
        {
            _policies.Remove(name);
        }
        else
        {
            _policies[name] = policy;
        }
    }

    /// <summary>The customer managed policies, by name. Call under <see cref="Sync"/>.</summary>
    public IReadOnlyList<ManagedPolicy> Policies => [.. _policies.Values.OrderBy(policy => policy.Name, StringComparer.OrdinalIgnoreCase)];

    /// <summary>How many roles have <paramref name="arn"/> attached. Call under <see cref="Sync"/>.</summary>
    public int AttachmentCount(string arn) =>
        _roles.Values.Count(history => history.Latest is { } role && role.AttachedPolicyArns.Contains(arn));

    /// <summary>How many roles have <paramref name="arn"/> as their permissions boundary. Call under <see cref="Sync"/>.</summary>
    public int BoundaryUsageCount(string arn) =>
        _roles.Values.Count(history => history.Latest is { } role && string.Equals(role.PermissionsBoundaryArn, arn, StringComparison.Ordinal));

    /// <summary>
    /// The unique id (AIDA... / AROA...) of the user or role that has <paramref name="arn"/> now, or null.
    /// A trust policy is bound to these ids, not to the ARNs.
    /// </summary>
    public string? UniqueIdOf(string arn)
    {
        if (_users.Values.FirstOrDefault(user => string.Equals(user.Arn, arn, StringComparison.Ordinal)) is { } found)
        {
            return found.UserId;
        }

        lock (Sync)
        {
            return _roles.Values.Select(history => history.Latest).FirstOrDefault(role => role is not null && string.Equals(role.Arn, arn, StringComparison.Ordinal))?.RoleId;
        }
    }

    public IamUser? User(string name) => _users.TryGetValue(name, out var user) ? user : null;

    public IamUser AddUser(IamUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return _users.TryAdd(user.Name, user) ? user : throw new InvalidOperationException($"User '{user.Name}' already exists in account {AccountId}.");
    }

    public bool HasUserOrRole(string arn)
    {
        lock (Sync)
        {
            return _users.Values.Any(user => string.Equals(user.Arn, arn, StringComparison.Ordinal))
                || _roles.Values.Any(history => history.Latest is { } role && string.Equals(role.Arn, arn, StringComparison.Ordinal));
        }
    }
}
