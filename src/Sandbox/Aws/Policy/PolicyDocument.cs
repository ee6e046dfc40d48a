namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>
/// A parsed IAM policy. <see cref="Parse"/> applies the checks every policy gets; a role's trust
/// policy then goes through <see cref="ValidateAsTrustPolicy"/> and a permissions policy through
/// <see cref="ValidateAsIdentityPolicy"/>, as IAM does for CreateRole/UpdateAssumeRolePolicy and
/// PutRolePolicy/CreatePolicy. Both throw <see cref="MalformedPolicyException"/> with IAM's text.
/// </summary>
public sealed record PolicyDocument(string Version, string? Id, IReadOnlyList<PolicyStatement> Statements, PolicyKind Kind)
{
    // The actions a trust policy may name; wildcards such as "sts:AssumeRole*" are accepted when
    // they only cover these.
    private static readonly string[] TrustActions =
    [
        "sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity", "sts:DecodeAuthorizationMessage",
        "sts:GetAccessKeyInfo", "sts:GetCallerIdentity", "sts:GetFederationToken", "sts:GetServiceBearerToken",
        "sts:GetSessionToken", "sts:SetSourceIdentity", "sts:TagSession", "sts:SetContext",
    ];

    /// <summary>Parses <paramref name="json"/> (already URL-decoded), throwing <see cref="MalformedPolicyException"/>.</summary>
    public static PolicyDocument Parse(string json) => PolicyParser.Parse(json);

    /// <summary>Whether policy variables such as <c>${aws:username}</c> are substituted (only from 2012-10-17 on).</summary>
    public bool SupportsVariables => Version == PolicyParser.Version2012;

    /// <summary>
    /// IAM's trust policy rules: every statement names a Principal (or NotPrincipal), names no
    /// Resource, and only STS actions. <paramref name="principalExists"/>, when given, is asked for
    /// every user and role ARN: IAM refuses one that does not exist (or is not yet visible) with
    /// "Invalid principal in policy", because it stores the principal's unique id, not its ARN.
    /// </summary>
    public PolicyDocument ValidateAsTrustPolicy(Func<string, bool>? principalExists = null)
    {
        foreach (var statement in Statements)
        {
            var principals = statement.Principal ?? statement.NotPrincipal
                ?? throw new MalformedPolicyException(PolicyMessages.MissingPrincipal);
            if (statement.Resources is not null || statement.NotResources is not null)
            {
                throw new MalformedPolicyException(PolicyMessages.TrustWithResource);
            }

            if (statement.Actions is null || statement.Actions.Any(action => !IsTrustAction(action)))
            {
                throw new MalformedPolicyException(PolicyMessages.TrustActions);
            }

            if (principalExists is not null)
            {
                foreach (var arn in principals.ValuesOf(PrincipalSet.Aws).Where(IsUserOrRoleArn))
                {
                    if (!principalExists(arn))
                    {
                        throw new MalformedPolicyException(PolicyMessages.InvalidPrincipal(PrincipalSet.Aws, arn));
                    }
                }
            }
        }

        return this with { Kind = PolicyKind.Trust };
    }

    /// <summary>IAM's identity policy rules: no Principal, and every statement names resources in ARN form or "*".</summary>
    public PolicyDocument ValidateAsIdentityPolicy()
    {
        foreach (var statement in Statements)
        {
            if (statement.Principal is not null || statement.NotPrincipal is not null)
            {
                throw new MalformedPolicyException(PolicyMessages.IdentityWithPrincipal);
            }

            var resources = statement.Resources ?? statement.NotResources;
            if (resources is null || resources.Count == 0)
            {
                throw new MalformedPolicyException(PolicyMessages.MissingResources);
            }

            foreach (var resource in resources)
            {
                CheckResourceFormat(resource);
            }
        }

        return this with { Kind = PolicyKind.Identity };
    }

    private static bool IsTrustAction(string action) =>
        TrustActions.Any(known => WildcardPattern.IsMatch(action, known, ignoreCase: true));

    private static bool IsUserOrRoleArn(string principal) =>
        AwsArn.TryParse(principal, out var arn) && arn.Service == "iam"
        && (arn.Resource.StartsWith("user/", StringComparison.Ordinal) || arn.Resource.StartsWith("role/", StringComparison.Ordinal));

    private static void CheckResourceFormat(string resource)
    {
        if (resource == "*")
        {
            return;
        }

        if (!resource.Contains(':', StringComparison.Ordinal))
        {
            throw new MalformedPolicyException(PolicyMessages.ResourceNotArn(resource));
        }

        // IAM's legacy parser wants all six ARN parts (wildcards allowed), e.g. "arn:aws:s3:::bucket".
        if (!resource.StartsWith("arn:", StringComparison.Ordinal) || resource.Count(c => c == ':') < 5)
        {
            throw new MalformedPolicyException(PolicyMessages.LegacyParsing);
        }
    }
}
