using System.Collections.Immutable;
using System.Net;
using System.Xml.Linq;
using IrOperator.Sandbox.Aws.Policy;
using IrOperator.Sandbox.Aws.Protocol;

namespace IrOperator.Sandbox.Aws.Iam;

/// <summary>
/// Managed policies: AWS managed ones (read-only, from <see cref="ManagedPolicyCatalog"/>) and the
/// customer managed policies of the caller's account with their versions, quotas and IAM's errors
/// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html and the pages it links).
/// </summary>
public sealed partial class IamService
{
    private XElement CreatePolicy(IamCall call)
    {
        var name = IamValidation.PolicyName(call.Request.Required("PolicyName"));
        var path = IamValidation.Path(call.Request.Optional("Path") ?? "/");
        var json = IamValidation.PolicyDocument(call.Request.Required("PolicyDocument"), "policyDocument");
        var description = call.Request.Optional("Description") is { } text ? IamValidation.Description(text) : null;
        var tags = call.Request.Pairs("Tags").Select((tag, index) => IamValidation.Tag(tag, index + 1)).ToImmutableList();
        var arn = $"arn:{call.Account.Partition}:iam::{call.Account.AccountId}:policy{path}{name}";
        Authorize(call, arn, context => context.WithRequestTags(tags.Select(tag => KeyValuePair.Create(tag.Key, tag.Value))));
        var document = ParsePermissions(json);
        CheckTags(tags);
        lock (call.Account.Sync)
        {
            if (call.Account.PolicyNamed(name) is not null)
            {
                throw new AwsServiceException("EntityAlreadyExists", $"A policy called {name} already exists. Duplicate names are not allowed.", HttpStatusCode.Conflict);
            }

            if (call.Account.Policies.Count >= state.Limits.CustomerManagedPoliciesPerAccount)
            {
                throw Limit($"Cannot exceed quota for PoliciesPerAccount: {state.Limits.CustomerManagedPoliciesPerAccount}");
            }

            var now = state.Now;
            var policy = new ManagedPolicy(
                arn, name, path, Identity.CredentialStore.UniqueId("ANPA"), description, now, now, "v1",
                [new ManagedPolicyVersion("v1", json, document, now)], tags);
            call.Account.WritePolicy(name, policy);
            return Xml.Result("CreatePolicy", IamXmlWriter.Policy(policy, 0, 0, full: false));
        }
    }

    private XElement GetPolicy(IamCall call)
    {
        var arn = PolicyArnOf(call);
        Authorize(call, arn);
        lock (call.Account.Sync)
        {
            var policy = FindPolicy(call, arn);
            return Xml.Result("GetPolicy", IamXmlWriter.Policy(policy, call.Account.AttachmentCount(arn), call.Account.BoundaryUsageCount(arn), full: true));
        }
    }

    private XElement GetPolicyVersion(IamCall call)
    {
        var arn = PolicyArnOf(call);
        var versionId = VersionIdOf(call);
        Authorize(call, arn);
        var policy = FindPolicy(call, arn);
        var version = policy.Version(versionId) ?? throw NoSuchVersion(arn, versionId);
        return Xml.Result("GetPolicyVersion", IamXmlWriter.PolicyVersion(policy, version, withDocument: true));
    }

    private XElement ListPolicyVersions(IamCall call)
    {
        var arn = PolicyArnOf(call);
        var maxItems = IamValidation.MaxItems(call.Request.OptionalInt("MaxItems"));
        Authorize(call, arn);
        var policy = FindPolicy(call, arn);
        var page = Paginate([.. policy.Versions.Reverse()], call, maxItems);
        return Xml.Result(
            "ListPolicyVersions",
            Xml.Members("Versions", page.Items.Select(version => (object)IamXmlWriter.PolicyVersion(policy, version, withDocument: false).Elements().ToArray())),
            IamXmlWriter.Paging(page));
    }

    private XElement ListPolicies(IamCall call)
    {
        var scope = call.Request.Optional("Scope") ?? "All";
        if (scope is not ("All" or "AWS" or "Local"))
        {
            throw AwsErrors.Validation($"1 validation error detected: Value '{scope}' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]");
        }

        var usage = call.Request.Optional("PolicyUsageFilter");
        if (usage is not (null or "PermissionsPolicy" or "PermissionsBoundary"))
        {
            throw AwsErrors.Validation($"1 validation error detected: Value '{usage}' at 'policyUsageFilter' failed to satisfy constraint: Member must satisfy enum value set: [PermissionsPolicy, PermissionsBoundary]");
        }

        var onlyAttached = string.Equals(call.Request.Optional("OnlyAttached"), "true", StringComparison.OrdinalIgnoreCase);
        var prefix = IamValidation.PathPrefix(call.Request.Optional("PathPrefix") ?? "/");
        var maxItems = IamValidation.MaxItems(call.Request.OptionalInt("MaxItems"));
        Authorize(call, $"arn:{call.Account.Partition}:iam::{call.Account.AccountId}:policy/");
        List<(ManagedPolicy Policy, int Attachments, int BoundaryUses)> listed;
        lock (call.Account.Sync)
        {
            IEnumerable<ManagedPolicy> candidates = scope switch
            {
                "AWS" => ManagedPolicyCatalog.All,
                "Local" => call.Account.Policies,
                _ => [.. ManagedPolicyCatalog.All, .. call.Account.Policies],
            };
            listed = [.. candidates
                .Where(policy => policy.Path.StartsWith(prefix, StringComparison.Ordinal))
                .Select(policy => (policy, call.Account.AttachmentCount(policy.Arn), call.Account.BoundaryUsageCount(policy.Arn)))
                .Where(entry => !onlyAttached || entry.Item2 + entry.Item3 > 0)
                .Where(entry => usage switch
                {
                    "PermissionsPolicy" => entry.Item2 > 0 || !onlyAttached,
                    "PermissionsBoundary" => entry.Item3 > 0 || !onlyAttached,
                    _ => true,
                })];
        }

        var page = Paginate(listed, call, maxItems);
        return Xml.Result(
            "ListPolicies",
            Xml.Members("Policies", page.Items.Select(entry => (object)IamXmlWriter.Policy(entry.Policy, entry.Attachments, entry.BoundaryUses, full: false).Elements().ToArray())),
            IamXmlWriter.Paging(page));
    }

    private XElement? DeletePolicy(IamCall call)
    {
        var arn = PolicyArnOf(call);
        Authorize(call, arn);
        lock (call.Account.Sync)
        {
            var policy = FindCustomerPolicy(call, arn);
            if (call.Account.AttachmentCount(arn) + call.Account.BoundaryUsageCount(arn) > 0)
            {
                throw DeleteConflict("Cannot delete a policy attached to entities.");
            }

            if (policy.Versions.Count > 1)
            {
                throw DeleteConflict("This policy has more than one version. Before you delete a policy, you must delete the policy's versions.");
            }

            call.Account.WritePolicy(policy.Name, null);
        }

        return null;
    }

    private XElement CreatePolicyVersion(IamCall call)
    {
        var arn = PolicyArnOf(call);
        var json = IamValidation.PolicyDocument(call.Request.Required("PolicyDocument"), "policyDocument");
        var setAsDefault = string.Equals(call.Request.Optional("SetAsDefault"), "true", StringComparison.OrdinalIgnoreCase);
        Authorize(call, arn);
        var document = ParsePermissions(json);
        lock (call.Account.Sync)
        {
            var policy = FindCustomerPolicy(call, arn);
            if (policy.Versions.Count >= state.Limits.VersionsPerPolicy)
            {
                throw Limit($"A managed policy can have up to {state.Limits.VersionsPerPolicy} versions. Before you create a new version, you must delete an existing version.");
            }

            var now = state.Now;
            var version = new ManagedPolicyVersion($"v{policy.NextVersion}", json, document, now);
            var changed = policy with
            {
                Versions = policy.Versions.Add(version),
                NextVersion = policy.NextVersion + 1,
                DefaultVersionId = setAsDefault ? version.VersionId : policy.DefaultVersionId,
                UpdateDate = setAsDefault ? now : policy.UpdateDate,
            };
            call.Account.WritePolicy(policy.Name, changed);
            return Xml.Result("CreatePolicyVersion", IamXmlWriter.PolicyVersion(changed, version, withDocument: false));
        }
    }

    private XElement? DeletePolicyVersion(IamCall call)
    {
        var arn = PolicyArnOf(call);
        var versionId = VersionIdOf(call);
        Authorize(call, arn);
        lock (call.Account.Sync)
        {
            var policy = FindCustomerPolicy(call, arn);
            var version = policy.Version(versionId) ?? throw NoSuchVersion(arn, versionId);
            if (version.VersionId == policy.DefaultVersionId)
            {
                throw DeleteConflict("Cannot delete the default version of a policy.");
            }

            call.Account.WritePolicy(policy.Name, policy with { Versions = policy.Versions.Remove(version) });
        }

        return null;
    }

    private XElement? SetDefaultPolicyVersion(IamCall call)
    {
        var arn = PolicyArnOf(call);
        var versionId = VersionIdOf(call);
        Authorize(call, arn);
        lock (call.Account.Sync)
        {
            var policy = FindCustomerPolicy(call, arn);
            _ = policy.Version(versionId) ?? throw NoSuchVersion(arn, versionId);
            call.Account.WritePolicy(policy.Name, policy with { DefaultVersionId = versionId, UpdateDate = state.Now });
        }

        return null;
    }

    /// <summary>
    /// The policy <paramref name="arn"/> names for an attachment or a boundary: an AWS managed policy
    /// or one of the caller's account; anything else is NoSuchEntity with IAM's text.
    /// </summary>
    private string AttachablePolicy(IamCall call, string arn) => state.FindPolicy(call.Account.AccountId, arn) is not null
        ? arn
        : throw NoSuchEntity($"Policy {arn} does not exist or is not attachable.");

    private static string PolicyArnOf(IamCall call)
    {
        var arn = IamValidation.PolicyArn(call.Request.Required("PolicyArn"));
        return AwsArn.TryParse(arn, out var parsed) && parsed.Service == "iam" && parsed.Resource.StartsWith("policy/", StringComparison.Ordinal)
            ? arn
            : throw new AwsServiceException("InvalidInput", $"ARN {arn} is not valid.", HttpStatusCode.BadRequest);
    }

    private static string VersionIdOf(IamCall call)
    {
        var versionId = call.Request.Required("VersionId");
        return System.Text.RegularExpressions.Regex.IsMatch(versionId, @"^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$")
            ? versionId
            : throw AwsErrors.PatternMismatch("versionId", versionId, @"v[1-9][0-9]*(\.[A-Za-z0-9-]*)?");
    }

    private ManagedPolicy FindPolicy(IamCall call, string arn) =>
        state.FindPolicy(call.Account.AccountId, arn) ?? throw NoSuchEntity($"Policy {arn} was not found.");

    // AWS managed policies cannot be changed or deleted; IAM answers as for an unknown policy of the account.
    private static ManagedPolicy FindCustomerPolicy(IamCall call, string arn) =>
        call.Account.Policy(arn) ?? throw NoSuchEntity($"Policy {arn} was not found.");

    private PolicyDocument ParsePermissions(string json)
    {
        var document = Malformed(() => PolicyDocument.Parse(json).ValidateAsIdentityPolicy());
        return PolicySize.Count(json) > state.Limits.ManagedPolicySize
            ? throw Limit($"Cannot exceed quota for PolicySize: {state.Limits.ManagedPolicySize}")
            : document;
    }

    private static AwsServiceException NoSuchVersion(string arn, string versionId) =>
        NoSuchEntity($"Policy {arn} version {versionId} does not exist or is not attachable.");

    private static AwsServiceException DeleteConflict(string message) => new("DeleteConflict", message, HttpStatusCode.Conflict);
}
