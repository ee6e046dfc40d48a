using System.Collections.Concurrent;

namespace IrOperator.Sandbox.Aws.Iam;

/// <summary>
/// The IAM data of one account: its roles (as version histories, for eventual consistency) and its
/// users. Writers take <see cref="Sync"/> so a read-check-write (quota, conflicts) is atomic.
/// </summary>
public sealed class IamAccount(string accountId, string partition = "aws")
{
    private readonly Dictionary<string, RoleHistory> roles = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IamUser> users = new(StringComparer.OrdinalIgnoreCase);

    public string AccountId { get; } = accountId;

    public string Partition { get; } = partition;

    public Lock Sync { get; } = new();

    /// <summary>The latest version of a role (what a write builds on). Call under <see cref="Sync"/>.</summary>
    public IamRole? Latest(string roleName) => roles.TryGetValue(roleName, out var history) ? history.Latest : null;

    /// <summary>The number of roles that exist now, for the quota. Call under <see cref="Sync"/>.</summary>
    public int RoleCount => roles.Values.Count(history => history.Latest is not null);

    /// <summary>Stores a new version (null deletes). Call under <see cref="Sync"/>.</summary>
    public void Write(string roleName, DateTimeOffset at, IamRole? role)
    {
        if (!roles.TryGetValue(roleName, out var history))
        {
            history = new RoleHistory();
            roles[roleName] = history;
        }

        history.Write(at, role);
    }

    /// <summary>The version a reader sees at <paramref name="now"/> with <paramref name="delay"/> of propagation.</summary>
    public IamRole? Visible(string roleName, DateTimeOffset now, TimeSpan delay)
    {
        lock (Sync)
        {
            return roles.TryGetValue(roleName, out var history) ? history.VisibleAt(now, delay) : null;
        }
    }

    public IReadOnlyList<IamRole> VisibleRoles(DateTimeOffset now, TimeSpan delay)
    {
        lock (Sync)
        {
            return [.. roles.Values.Select(history => history.VisibleAt(now, delay)).OfType<IamRole>()
                .OrderBy(role => role.Name, StringComparer.OrdinalIgnoreCase)];
        }
    }

    public IamUser? User(string name) => users.TryGetValue(name, out var user) ? user : null;

    public IamUser AddUser(IamUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return users.TryAdd(user.Name, user) ? user : throw new InvalidOperationException($"User '{user.Name}' already exists in account {AccountId}.");
    }

    public bool HasUserOrRole(string arn)
    {
        lock (Sync)
        {
            return users.Values.Any(user => string.Equals(user.Arn, arn, StringComparison.Ordinal))
                || roles.Values.Any(history => history.Latest is { } role && string.Equals(role.Arn, arn, StringComparison.Ordinal));
        }
    }
}
