using System.Text.Json.Nodes;
using IrOperator.Aws.Errors;
using IrOperator.Aws.Iam;

namespace IrOperator.Tests.Controllers.ResponderRoles;

/// <summary>An IAM role as the IAM API shows it (through our client, as the provisioner role): what the tests assert.</summary>
public sealed record IamRoleState(IamRole Role, IReadOnlyDictionary<string, JsonNode> InlinePolicies, IReadOnlyList<string> AttachedPolicyArns)
{
    public IReadOnlyDictionary<string, string> Tags => Role.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);

    public JsonNode Trust => JsonNode.Parse(Role.AssumeRolePolicyDocument)!;

    public static async Task<IamRoleState?> ReadAsync(IIamClient iam, string roleName)
    {
        try
        {
            return await ReadOrThrowAsync(iam, roleName);
        }
        catch (AwsServiceException e) when (e.ErrorCode == AwsErrorCodes.NoSuchEntity)
        {
            // Absent, or being deleted (GetRole may still show it while its policies are gone): not a state to assert on.
            return null;
        }
    }

    private static async Task<IamRoleState> ReadOrThrowAsync(IIamClient iam, string roleName)
    {
        var role = await iam.GetRoleAsync(roleName, CancellationToken.None);
        var inline = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        await foreach (var name in iam.ListRolePoliciesAsync(roleName, CancellationToken.None))
        {
            inline[name] = JsonNode.Parse((await iam.GetRolePolicyAsync(roleName, name, CancellationToken.None)).PolicyDocument)!;
        }
        var attached = new List<string>();
        await foreach (var policy in iam.ListAttachedRolePoliciesAsync(roleName, CancellationToken.None))
        {
            attached.Add(policy.PolicyArn);
        }
        return new IamRoleState(role, inline, attached);
    }

    public override string ToString() =>
        $"path={Role.Path} description={Role.Description} maxSession={Role.MaxSessionDuration} boundary={Role.PermissionsBoundaryArn} "
        + $"tags=[{string.Join(",", Tags.Select(t => $"{t.Key}={t.Value}"))}] inline=[{string.Join(",", InlinePolicies.Keys)}] attached=[{string.Join(",", AttachedPolicyArns)}] trust={Role.AssumeRolePolicyDocument}";
}
