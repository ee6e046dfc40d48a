using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using IrOperator.Sandbox.Aws.Authorization;
using IrOperator.Sandbox.Aws.Identity;
using IrOperator.Sandbox.Aws.Protocol;

namespace IrOperator.Sandbox.Aws.Organizations;

/// <summary>
/// The read side of AWS Organizations over JSON 1.1 (<c>X-Amz-Target: AWSOrganizationsV20161128.Action</c>).
/// Only the management account may call it (delegated administrators are not modelled); member
/// accounts get AccessDeniedException, as from AWS. Timestamps are epoch seconds, as JSON 1.1 sends them.
/// </summary>
public sealed class OrganizationsService(AwsEmulatorState state, Authorizer authorizer)
{
    public const string TargetPrefix = "AWSOrganizationsV20161128.";
    private const string NoPermission = "You don't have permissions to access this resource.";

    private OrganizationModel Org => state.Organization;

    public string Handle(string target, JsonObject input, EmulatedPrincipal caller)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(caller);
        if (!target.StartsWith(TargetPrefix, StringComparison.Ordinal))
        {
            throw AwsErrors.InvalidAction(AwsProtocol.Json, target, "2016-11-28");
        }

        var action = target[TargetPrefix.Length..];
        if (caller.AccountId != Org.ManagementAccountId)
        {
            throw Error("AccessDeniedException", NoPermission);
        }

        if (!authorizer.Decide(caller, "organizations:" + action, "*").IsAllowed)
        {
            throw Error("AccessDeniedException", NoPermission);
        }

        JsonObject output = action switch
        {
            "ListRoots" => Paged(input, "Roots", [Root()]),
            "ListAccounts" => Paged(input, "Accounts", [.. Org.Accounts.Select(Account)]),
            "ListAccountsForParent" => Paged(input, "Accounts", [.. Org.Accounts.Where(account => account.ParentId == Parent(input)).Select(Account)]),
            "ListOrganizationalUnitsForParent" => Paged(input, "OrganizationalUnits", [.. Org.Units.Where(unit => unit.ParentId == Parent(input)).Select(Unit)]),
            "ListTagsForResource" => Paged(input, "Tags", [.. TagsOf(Required(input, "ResourceId")).Select(Tag)]),
            "DescribeAccount" => new JsonObject { ["Account"] = Account(Org.Account(Required(input, "AccountId")) ?? throw Error("AccountNotFoundException", "You specified an account that doesn't exist.")) },
            _ => throw AwsErrors.InvalidAction(AwsProtocol.Json, action, "2016-11-28"),
        };
        return output.ToJsonString();
    }

    private JsonObject Root() => new()
    {
        ["Id"] = Org.RootId,
        ["Arn"] = Org.RootArn,
        ["Name"] = "Root",
        ["PolicyTypes"] = new JsonArray(),
    };

    private JsonObject Account(OrgAccount account) => new()
    {
        ["Id"] = account.Id,
        ["Arn"] = Org.AccountArn(account.Id),
        ["Email"] = account.Email,
        ["Name"] = account.Name,
        ["Status"] = account.Status,
        ["State"] = account.State,
        ["JoinedMethod"] = account.JoinedMethod,
        ["JoinedTimestamp"] = account.JoinedTimestamp.ToUnixTimeMilliseconds() / 1000.0,
    };

    private JsonObject Unit(OrgUnit unit) => new() { ["Id"] = unit.Id, ["Arn"] = Org.UnitArn(unit.Id), ["Name"] = unit.Name };

    private static JsonObject Tag(KeyValuePair<string, string> tag) => new() { ["Key"] = tag.Key, ["Value"] = tag.Value };

    private IReadOnlyDictionary<string, string> TagsOf(string resourceId)
    {
        if (Org.Account(resourceId) is { } account)
        {
            return account.Tags;
        }

        if (Org.Unit(resourceId) is { } unit)
        {
            return unit.Tags ?? new Dictionary<string, string>();
        }

        return resourceId == Org.RootId
            ? new Dictionary<string, string>()
            : throw Error("TargetNotFoundException", "We can't find a resource with the ResourceId that you specified.");
    }

    private string Parent(JsonObject input)
    {
        var parentId = Required(input, "ParentId");
        return Org.IsParent(parentId) ? parentId : throw Error("ParentNotFoundException", "We can't find a root or OU with the ParentId that you specified.");
    }

    // ListAccounts and friends accept MaxResults 1..20; AWS may return fewer items than asked even
    // with more to come, so clients must follow NextToken until it is absent.
    private static JsonObject Paged(JsonObject input, string member, IReadOnlyList<JsonObject> all)
    {
        var maxResults = 20;
        if (input["MaxResults"] is JsonValue value)
        {
            maxResults = value.TryGetValue<int>(out var number) && number is >= 1 and <= 20
                ? number
                : throw InvalidInput("MAX_LIMIT_EXCEEDED_FILTER", "You provided a value that does not match the required pattern.");
        }

        var token = input["NextToken"]?.GetValue<string>();
        var page = Page<JsonObject>.Of(all, token, maxResults, () => InvalidInput("INVALID_NEXT_TOKEN", "You specified an invalid value for nextToken."));
        var output = new JsonObject { [member] = new JsonArray([.. page.Items]) };
        if (page.NextMarker is { } next)
        {
            output["NextToken"] = next;
        }

        return output;
    }

    private static string Required(JsonObject input, string name) =>
        input[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw InvalidInput("INPUT_REQUIRED", $"You provided a value that does not match the required pattern. Field {name} is required.");

    private static AwsServiceException InvalidInput(string reason, string message) =>
        new("InvalidInputException", $"{message} ({reason})", HttpStatusCode.BadRequest);

    private static AwsServiceException Error(string type, string message) => new(type, message, HttpStatusCode.BadRequest);
}
