using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace IrOperator.Sandbox.Kube.Security;

/// <summary>
/// Static bearer-token authentication (the server's --token-auth-file): token -> user. Tokens are
/// random and never logged.
/// </summary>
public sealed class UserRegistry
{
    private readonly ConcurrentDictionary<string, KubeUser> _byToken = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _tokenByName = new(StringComparer.Ordinal);

    /// <summary>Adds (or replaces) a user and returns its new token.</summary>
    public string Add(string username, IEnumerable<string> groups)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        ArgumentNullException.ThrowIfNull(groups);
        var allGroups = groups.Append(KubeUser.AuthenticatedGroup).Distinct(StringComparer.Ordinal).ToList();
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        if (_tokenByName.TryGetValue(username, out var old))
        {
            _byToken.TryRemove(old, out _);
        }

        _byToken[token] = new KubeUser(username, allGroups);
        _tokenByName[username] = token;
        return token;
    }

    public KubeUser? Authenticate(string? token) =>
        token is not null && _byToken.TryGetValue(token, out var user) ? user : null;

    public string TokenOf(string username) =>
        _tokenByName.TryGetValue(username, out var token)
            ? token
            : throw new ArgumentException($"no user named \"{username}\" is registered with the emulator", nameof(username));

    public IReadOnlyList<string> Usernames => _tokenByName.Keys.Order(StringComparer.Ordinal).ToList();
}
