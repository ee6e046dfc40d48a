using System.Collections.Immutable;
using System.Net;
using System.Xml.Linq;
using IrOperator.Sandbox.Aws.Authorization;
using IrOperator.Sandbox.Aws.Identity;
using IrOperator.Sandbox.Aws.Policy;
using IrOperator.Sandbox.Aws.Protocol;

namespace IrOperator.Sandbox.Aws.Iam;

/// <summary>
/// IAM's role operations over the query protocol, with IAM's checks in IAM's order: parameter
/// validation (ValidationError), authorization (AccessDenied), existence (NoSuchEntity /
/// EntityAlreadyExists), policy grammar (MalformedPolicyDocument), then quotas (LimitExceeded).
/// IAM is global: every call acts on the caller's own account.
/// </summary>
public sealed partial class IamService(AwsEmulatorState state, Authorizer authorizer)
{
    public const string Version = "2010-05-08";

    private static QueryXml Xml => IamXmlWriter.Xml;

    public string Handle(QueryRequest request, EmulatedPrincipal caller, string requestId)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var account = state.Account(caller.AccountId) ?? throw AwsErrors.InvalidClientTokenId(AwsProtocol.Query);
        var action = request.Action;
        var call = new IamCall(request, caller, account);
        XElement? result = action switch
        {
            "CreateRole" => CreateRole(call),
            "GetRole" => GetRole(call),
            "ListRoles" => ListRoles(call),
            "UpdateRole" => UpdateRole(call),
            "UpdateAssumeRolePolicy" => UpdateAssumeRolePolicy(call),
            "DeleteRole" => DeleteRole(call),
            "PutRolePolicy" => PutRolePolicy(call),
            "GetRolePolicy" => GetRolePolicy(call),
            "DeleteRolePolicy" => DeleteRolePolicy(call),
            "ListRolePolicies" => ListRolePolicies(call),
            "AttachRolePolicy" => AttachRolePolicy(call),
            "DetachRolePolicy" => DetachRolePolicy(call),
            "ListAttachedRolePolicies" => ListAttachedRolePolicies(call),
            "TagRole" => TagRole(call),
            "UntagRole" => UntagRole(call),
            "ListRoleTags" => ListRoleTags(call),
            "PutRolePermissionsBoundary" => PutRolePermissionsBoundary(call),
            "DeleteRolePermissionsBoundary" => DeleteRolePermissionsBoundary(call),
            "CreatePolicy" => CreatePolicy(call),
            "GetPolicy" => GetPolicy(call),
            "GetPolicyVersion" => GetPolicyVersion(call),
            "ListPolicies" => ListPolicies(call),
            "ListPolicyVersions" => ListPolicyVersions(call),
            "DeletePolicy" => DeletePolicy(call),
            "CreatePolicyVersion" => CreatePolicyVersion(call),
            "DeletePolicyVersion" => DeletePolicyVersion(call),
            "SetDefaultPolicyVersion" => SetDefaultPolicyVersion(call),
            _ => throw AwsErrors.InvalidAction(AwsProtocol.Query, action, Version),
        };
        return Xml.Response(action, result, requestId);
    }

    private XElement CreateRole(IamCall call)
    {
        var name = IamValidation.RoleName(call.Request.Required("RoleName"));
        var path = IamValidation.Path(call.Request.Optional("Path") ?? "/");
        var trustJson = IamValidation.PolicyDocument(call.Request.Required("AssumeRolePolicyDocument"), "assumeRolePolicyDocument");
        var description = call.Request.Optional("Description") is { } text ? IamValidation.Description(text) : null;
        var maxSession = IamValidation.MaxSessionDuration(call.Request.OptionalInt("MaxSessionDuration") ?? 3600);
        var boundary = call.Request.Optional("PermissionsBoundary") is { } arn ? IamValidation.PolicyArn(arn, "permissionsBoundary") : null;
        var tags = call.Request.Pairs("Tags").Select((tag, index) => IamValidation.Tag(tag, index + 1)).ToImmutableList();
        var roleArn = $"arn:{call.Account.Partition}:iam::{call.Account.AccountId}:role{path}{name}";
        Authorize(call, roleArn, context =>
        {
            context = context.WithRequestTags(tags.Select(tag => KeyValuePair.Create(tag.Key, tag.Value)));
            return boundary is null ? context : context.With(ContextKeys.IamPermissionsBoundary, boundary);
        });
        if (boundary is not null)
        {
            AttachablePolicy(call, boundary);
        }

        var trust = ParseTrust(trustJson);

        // Resolved before taking this account's lock: the principals may live in other accounts.
        var principalIds = TrustBinding.Bind(trust, state.UniqueIdOf);
        CheckTags(tags);
        lock (call.Account.Sync)
        {
            if (call.Account.Latest(name) is not null)
            {
                throw new AwsServiceException("EntityAlreadyExists", $"Role with name {name} already exists.", HttpStatusCode.Conflict);
            }

            if (call.Account.RoleCount >= state.Limits.RolesPerAccount)
            {
                throw Limit($"Cannot exceed quota for RolesPerAccount: {state.Limits.RolesPerAccount}");
            }

            var role = new IamRole(
                call.Account.AccountId, name, path, CredentialStore.UniqueId("AROA"), state.Now, trustJson, trust, description, maxSession,
                boundary, tags, ImmutableSortedDictionary.Create<string, InlinePolicy>(StringComparer.Ordinal), [], call.Account.Partition)
            {
                TrustPrincipalIds = principalIds,
            };
            call.Account.Write(name, state.Now, role);
            return Xml.Result("CreateRole", IamXmlWriter.Role(role, full: true));
        }
    }

    private XElement GetRole(IamCall call)
    {
        var role = Visible(call);
        return Xml.Result("GetRole", IamXmlWriter.Role(role, full: true, TrustBinding.Display(role, state.UniqueIdOf)));
    }

    private XElement ListRoles(IamCall call)
    {
        var prefix = IamValidation.PathPrefix(call.Request.Optional("PathPrefix") ?? "/");
        var maxItems = IamValidation.MaxItems(call.Request.OptionalInt("MaxItems"));
        Authorize(call, $"arn:{call.Account.Partition}:iam::{call.Account.AccountId}:role/");
        var roles = call.Account.VisibleRoles(state.Now, state.Faults.ConsistencyDelay)
            .Where(role => role.Path.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var page = Paginate(roles, call, maxItems);
        return Xml.Result("ListRoles", Xml.Members("Roles", page.Items.Select(role => IamXmlWriter.Role(role, full: false, TrustBinding.Display(role, state.UniqueIdOf)).Elements().ToArray())), IamXmlWriter.Paging(page));
    }

    private XElement UpdateRole(IamCall call)
    {
        var description = call.Request.Optional("Description") is { } text ? IamValidation.Description(text) : null;
        var maxSession = call.Request.OptionalInt("MaxSessionDuration") is { } seconds ? IamValidation.MaxSessionDuration(seconds) : (int?)null;
        Write(call, role => role with { Description = description ?? role.Description, MaxSessionDuration = maxSession ?? role.MaxSessionDuration });
        return Xml.Result("UpdateRole");
    }

    private XElement? UpdateAssumeRolePolicy(IamCall call)
    {
        var json = IamValidation.PolicyDocument(call.Request.Required("PolicyDocument"), "policyDocument");
        var name = IamValidation.RoleName(call.Request.Required("RoleName"));
        AuthorizeOnRole(call, name);
        lock (call.Account.Sync)
        {
            _ = call.Account.Latest(name) ?? throw NoSuchRole(name);
        }

        // Parsed and bound outside this account's lock: checking and binding principals reads other accounts.
        var trust = ParseTrust(json);
        var principalIds = TrustBinding.Bind(trust, state.UniqueIdOf);
        Write(call, role => role with { TrustPolicyJson = json, TrustPolicy = trust, TrustPrincipalIds = principalIds });
        return null;
    }

    private XElement? DeleteRole(IamCall call)
    {
        Write(call, role =>
        {
            if (!role.InlinePolicies.IsEmpty)
            {
                throw new AwsServiceException("DeleteConflict", "Cannot delete entity, must delete policies first.", HttpStatusCode.Conflict);
            }

            if (!role.AttachedPolicyArns.IsEmpty)
            {
                throw new AwsServiceException("DeleteConflict", "Cannot delete entity, must detach all policies first.", HttpStatusCode.Conflict);
            }

            return null;
        });
        return null;
    }

    private XElement? PutRolePolicy(IamCall call)
    {
        var policyName = IamValidation.PolicyName(call.Request.Required("PolicyName"));
        var json = IamValidation.PolicyDocument(call.Request.Required("PolicyDocument"), "policyDocument");
        Write(call, role =>
        {
            var document = Malformed(() => PolicyDocument.Parse(json).ValidateAsIdentityPolicy());
            var policies = role.InlinePolicies.SetItem(policyName, new InlinePolicy(policyName, json, document));
            var size = policies.Values.Sum(policy => policy.Size);
            if (size > state.Limits.InlinePoliciesSizePerRole)
            {
                throw Limit($"Maximum policy size of {state.Limits.InlinePoliciesSizePerRole} bytes exceeded for role {role.Name}");
            }

            return role with { InlinePolicies = policies };
        });
        return null;
    }

    private XElement GetRolePolicy(IamCall call)
    {
        var policyName = IamValidation.PolicyName(call.Request.Required("PolicyName"));
        var role = Visible(call);
        var policy = role.InlinePolicies.GetValueOrDefault(policyName) ?? throw NoSuchEntity($"The role policy with name {policyName} cannot be found.");
        return Xml.Result(
            "GetRolePolicy",
            Xml.E("RoleName", role.Name),
            Xml.E("PolicyName", policy.Name),
            Xml.E("PolicyDocument", Uri.EscapeDataString(policy.Json)));
    }

    private XElement? DeleteRolePolicy(IamCall call)
    {
        var policyName = IamValidation.PolicyName(call.Request.Required("PolicyName"));
        Write(call, role => role.InlinePolicies.ContainsKey(policyName)
            ? role with { InlinePolicies = role.InlinePolicies.Remove(policyName) }
            : throw NoSuchEntity($"The role policy with name {policyName} cannot be found."));
        return null;
    }

    private XElement ListRolePolicies(IamCall call)
    {
        var maxItems = IamValidation.MaxItems(call.Request.OptionalInt("MaxItems"));
        var role = Visible(call);
        var page = Paginate([.. role.InlinePolicies.Keys], call, maxItems);
        return Xml.Result("ListRolePolicies", Xml.Members("PolicyNames", page.Items), IamXmlWriter.Paging(page));
    }

    private XElement? AttachRolePolicy(IamCall call)
    {
        var policyArn = IamValidation.PolicyArn(call.Request.Required("PolicyArn"));
        Write(call, role =>
        {
            AttachablePolicy(call, policyArn);
            if (role.AttachedPolicyArns.Contains(policyArn))
            {
                return role;
            }

            if (role.AttachedPolicyArns.Count >= state.Limits.ManagedPoliciesPerRole)
            {
                throw Limit($"Cannot exceed quota for PoliciesPerRole: {state.Limits.ManagedPoliciesPerRole}");
            }

            return role with { AttachedPolicyArns = role.AttachedPolicyArns.Add(policyArn) };
        });
        return null;
    }

    private XElement? DetachRolePolicy(IamCall call)
    {
        var policyArn = IamValidation.PolicyArn(call.Request.Required("PolicyArn"));
        Write(call, role => role.AttachedPolicyArns.Contains(policyArn)
            ? role with { AttachedPolicyArns = role.AttachedPolicyArns.Remove(policyArn) }
            : throw NoSuchEntity($"Policy {policyArn} was not found."));
        return null;
    }

    private XElement ListAttachedRolePolicies(IamCall call)
    {
        var maxItems = IamValidation.MaxItems(call.Request.OptionalInt("MaxItems"));
        var role = Visible(call);
        var page = Paginate(role.AttachedPolicyArns, call, maxItems);
        return Xml.Result(
            "ListAttachedRolePolicies",
            Xml.Members("AttachedPolicies", page.Items.Select(arn => (object)new[] { Xml.E("PolicyName", ManagedPolicyCatalog.NameOf(arn)), Xml.E("PolicyArn", arn) })),
            IamXmlWriter.Paging(page));
    }

    private XElement? TagRole(IamCall call)
    {
        var tags = call.Request.Pairs("Tags").Select((tag, index) => IamValidation.Tag(tag, index + 1)).ToList();
        if (tags.Count == 0)
        {
            throw AwsErrors.Missing("tags");
        }

        CheckTags(tags);
        Write(call, role =>
        {
            var merged = Merge(role.Tags, tags);
            CheckTags(merged);
            return role with { Tags = merged };
        }, context => context.WithRequestTags(tags.Select(tag => KeyValuePair.Create(tag.Key, tag.Value))));
        return null;
    }

    private XElement? UntagRole(IamCall call)
    {
        // Tag keys are case-insensitive in IAM: untagging "env" removes "Env".
        var keys = call.Request.List("TagKeys").Select((key, index) => IamValidation.TagKey(key, index + 1)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Write(call, role => role with { Tags = role.Tags.RemoveAll(tag => keys.Contains(tag.Key)) }, context => context.With(ContextKeys.TagKeys, [.. keys]));
        return null;
    }

    private XElement ListRoleTags(IamCall call)
    {
        var maxItems = IamValidation.MaxItems(call.Request.OptionalInt("MaxItems"));
        var role = Visible(call);
        var page = Paginate(role.Tags, call, maxItems);
        return Xml.Result("ListRoleTags", IamXmlWriter.Tags(page.Items), IamXmlWriter.Paging(page));
    }

    private XElement? PutRolePermissionsBoundary(IamCall call)
    {
        var boundary = IamValidation.PolicyArn(call.Request.Required("PermissionsBoundary"), "permissionsBoundary");
        Write(call, role => role with { PermissionsBoundaryArn = AttachablePolicy(call, boundary) }, context => context.With(ContextKeys.IamPermissionsBoundary, boundary));
        return null;
    }

    private XElement? DeleteRolePermissionsBoundary(IamCall call)
    {
        Write(call, role => role with { PermissionsBoundaryArn = null });
        return null;
    }

    /// <summary>The role as readers see it (after the consistency delay), authorized on its ARN.</summary>
    private IamRole Visible(IamCall call)
    {
        var name = IamValidation.RoleName(call.Request.Required("RoleName"));
        AuthorizeOnRole(call, name);
        return call.Account.Visible(name, state.Now, state.Faults.ConsistencyDelay) ?? throw NoSuchRole(name);
    }

    /// <summary>Changes the latest version of the role; <paramref name="change"/> returns null to delete it.</summary>
    private void Write(IamCall call, Func<IamRole, IamRole?> change, Func<RequestContext, RequestContext>? addKeys = null)
    {
        var name = IamValidation.RoleName(call.Request.Required("RoleName"));
        AuthorizeOnRole(call, name, addKeys);
        lock (call.Account.Sync)
        {
            var role = call.Account.Latest(name) ?? throw NoSuchRole(name);
            var changed = change(role);
            if (!ReferenceEquals(changed, role))
            {
                call.Account.Write(name, state.Now, changed);
            }
        }
    }

    // IAM authorizes a call on an existing role against its ARN with the path; on a role that does
    // not exist it can only use role/NAME.
    // The role's tags are aws:ResourceTag/* (and iam:ResourceTag/*) of a call on it.
    private void AuthorizeOnRole(IamCall call, string roleName, Func<RequestContext, RequestContext>? addKeys = null)
    {
        IamRole? role;
        lock (call.Account.Sync)
        {
            role = call.Account.Latest(roleName);
        }

        var resource = role?.Arn ?? $"arn:{call.Account.Partition}:iam::{call.Account.AccountId}:role/{roleName}";
        Authorize(call, resource, context =>
        {
            foreach (var tag in role?.Tags ?? [])
            {
                context = context.With(ContextKeys.ResourceTagPrefix + tag.Key, tag.Value).With(ContextKeys.IamResourceTagPrefix + tag.Key, tag.Value);
            }

            return addKeys is null ? context : addKeys(context);
        });
    }

    private void Authorize(IamCall call, string resource, Func<RequestContext, RequestContext>? addKeys = null)
    {
        var action = "iam:" + call.Request.Action;
        var decision = authorizer.Decide(call.Caller, action, resource, addKeys);
        if (!decision.IsAllowed)
        {
            throw AwsErrors.AccessDenied(AwsProtocol.Query, call.Caller.Arn, action, resource, decision);
        }
    }

    private PolicyDocument ParseTrust(string json)
    {
        var trust = Malformed(() => PolicyDocument.Parse(json).ValidateAsTrustPolicy(state.PrincipalExists));
        if (state.Faults.TrustPolicyRefusal(json) is { } refused)
        {
            throw refused;
        }
        var size = PolicySize.Count(json);
        return size > state.Limits.TrustPolicySize
            ? throw Limit($"Cannot exceed quota for ACLSizePerRole: {state.Limits.TrustPolicySize}")
            : trust;
    }

    // The policy engine speaks IAM's messages; here they become IAM's error code.
    private static PolicyDocument Malformed(Func<PolicyDocument> parse)
    {
        try
        {
            return parse();
        }
        catch (MalformedPolicyException error)
        {
            throw new AwsServiceException("MalformedPolicyDocument", error.Message, HttpStatusCode.BadRequest);
        }
    }

    /// <summary>
    /// TagRole's merge: IAM's tag keys are case-insensitive but keep the case they were given, so
    /// tagging <c>env</c> replaces <c>Env</c> (in its place) rather than adding a second key.
    /// </summary>
    public static ImmutableList<IamTag> Merge(ImmutableList<IamTag> existing, IEnumerable<IamTag> added)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(added);
        var merged = existing;
        foreach (var tag in added)
        {
            var index = merged.FindIndex(old => string.Equals(old.Key, tag.Key, StringComparison.OrdinalIgnoreCase));
            merged = index < 0 ? merged.Add(tag) : merged.SetItem(index, tag);
        }

        return merged;
    }

    private void CheckTags(IReadOnlyCollection<IamTag> tags)
    {
        if (tags.Count > state.Limits.TagsPerRole)
        {
            throw Limit($"Cannot exceed quota for TagsPerRole: {state.Limits.TagsPerRole}");
        }

        if (tags.Select(tag => tag.Key.ToUpperInvariant()).Distinct().Count() != tags.Count)
        {
            throw new AwsServiceException("InvalidInput", "Duplicate tag keys found. Please note that Tag keys are case insensitive.", HttpStatusCode.BadRequest);
        }
    }

    private static Page<T> Paginate<T>(IReadOnlyList<T> items, IamCall call, int maxItems) =>
        Page<T>.Of(items, call.Request.Optional("Marker"), maxItems, () => AwsErrors.Validation("Invalid Marker."));

    private static AwsServiceException NoSuchRole(string name) => NoSuchEntity($"The role with name {name} cannot be found.");

    private static AwsServiceException NoSuchEntity(string message) => new("NoSuchEntity", message, HttpStatusCode.NotFound);

    private static AwsServiceException Limit(string message) => new("LimitExceeded", message, HttpStatusCode.Conflict);

    private sealed record IamCall(QueryRequest Request, EmulatedPrincipal Caller, IamAccount Account);
}
