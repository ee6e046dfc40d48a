using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace IrOperator.Sandbox.Kube.Security;

/// <summary>
/// Static bearer-token authentication (the server's --token-auth-file): token -> user. Tokens are
/// random and never logged. Each user also has the name of its kubeconfig context (its username, or a
/// short name for a service account).
/// </summary>
public sealed class UserRegistry
{
    private readonly ConcurrentDictionary<string, KubeUser> _byToken = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Token, string Context)> _byName = new(StringComparer.Ordinal);

    /// <summary>Adds (or replaces) a user and returns its new token.</summary>
    public string Add(string username, IEnumerable<string> groups, string? uid = null, string? contextName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        ArgumentNullException.ThrowIfNull(groups);
        var allGroups = groups.Append(KubeUser.AuthenticatedGroup).Distinct(StringComparer.Ordinal).ToList();
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        if (_byName.TryGetValue(username, out var old))
        {
            _byToken.TryRemove(old.Token, out _);
        }

        _byToken[token] = new KubeUser(username, allGroups) { Uid = uid };
        _byName[username] = (token, contextName ?? username);
        return token;
    }

    public KubeUser? Authenticate(string? token) =>
        token is not null && _byToken.TryGetValue(token, out var user) ? user : null;

    public string TokenOf(string username) =>
        _byName.TryGetValue(username, out var entry)
            ? entry.Token
            : throw new ArgumentException($"no user named \"{username}\" is registered with the emulator", nameof(username));

    public IReadOnlyList<string> Usernames => _byName.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Kubeconfig entries: context name and token, ordered by context name.</summary>
    public IReadOnlyList<(string Context, string Token)> Contexts =>
        _byName.Values.Select(e => (e.Context, e.Token)).OrderBy(e => e.Context, StringComparer.Ordinal).ToList();
}
