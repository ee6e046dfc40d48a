using System.Text.Json.Nodes;

namespace IrOperator.Iam.Policies;

/// <summary>
/// The rules IAM applies to a policy according to its use, on top of the grammar the parser checks:
/// an identity policy (PutRolePolicy) names no Principal and names resources; a trust policy
/// (CreateRole, UpdateAssumeRolePolicy) names a principal, no resource, and only STS actions.
/// Every error names the statement and field. See docs/iam-model.md.
/// </summary>
public static class PolicyValidator
{
    // The actions IAM accepts in a role trust policy (the AWS emulator's list, src/Sandbox/Aws/Policy/PolicyDocument.cs).
    private static readonly string[] TrustActions =
    [
        "sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity", "sts:SetSourceIdentity", "sts:TagSession", "sts:SetContext",
    ];

    /// <summary>Parses and validates a user-supplied identity policy; errors are prefixed with <paramref name="field"/>.</summary>
    public static IReadOnlyList<PolicyError> ValidateIdentityPolicy(JsonNode? node, string field, out PolicyDocument? document)
    {
        try
        {
            document = PolicyDocument.Parse(node);
        }
        catch (PolicyFormatException e)
        {
            document = null;
            return [e.Error.Under(field)];
        }

        return [.. ValidateIdentityPolicy(document).Select(error => error.Under(field))];
    }

    public static IReadOnlyList<PolicyError> ValidateIdentityPolicy(PolicyDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = new List<PolicyError>();
        for (var i = 0; i < document.Statements.Count; i++)
        {
            var statement = document.Statements[i];
            var path = $"Statement[{i}]";
            if (statement.Principal is not null || statement.NotPrincipal is not null)
            {
                errors.Add(new PolicyError($"{path}.{(statement.Principal is not null ? "Principal" : "NotPrincipal")}",
                    "an identity policy names no principal (the role is the principal)"));
            }

            var resources = statement.Resource ?? statement.NotResource;
            if (resources is null)
            {
                errors.Add(new PolicyError($"{path}.Resource", "is required (or NotResource)"));
                continue;
            }

            var name = statement.Resource is not null ? "Resource" : "NotResource";
            for (var r = 0; r < resources.Count; r++)
            {
                if (!IsResource(resources[r]))
                {
                    errors.Add(new PolicyError($"{path}.{name}" + (resources.Count > 1 ? $"[{r}]" : ""),
                        $"\"{resources[r]}\" must be \"*\" or an ARN (arn:partition:service:region:account:resource)"));
                }
            }
        }

        return errors;
    }

    public static IReadOnlyList<PolicyError> ValidateTrustPolicy(PolicyDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = new List<PolicyError>();
        for (var i = 0; i < document.Statements.Count; i++)
        {
            var statement = document.Statements[i];
            var path = $"Statement[{i}]";
            if (statement.Principal is null && statement.NotPrincipal is null)
            {
                errors.Add(new PolicyError($"{path}.Principal", "is required in a trust policy"));
            }

            if (statement.Resource is not null || statement.NotResource is not null)
            {
                errors.Add(new PolicyError($"{path}.{(statement.Resource is not null ? "Resource" : "NotResource")}", "a trust policy names no resource"));
            }

            if (statement.Action is null)
            {
                errors.Add(new PolicyError($"{path}.NotAction", "a trust policy names its actions with Action"));
            }
            else if (statement.Action.FirstOrDefault(action => !TrustActions.Contains(action, StringComparer.OrdinalIgnoreCase)) is { } other)
            {
                errors.Add(new PolicyError($"{path}.Action", $"\"{other}\" is not an action a trust policy may name (sts:AssumeRole, sts:SetSourceIdentity, sts:TagSession, ...)"));
            }
        }

        return errors;
    }

    // IAM wants "*" or all six ARN parts (wildcards allowed), e.g. "arn:aws:s3:::bucket".
    private static bool IsResource(string resource) =>
        resource == "*" || (resource.StartsWith("arn:", StringComparison.Ordinal) && resource.Count(c => c == ':') >= 5);
}
