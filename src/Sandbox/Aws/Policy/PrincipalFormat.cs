namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>
/// The shapes IAM accepts in a Principal element; anything else is "Invalid principal in policy".
/// IAM allows no wildcard inside an AWS principal: only the whole value "*" (use a condition on
/// aws:PrincipalArn for patterns, as the operator does for Identity Center roles).
/// </summary>
internal static class PrincipalFormat
{
    public static void Check(string type, string value)
    {
        var valid = type switch
        {
            PrincipalSet.Aws => IsAwsPrincipal(value),
            _ => value.Length > 0 && !value.Any(char.IsWhiteSpace),
        };
        if (!valid)
        {
            throw new MalformedPolicyException(PolicyMessages.InvalidPrincipal(type, value));
        }
    }

    public static bool IsAccountId(string value) => value.Length == 12 && value.All(char.IsAsciiDigit);

    private static bool IsAwsPrincipal(string value)
    {
        if (value == "*" || IsAccountId(value))
        {
            return true;
        }

        if (value.Contains('*', StringComparison.Ordinal) || value.Contains('?', StringComparison.Ordinal)
            || !AwsArn.TryParse(value, out var arn)
            || !AwsArn.Partitions.Contains(arn.Partition) || arn.Region.Length != 0 || !IsAccountId(arn.Account))
        {
            return false;
        }

        return arn.Service switch
        {
            "iam" => arn.Resource == "root"
                || HasNamedResource(arn.Resource, "user/")
                || HasNamedResource(arn.Resource, "role/")
                || HasNamedResource(arn.Resource, "federated-user/"),
            "sts" => HasNamedResource(arn.Resource, "assumed-role/") || HasNamedResource(arn.Resource, "federated-user/"),
            _ => false,
        };
    }

    private static bool HasNamedResource(string resource, string prefix) =>
        resource.StartsWith(prefix, StringComparison.Ordinal) && resource.Length > prefix.Length && !resource.EndsWith('/');
}
