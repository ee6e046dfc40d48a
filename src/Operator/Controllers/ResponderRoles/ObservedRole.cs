using IrOperator.Aws.Iam;

namespace IrOperator.Controllers.ResponderRoles;

/// <summary>
/// An IAM role as read from one account, raw: the role (trust document URL-decoded, tags, boundary,
/// description, max session), its inline policies by name (URL-decoded JSON) and its attached managed policies.
/// </summary>
public sealed record ObservedRole(IamRole Role, IReadOnlyDictionary<string, string> InlinePolicies, IReadOnlyList<AttachedPolicy> AttachedPolicies)
{
    public string? Tag(string key) => Role.Tags.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.Ordinal))?.Value;
}
