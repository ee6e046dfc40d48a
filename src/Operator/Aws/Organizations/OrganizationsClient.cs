using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using IrOperator.Aws.Http;

namespace IrOperator.Aws.Organizations;

/// <summary>Organizations over JSON 1.1 (<c>X-Amz-Target: AWSOrganizationsV20161128.&lt;Action&gt;</c>).</summary>
public sealed class OrganizationsClient : IOrganizationsClient
{
    private const string TargetPrefix = "AWSOrganizationsV20161128.";
    private const string ContentType = "application/x-amz-json-1.1";
    private readonly AwsHttpSender _sender;

    public OrganizationsClient(AwsHttpSender sender) => _sender = sender;

    public IAsyncEnumerable<OrganizationRoot> ListRootsAsync(CancellationToken cancellationToken) =>
        PagesAsync("ListRoots", [], "Roots", null, OrganizationsJson.Root, cancellationToken);

    public IAsyncEnumerable<OrganizationAccount> ListAccountsAsync(CancellationToken cancellationToken, int? pageSize = null) =>
        PagesAsync("ListAccounts", [], "Accounts", pageSize, OrganizationsJson.Account, cancellationToken);

    public IAsyncEnumerable<OrganizationAccount> ListAccountsForParentAsync(string parentId, CancellationToken cancellationToken, int? pageSize = null) =>
        PagesAsync("ListAccountsForParent", new() { ["ParentId"] = parentId }, "Accounts", pageSize, OrganizationsJson.Account, cancellationToken);

    public IAsyncEnumerable<OrganizationalUnit> ListOrganizationalUnitsForParentAsync(string parentId, CancellationToken cancellationToken, int? pageSize = null) =>
        PagesAsync("ListOrganizationalUnitsForParent", new() { ["ParentId"] = parentId }, "OrganizationalUnits", pageSize, OrganizationsJson.Unit, cancellationToken);

    public IAsyncEnumerable<OrganizationTag> ListTagsForResourceAsync(string resourceId, CancellationToken cancellationToken) =>
        PagesAsync("ListTagsForResource", new() { ["ResourceId"] = resourceId }, "Tags", null, OrganizationsJson.Tag, cancellationToken);

    public async Task<OrganizationAccount> DescribeAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        var result = await CallAsync("DescribeAccount", new() { ["AccountId"] = accountId }, cancellationToken).ConfigureAwait(false);
        return OrganizationsJson.Account(result.GetProperty("Account"));
    }

    private async IAsyncEnumerable<T> PagesAsync<T>(
        string action,
        JsonObject parameters,
        string listProperty,
        int? pageSize,
        Func<JsonElement, T> read,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? nextToken = null;
        do
        {
            var page = (JsonObject)parameters.DeepClone();
            if (pageSize is { } size)
            {
                page["MaxResults"] = size;
            }

            if (nextToken is not null)
            {
                page["NextToken"] = nextToken;
            }

            var result = await CallAsync(action, page, cancellationToken).ConfigureAwait(false);
            if (result.TryGetProperty(listProperty, out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    yield return read(item);
                }
            }

            // Organizations may answer an empty page with a NextToken: follow it until it is absent.
            nextToken = OrganizationsJson.String(result, "NextToken");
        }
        while (!string.IsNullOrEmpty(nextToken));
    }

    private async Task<JsonElement> CallAsync(string action, JsonObject parameters, CancellationToken cancellationToken)
    {
        var request = new AwsRequest(
            action,
            JsonSerializer.SerializeToUtf8Bytes(parameters),
            ContentType,
            new Dictionary<string, string> { ["X-Amz-Target"] = TargetPrefix + action });
        var body = await _sender.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return OrganizationsJson.Parse(action, body);
    }
}
