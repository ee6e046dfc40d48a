using System.Security.Cryptography;
using System.Text;

namespace IrOperator.Iam.Desired;

/// <summary>The first 10 hex digits (40 bits) of SHA-256: short enough for Sids, and no collisions among the few grants a role holds.</summary>
internal static class ShortHash
{
    public static string Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..10];
    }
}
