namespace IrOperator.Aws.Organizations;

/// <summary>
/// The Organizations reads the operator needs (management account or delegated administrator).
/// The seam where AWSSDK.Organizations can replace our JSON 1.1 client. List methods follow NextToken.
/// </summary>
public interface IOrganizationsClient
{
    IAsyncEnumerable<OrganizationRoot> ListRootsAsync(CancellationToken cancellationToken);

    IAsyncEnumerable<OrganizationAccount> ListAccountsAsync(CancellationToken cancellationToken, int? pageSize = null);

    IAsyncEnumerable<OrganizationAccount> ListAccountsForParentAsync(string parentId, CancellationToken cancellationToken, int? pageSize = null);

    IAsyncEnumerable<OrganizationalUnit> ListOrganizationalUnitsForParentAsync(string parentId, CancellationToken cancellationToken, int? pageSize = null);

    IAsyncEnumerable<OrganizationTag> ListTagsForResourceAsync(string resourceId, CancellationToken cancellationToken);

    Task<OrganizationAccount> DescribeAccountAsync(string accountId, CancellationToken cancellationToken);
}
