using IrOperator.Aws.Errors;
using IrOperator.Aws.Iam;

namespace IrOperator.Iam.Planning;

/// <summary>
/// Reads an <see cref="ObservedRole"/> with the reads the planner needs and no more: GetRole (tags
/// and trust included), ListRolePolicies, GetRolePolicy per inline policy, ListAttachedRolePolicies.
/// </summary>
public static class ObservedRoleReader
{
    /// <summary>The role, or null when IAM says NoSuchEntity (absent, or not yet visible: see <see cref="PlanContext"/>).</summary>
    public static async Task<ObservedRole?> ReadAsync(IIamClient client, string roleName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        IamRole role;
        try
        {
            role = await client.GetRoleAsync(roleName, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "NoSuchEntity")
        {
            return null;
        }

        var inline = new List<RolePolicy>();
        await foreach (var name in client.ListRolePoliciesAsync(roleName, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                inline.Add(await client.GetRolePolicyAsync(roleName, name, cancellationToken).ConfigureAwait(false));
            }
            catch (AwsServiceException e) when (e.ErrorCode == "NoSuchEntity")
            {
                // Deleted between the list and the read: it is not there.
            }
        }

        var attached = new List<AttachedPolicy>();
        await foreach (var policy in client.ListAttachedRolePoliciesAsync(roleName, cancellationToken).ConfigureAwait(false))
        {
            attached.Add(policy);
        }

        return ObservedRole.From(role, inline, attached);
    }
}
