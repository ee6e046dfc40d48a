namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>
/// Whether a trust statement's Principal names the caller, as IAM decides it:
/// <list type="bullet">
/// <item><c>"*"</c> (or AWS "*") is anyone;</item>
/// <item>an account (bare id or <c>arn:PARTITION:iam::ID:root</c>) is every principal of that
/// account: root, users, roles and role sessions (the account then delegates to its own
/// identity policies);</item>
/// <item>a role ARN is every session of that role; a user ARN that user; an assumed-role session
/// ARN that one session;</item>
/// <item>Service and Federated principals match callers of that kind with that name.</item>
/// </list>
/// ARNs match only in their own partition; a bare account id matches in the caller's partition.
/// </summary>
public static class PrincipalMatcher
{
    public static bool Matches(PrincipalSet principals, CallerIdentity caller)
    {
        ArgumentNullException.ThrowIfNull(principals);
        ArgumentNullException.ThrowIfNull(caller);
        if (principals.IsAnyone)
        {
            return true;
        }

        return principals.ValuesOf(PrincipalSet.Aws).Any(value => MatchesAws(value, caller))
            || (caller.Kind == CallerKind.Service && principals.ValuesOf(PrincipalSet.Service).Contains(caller.Arn, StringComparer.OrdinalIgnoreCase))
            || (caller.Kind == CallerKind.Federated && principals.ValuesOf(PrincipalSet.Federated).Contains(caller.Arn, StringComparer.Ordinal));
    }

    /// <summary>
    /// Whether <paramref name="principals"/> names the caller by its own ARN (its user ARN, its role's
    /// ARN or its session ARN) rather than through its account or <c>"*"</c>. In the same account such a
    /// trust policy allows AssumeRole without the caller's identity policy
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html).
    /// </summary>
    public static bool NamesDirectly(PrincipalSet principals, CallerIdentity caller)
    {
        ArgumentNullException.ThrowIfNull(principals);
        ArgumentNullException.ThrowIfNull(caller);
        return !principals.IsAnyone && principals.ValuesOf(PrincipalSet.Aws)
            .Any(value => value != "*" && !NamesAccount(value, caller) && MatchesAws(value, caller));
    }

    /// <summary>
    /// Whether NotPrincipal exempts the caller. AWS evaluates a role session as the session, its
    /// role and its account together, so a session is exempt only when all of them are listed (the
    /// NotPrincipal documentation's "specify the account ARN too"); a user needs the user and the
    /// account, the root user only the account.
    /// </summary>
    public static bool IsExempt(PrincipalSet notPrincipals, CallerIdentity caller)
    {
        ArgumentNullException.ThrowIfNull(notPrincipals);
        ArgumentNullException.ThrowIfNull(caller);
        if (notPrincipals.IsAnyone || notPrincipals.ValuesOf(PrincipalSet.Aws).Contains("*", StringComparer.Ordinal))
        {
            return true;
        }

        if (caller.Kind is CallerKind.Service or CallerKind.Federated)
        {
            return Matches(notPrincipals, caller);
        }

        var listed = notPrincipals.ValuesOf(PrincipalSet.Aws);
        var accountListed = listed.Any(value => NamesAccount(value, caller));
        return caller.Kind switch
        {
            CallerKind.Root => accountListed,
            CallerKind.User => accountListed && listed.Contains(caller.Arn, StringComparer.Ordinal),
            _ => accountListed && caller.RoleArn is not null
                && listed.Contains(caller.Arn, StringComparer.Ordinal) && listed.Contains(caller.RoleArn, StringComparer.Ordinal),
        };
    }

    private static bool MatchesAws(string value, CallerIdentity caller)
    {
        if (caller.Kind is CallerKind.Service or CallerKind.Federated)
        {
            return false;
        }

        if (value == "*" || NamesAccount(value, caller))
        {
            return true;
        }

        if (!AwsArn.TryParse(value, out var arn) || arn.Partition != caller.Partition || arn.Account != caller.AccountId)
        {
            return false;
        }

        return (arn.Service, caller.Kind) switch
        {
            ("iam", CallerKind.AssumedRole) when arn.Resource.StartsWith("role/", StringComparison.Ordinal) => string.Equals(value, caller.RoleArn, StringComparison.Ordinal),
            ("iam", CallerKind.User) when arn.Resource.StartsWith("user/", StringComparison.Ordinal) => string.Equals(value, caller.Arn, StringComparison.Ordinal),
            ("sts", CallerKind.AssumedRole) => string.Equals(value, caller.Arn, StringComparison.Ordinal),
            _ => false,
        };
    }

    private static bool NamesAccount(string value, CallerIdentity caller) =>
        PrincipalFormat.IsAccountId(value)
            ? value == caller.AccountId
            : value == AwsArn.RootOf(caller.Partition, caller.AccountId);
}
