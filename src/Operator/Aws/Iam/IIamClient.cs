namespace IrOperator.Aws.Iam;

/// <summary>
/// The IAM operations the operator uses, for one account. The seam where AWSSDK.IdentityManagement can
/// replace our query-protocol client when the package is available. List methods page through Marker/IsTruncated.
/// </summary>
public interface IIamClient
{
    string Account { get; }

    Task<IamRole> CreateRoleAsync(CreateRoleRequest request, CancellationToken cancellationToken);

    Task<IamRole> GetRoleAsync(string roleName, CancellationToken cancellationToken);

    IAsyncEnumerable<IamRole> ListRolesAsync(string? pathPrefix, CancellationToken cancellationToken, int? pageSize = null);

    /// <summary>Sets the description and/or maximum session duration (null leaves a field unchanged).</summary>
    Task UpdateRoleAsync(string roleName, string? description, int? maxSessionDuration, CancellationToken cancellationToken);

    Task UpdateAssumeRolePolicyAsync(string roleName, string policyDocument, CancellationToken cancellationToken);

    Task DeleteRoleAsync(string roleName, CancellationToken cancellationToken);

    Task PutRolePolicyAsync(string roleName, string policyName, string policyDocument, CancellationToken cancellationToken);

    Task<RolePolicy> GetRolePolicyAsync(string roleName, string policyName, CancellationToken cancellationToken);

    Task DeleteRolePolicyAsync(string roleName, string policyName, CancellationToken cancellationToken);

    IAsyncEnumerable<string> ListRolePoliciesAsync(string roleName, CancellationToken cancellationToken, int? pageSize = null);

    Task AttachRolePolicyAsync(string roleName, string policyArn, CancellationToken cancellationToken);

    Task DetachRolePolicyAsync(string roleName, string policyArn, CancellationToken cancellationToken);

    IAsyncEnumerable<AttachedPolicy> ListAttachedRolePoliciesAsync(string roleName, CancellationToken cancellationToken, int? pageSize = null);

    Task TagRoleAsync(string roleName, IReadOnlyCollection<IamTag> tags, CancellationToken cancellationToken);

    Task UntagRoleAsync(string roleName, IReadOnlyCollection<string> tagKeys, CancellationToken cancellationToken);

    IAsyncEnumerable<IamTag> ListRoleTagsAsync(string roleName, CancellationToken cancellationToken, int? pageSize = null);

    Task PutRolePermissionsBoundaryAsync(string roleName, string permissionsBoundaryArn, CancellationToken cancellationToken);

    Task DeleteRolePermissionsBoundaryAsync(string roleName, CancellationToken cancellationToken);
}
