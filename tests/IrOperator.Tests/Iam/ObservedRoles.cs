using IrOperator.Iam.Desired;
using IrOperator.Iam.Planning;
using IrOperator.Iam.Policies;

namespace IrOperator.Tests.Iam;

/// <summary>Observed roles as IAM would return them for a desired role: same meaning, other spelling.</summary>
internal static class ObservedRoles
{
    public const string Account = "111122223333";

    /// <summary>The role in line with <paramref name="desired"/>, its documents reordered and pretty-printed as IAM may return them.</summary>
    public static ObservedRole InLine(DesiredRole desired) => new()
    {
        RoleName = desired.RoleName,
        Arn = desired.ArnIn(Account),
        Path = desired.Path,
        Description = desired.Description,
        MaxSessionDuration = desired.MaxSessionDuration,
        AssumeRolePolicyDocument = Respell(desired.TrustPolicy),
        PermissionsBoundaryArn = desired.PermissionsBoundaryArn,
        Tags = new Dictionary<string, string>(desired.Tags, StringComparer.Ordinal),
        InlinePolicies = desired.InlinePolicies.ToDictionary(pair => pair.Key, pair => Respell(pair.Value), StringComparer.Ordinal),
        AttachedPolicyArns = desired.ManagedPolicyArns.Reverse().ToList(),
    };

    /// <summary>Statements in reverse order, every list as an array, with white space: equal in meaning, different in text.</summary>
    public static string Respell(PolicyDocument document)
    {
        var reversed = document with
        {
            Statements = document.Statements.Reverse().Select(s => s with { Action = s.Action?.Reverse().ToList() }).ToList(),
        };
        return reversed.ToJson().Replace(",", ", ", StringComparison.Ordinal).Replace(":\"", ": \"", StringComparison.Ordinal);
    }
}
