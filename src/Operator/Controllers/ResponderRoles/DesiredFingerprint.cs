using System.Security.Cryptography;
using System.Text;
using IrOperator.Iam.Desired;

namespace IrOperator.Controllers.ResponderRoles;

/// <summary>A hash of everything a desired role says, in canonical form: equal exactly when two desired states would write the same.</summary>
public static class DesiredFingerprint
{
    public static string Of(DesiredRole desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var text = new StringBuilder()
            .Append(desired.Path).Append('\n')
            .Append(desired.RoleName).Append('\n')
            .Append(desired.Description).Append('\n')
            .Append(desired.MaxSessionDuration).Append('\n')
            .Append(desired.PermissionsBoundaryArn).Append('\n')
            .Append(desired.TrustPolicy.SemanticKey).Append('\n');
        foreach (var (name, document) in desired.InlinePolicies.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append("inline ").Append(name).Append(' ').Append(document.SemanticKey).Append('\n');
        }
        foreach (var arn in desired.ManagedPolicyArns.Order(StringComparer.Ordinal))
        {
            text.Append("managed ").Append(arn).Append('\n');
        }
        foreach (var (key, value) in desired.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            text.Append("tag ").Append(key).Append('=').Append(value).Append('\n');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
