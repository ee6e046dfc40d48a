namespace IrOperator.Sandbox.Kube.Security;

/// <summary>
/// How the API server names a service account as a user (k8s.io/apiserver serviceaccount package):
/// <c>system:serviceaccount:&lt;namespace&gt;:&lt;name&gt;</c>, in groups <c>system:serviceaccounts</c> and
/// <c>system:serviceaccounts:&lt;namespace&gt;</c>.
/// </summary>
public static class ServiceAccounts
{
    public const string UsernamePrefix = "system:serviceaccount:";

    public const string AllGroup = "system:serviceaccounts";

    public static string Username(string ns, string name) => $"{UsernamePrefix}{ns}:{name}";

    public static IReadOnlyList<string> Groups(string ns) => [AllGroup, $"{AllGroup}:{ns}"];

    /// <summary>Splits a service account's username; false for any other user.</summary>
    public static bool TrySplit(string username, out string ns, out string name)
    {
        ns = name = "";
        if (username is null || !username.StartsWith(UsernamePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = username[UsernamePrefix.Length..].Split(':');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return false;
        }

        (ns, name) = (parts[0], parts[1]);
        return true;
    }
}
