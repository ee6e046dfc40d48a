using System.Text;

namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>
/// The size IAM charges against its policy quotas: the trust policy (2,048 characters by default,
/// adjustable up to 8,192), the aggregate of a role's inline policies (10,240) and a managed policy
/// (6,144). IAM's documentation: "IAM doesn't count white space when calculating the size of a
/// policy against these limits" (reference_iam-quotas.html).
/// Rule implemented: the characters (Unicode scalar values) of the document as sent, after
/// URL-decoding, not counting any white-space character wherever it is, inside strings included.
/// This is the reading client-side checks use (kops #12700); it can only under-count a real
/// document by the spaces inside its string values, which policies rarely have (none in the
/// operator's grant and end-of-access statements).
/// </summary>
public static class PolicySize
{
    public const int TrustPolicyDefaultQuota = 2048;
    public const int RoleInlinePoliciesQuota = 10240;
    public const int ManagedPolicyQuota = 6144;

    public static int Count(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var count = 0;
        foreach (var rune in json.EnumerateRunes())
        {
            if (!Rune.IsWhiteSpace(rune))
            {
                count++;
            }
        }

        return count;
    }
}
