using IrOperator.Aws.Errors;
using IrOperator.Aws.Iam;

namespace IrOperator.Controllers.ResponderRoles;

/// <summary>
/// Reads what the planner compares: GetRole (tags included), then, only for a role the operator owns,
/// ListRolePolicies with GetRolePolicy each and ListAttachedRolePolicies. No write is ever made here.
/// </summary>
public static class ObservedRoleReader
{
    /// <summary>The role, or null when IAM answers NoSuchEntity.</summary>
    public static async Task<IamRole?> GetRoleAsync(IIamClient iam, string roleName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(iam);
        try
        {
            return await iam.GetRoleAsync(roleName, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ErrorCode == AwsErrorCodes.NoSuchEntity)
        {
            return null;
        }
    }

    /// <summary>The role's policies; a policy deleted between the list and the read is skipped.</summary>
    public static async Task<ObservedRole> ReadPoliciesAsync(IIamClient iam, IamRole role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(iam);
        ArgumentNullException.ThrowIfNull(role);
        var inline = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (var name in iam.ListRolePoliciesAsync(role.RoleName, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                inline[name] = (await iam.GetRolePolicyAsync(role.RoleName, name, cancellationToken).ConfigureAwait(false)).PolicyDocument;
            }
            catch (AwsServiceException e) when (e.ErrorCode == AwsErrorCodes.NoSuchEntity)
            {
            }
        }
        var attached = new List<AttachedPolicy>();
        await foreach (var policy in iam.ListAttachedRolePoliciesAsync(role.RoleName, cancellationToken).ConfigureAwait(false))
        {
            attached.Add(policy);
        }
        return new ObservedRole(role, inline, attached);
    }
}
