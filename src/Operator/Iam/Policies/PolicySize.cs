using System.Text;

namespace IrOperator.Iam.Policies;

/// <summary>
/// The size IAM charges against its policy quotas. IAM's quotas page (reference_iam-quotas.html):
/// "IAM doesn't count white space when calculating the size of a policy against these limits".
/// Counted as the AWS emulator counts (src/Sandbox/Aws/Policy/PolicySize.cs), so the operator and
/// the emulator agree on every document: Unicode scalar values of the URL-decoded document, not
/// counting any white-space character. The canonical JSON has no white space outside strings, so
/// the two readings of IAM's sentence differ only by spaces inside string values. A role's inline
/// aggregate is the sum over its inline policies of their documents' sizes (names not counted).
/// See docs/iam-model.md.
/// </summary>
public static class PolicySize
{
    /// <summary>IAM's default trust policy quota (adjustable up to 8,192 through Service Quotas).</summary>
    public const int TrustPolicyDefaultQuota = 2048;

    /// <summary>All inline policies of one role together (not adjustable).</summary>
    public const int RoleInlinePoliciesQuota = 10240;

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

    /// <summary>The inline aggregate of a role: the sum of its documents' sizes as sent.</summary>
    public static int InlineAggregate(IEnumerable<PolicyDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return documents.Sum(document => document.Size);
    }
}
