using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace IrOperator.Sandbox.Aws.Identity;

/// <summary>
/// Every access key the emulator knows, long-term (AKIA...) and session (ASIA...). Ids and secrets
/// are random, shaped like AWS's: 20 upper-case characters and a 40-character secret.
/// </summary>
public sealed class CredentialStore
{
    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private readonly ConcurrentDictionary<string, IssuedKey> _keys = new(StringComparer.Ordinal);

    public IssuedKey? Find(string accessKeyId) => _keys.TryGetValue(accessKeyId, out var key) ? key : null;

    public IssuedKey IssueLongTerm(EmulatedPrincipal principal) =>
        Add(new IssuedKey(new AwsCredentials("AKIA" + RandomId(16), RandomSecret(40)), principal));

    public IssuedKey IssueSession(EmulatedPrincipal principal, DateTimeOffset expiration) =>
        Add(new IssuedKey(new AwsCredentials("ASIA" + RandomId(16), RandomSecret(40), "IQoJb3JpZ2luX2Vj" + RandomSecret(300), expiration), principal));

    public IEnumerable<IssuedKey> LongTermKeysOf(string principalArn) =>
        _keys.Values.Where(key => !key.IsSession && key.Principal.Arn == principalArn);

    /// <summary>A unique id such as AIDA... or AROA...: a prefix and 17 random characters.</summary>
    public static string UniqueId(string prefix) => prefix + RandomId(17);

    private IssuedKey Add(IssuedKey key)
    {
        _keys[key.Credentials.AccessKeyId] = key;
        return key;
    }

    private static string RandomId(int length) => RandomNumberGenerator.GetString(IdAlphabet, length);

    private static string RandomSecret(int length) => RandomNumberGenerator.GetString(SecretAlphabet, length);
}
