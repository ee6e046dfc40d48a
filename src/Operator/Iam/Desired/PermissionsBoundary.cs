using System.Text.RegularExpressions;
using IrOperator.Iam.Policies;
using IrOperator.Resources;

namespace IrOperator.Iam.Desired;

/// <summary>
/// A role's permissions boundary in one account: the ResponderRole's own spec.permissionsBoundaryArn, else the
/// operator's default (ResponderRoles:DefaultPermissionsBoundary), with the placeholder <c>{accountId}</c> in the
/// ARN's account field replaced by the account the role is written to, so one ResponderRole across many accounts
/// names each account's own boundary policy (docs/responder-roles.md, "Permissions boundary").
/// </summary>
public static partial class PermissionsBoundary
{
    /// <summary>
    /// Stands for the account in the ARN's account field. No <c>$</c>: <c>${aws:...}</c> is an IAM policy variable,
    /// and <c>${AccountId}</c> is rewritten by CloudFormation's Fn::Sub, envsubst and Terraform before the operator
    /// ever sees it.
    /// </summary>
    public const string AccountPlaceholder = "{accountId}";

    /// <summary>The field of a role's own boundary, as errors name it.</summary>
    public const string SpecField = "spec.permissionsBoundaryArn";

    /// <summary>The operator setting of the default boundary, as errors name it.</summary>
    public const string DefaultSetting = "responderRoles.defaultPermissionsBoundary";

    /// <summary>Why <paramref name="arn"/> is not a boundary ARN, or null when it is one.</summary>
    public static string? Problem(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        return BoundaryArnRegex().IsMatch(arn)
            ? null
            : $"\"{arn}\" is not an IAM managed policy ARN (arn:<partition>:iam::<account>:policy/<path><name>, the account being " +
              $"12 digits, aws, or {AccountPlaceholder} for each account's own policy)";
    }

    /// <summary>
    /// The boundary the role gets: its own if set (a reviewed, explicit choice wins over the operator's default),
    /// else the default, else none; validated, and resolved for <paramref name="accountId"/> when one is given.
    /// Without an account (validating the spec alone) a placeholder stays in place: only per-account builds are
    /// written to IAM.
    /// </summary>
    internal static string? For(string? own, string? @default, string? accountId, List<PolicyError> errors)
    {
        var (arn, field) = !string.IsNullOrEmpty(own) ? (own, SpecField)
            : !string.IsNullOrEmpty(@default) ? (@default, DefaultSetting)
            : (null, "");
        if (arn is null)
        {
            return null;
        }

        if (Problem(arn) is { } problem)
        {
            errors.Add(new PolicyError(field, problem));
            return arn;
        }

        return accountId is null ? arn : Resolve(arn, accountId);
    }

    /// <summary>The ARN with a placeholder account replaced by <paramref name="accountId"/>; any other ARN as it is.</summary>
    public static string Resolve(string arn, string accountId)
    {
        ArgumentNullException.ThrowIfNull(arn);
        ArgumentNullException.ThrowIfNull(accountId);
        if (!AccountIdRegex().IsMatch(accountId))
        {
            throw new ArgumentException($"\"{accountId}\" is not an AWS account id", nameof(accountId));
        }

        // Only the account field (the fifth): the partition and the policy's path and name stay as written.
        var parts = arn.Split(':', 6);
        if (parts.Length == 6 && parts[4] == AccountPlaceholder)
        {
            parts[4] = accountId;
            return string.Join(':', parts);
        }

        return arn;
    }

    [GeneratedRegex(ResourcePatterns.PermissionsBoundaryArn, RegexOptions.CultureInvariant)]
    private static partial Regex BoundaryArnRegex();

    [GeneratedRegex(ResourcePatterns.AccountId, RegexOptions.CultureInvariant)]
    private static partial Regex AccountIdRegex();
}
