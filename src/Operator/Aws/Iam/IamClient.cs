using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml.Linq;
using IrOperator.Aws.Http;
using IrOperator.Aws.Signing;

namespace IrOperator.Aws.Iam;

/// <summary>IAM over the query protocol (form-encoded POST, <c>Version=2010-05-08</c>, XML answers) for one account.</summary>
public sealed class IamClient : IIamClient
{
    private const string ApiVersion = "2010-05-08";
    private static readonly Dictionary<string, string> NoHeaders = [];
    private readonly AwsHttpSender _sender;

    public IamClient(AwsHttpSender sender) => _sender = sender;

    public string Account => _sender.Account;

    public async Task<IamRole> CreateRoleAsync(CreateRoleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("RoleName", request.RoleName),
            new("AssumeRolePolicyDocument", request.AssumeRolePolicyDocument),
            new("Path", request.Path),
        };
        AddIfSet(parameters, "Description", request.Description);
        AddIfSet(parameters, "MaxSessionDuration", request.MaxSessionDuration?.ToString(CultureInfo.InvariantCulture));
        AddIfSet(parameters, "PermissionsBoundary", request.PermissionsBoundary);
        AddTags(parameters, request.Tags);
        var result = await CallAsync("CreateRole", parameters, cancellationToken).ConfigureAwait(false);
        return IamXml.Role(result.RequiredChild("Role"));
    }

    public async Task<IamRole> GetRoleAsync(string roleName, CancellationToken cancellationToken)
    {
        var result = await CallAsync("GetRole", [new("RoleName", roleName)], cancellationToken).ConfigureAwait(false);
        return IamXml.Role(result.RequiredChild("Role"));
    }

    public IAsyncEnumerable<IamRole> ListRolesAsync(string? pathPrefix, CancellationToken cancellationToken, int? pageSize = null)
    {
        List<KeyValuePair<string, string>> parameters = [];
        AddIfSet(parameters, "PathPrefix", pathPrefix);
        return PagesAsync("ListRoles", parameters, "Roles", pageSize, IamXml.Role, cancellationToken);
    }

    public Task UpdateRoleAsync(string roleName, string? description, int? maxSessionDuration, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string>> parameters = [new("RoleName", roleName)];
        AddIfSet(parameters, "Description", description);
        AddIfSet(parameters, "MaxSessionDuration", maxSessionDuration?.ToString(CultureInfo.InvariantCulture));
        return CallAsync("UpdateRole", parameters, cancellationToken);
    }

    public Task UpdateAssumeRolePolicyAsync(string roleName, string policyDocument, CancellationToken cancellationToken) =>
        CallAsync("UpdateAssumeRolePolicy", [new("RoleName", roleName), new("PolicyDocument", policyDocument)], cancellationToken);

    public Task DeleteRoleAsync(string roleName, CancellationToken cancellationToken) =>
        CallAsync("DeleteRole", [new("RoleName", roleName)], cancellationToken);

    public Task PutRolePolicyAsync(string roleName, string policyName, string policyDocument, CancellationToken cancellationToken) =>
        CallAsync("PutRolePolicy", [new("RoleName", roleName), new("PolicyName", policyName), new("PolicyDocument", policyDocument)], cancellationToken);

    public async Task<RolePolicy> GetRolePolicyAsync(string roleName, string policyName, CancellationToken cancellationToken)
    {
        var result = await CallAsync("GetRolePolicy", [new("RoleName", roleName), new("PolicyName", policyName)], cancellationToken).ConfigureAwait(false);
        return new RolePolicy(result.Required("RoleName"), result.Required("PolicyName"), IamXml.Decode(result.Required("PolicyDocument")));
    }

    public Task DeleteRolePolicyAsync(string roleName, string policyName, CancellationToken cancellationToken) =>
        CallAsync("DeleteRolePolicy", [new("RoleName", roleName), new("PolicyName", policyName)], cancellationToken);

    public IAsyncEnumerable<string> ListRolePoliciesAsync(string roleName, CancellationToken cancellationToken, int? pageSize = null) =>
        PagesAsync("ListRolePolicies", [new("RoleName", roleName)], "PolicyNames", pageSize, m => m.Value, cancellationToken);

    public Task AttachRolePolicyAsync(string roleName, string policyArn, CancellationToken cancellationToken) =>
        CallAsync("AttachRolePolicy", [new("RoleName", roleName), new("PolicyArn", policyArn)], cancellationToken);

    public Task DetachRolePolicyAsync(string roleName, string policyArn, CancellationToken cancellationToken) =>
        CallAsync("DetachRolePolicy", [new("RoleName", roleName), new("PolicyArn", policyArn)], cancellationToken);

    public IAsyncEnumerable<AttachedPolicy> ListAttachedRolePoliciesAsync(string roleName, CancellationToken cancellationToken, int? pageSize = null) =>
        PagesAsync("ListAttachedRolePolicies", [new("RoleName", roleName)], "AttachedPolicies", pageSize, m => new AttachedPolicy(m.Required("PolicyName"), m.Required("PolicyArn")), cancellationToken);

    public Task TagRoleAsync(string roleName, IReadOnlyCollection<IamTag> tags, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string>> parameters = [new("RoleName", roleName)];
        AddTags(parameters, tags);
        return CallAsync("TagRole", parameters, cancellationToken);
    }

    public Task UntagRoleAsync(string roleName, IReadOnlyCollection<string> tagKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tagKeys);
        List<KeyValuePair<string, string>> parameters = [new("RoleName", roleName)];
        parameters.AddRange(tagKeys.Select((key, i) => new KeyValuePair<string, string>($"TagKeys.member.{i + 1}", key)));
        return CallAsync("UntagRole", parameters, cancellationToken);
    }

    public IAsyncEnumerable<IamTag> ListRoleTagsAsync(string roleName, CancellationToken cancellationToken, int? pageSize = null) =>
        PagesAsync("ListRoleTags", [new("RoleName", roleName)], "Tags", pageSize, m => new IamTag(m.Required("Key"), m.Child("Value")?.Value ?? string.Empty), cancellationToken);

    public Task PutRolePermissionsBoundaryAsync(string roleName, string permissionsBoundaryArn, CancellationToken cancellationToken) =>
        CallAsync("PutRolePermissionsBoundary", [new("RoleName", roleName), new("PermissionsBoundary", permissionsBoundaryArn)], cancellationToken);

    public Task DeleteRolePermissionsBoundaryAsync(string roleName, CancellationToken cancellationToken) =>
        CallAsync("DeleteRolePermissionsBoundary", [new("RoleName", roleName)], cancellationToken);

    private async IAsyncEnumerable<T> PagesAsync<T>(
        string action,
        List<KeyValuePair<string, string>> parameters,
        string listElement,
        int? pageSize,
        Func<XElement, T> read,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? marker = null;
        do
        {
            var page = new List<KeyValuePair<string, string>>(parameters);
            AddIfSet(page, "MaxItems", pageSize?.ToString(CultureInfo.InvariantCulture));
            AddIfSet(page, "Marker", marker);
            var result = await CallAsync(action, page, cancellationToken).ConfigureAwait(false);
            foreach (var member in IamXml.Members(result.Child(listElement)))
            {
                yield return read(member);
            }

            var truncated = string.Equals(result.Child("IsTruncated")?.Value, "true", StringComparison.OrdinalIgnoreCase);
            marker = truncated ? result.Child("Marker")?.Value : null;
        }
        while (marker is not null);
    }

    private async Task<XElement> CallAsync(string action, List<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var body = new StringBuilder($"Action={action}&Version={ApiVersion}");
        foreach (var (name, value) in parameters)
        {
            body.Append('&').Append(SigV4Signer.UriEncode(name)).Append('=').Append(SigV4Signer.UriEncode(value));
        }

        var request = new AwsRequest(action, Encoding.UTF8.GetBytes(body.ToString()), "application/x-www-form-urlencoded; charset=utf-8", NoHeaders);
        var response = await _sender.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return IamXml.Result(action, response);
    }

    private static void AddIfSet(List<KeyValuePair<string, string>> parameters, string name, string? value)
    {
        if (value is not null)
        {
            parameters.Add(new(name, value));
        }
    }

    private static void AddTags(List<KeyValuePair<string, string>> parameters, IEnumerable<IamTag> tags)
    {
        var i = 0;
        foreach (var tag in tags)
        {
            i++;
            parameters.Add(new($"Tags.member.{i}.Key", tag.Key));
            parameters.Add(new($"Tags.member.{i}.Value", tag.Value));
        }
    }
}
