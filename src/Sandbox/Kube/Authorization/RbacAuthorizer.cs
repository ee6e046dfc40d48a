using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Security;
using IrOperator.Sandbox.Kube.Storage;

namespace IrOperator.Sandbox.Kube.Authorization;

/// <summary>
/// The RBAC authorizer (plugin/pkg/auth/authorizer/rbac), reading Roles, ClusterRoles and their
/// bindings from the store on every request, so a change to any of them applies to the next request.
/// system:masters is allowed everything first, as the server's privileged-group authorizer does. See
/// docs/kube-emulator.md, "Authentication, impersonation and RBAC".
/// </summary>
public sealed class RbacAuthorizer
{
    public const string Group = "rbac.authorization.k8s.io";

    private const string ClusterRoleBindings = Group + "/clusterrolebindings";
    private const string RoleBindings = Group + "/rolebindings";
    private const string ClusterRoles = Group + "/clusterroles";
    private const string Roles = Group + "/roles";

    private readonly ObjectStore _store;

    public RbacAuthorizer(ObjectStore store) => _store = store ?? throw new ArgumentNullException(nameof(store));

    public AuthorizationDecision Authorize(RequestAttributes request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.User.InGroup(KubeUser.MastersGroup))
        {
            return AuthorizationDecision.Allow("");
        }

        var errors = new List<string>();
        foreach (var source in RulesFor(request.User, request.Namespace, errors))
        {
            if (source.Rules.Any(r => r.Allows(request)))
            {
                return AuthorizationDecision.Allow($"RBAC: allowed by {source.Description}");
            }
        }

        return AuthorizationDecision.NoOpinion(Reason(errors));
    }

    /// <summary>
    /// The rules that apply to <paramref name="user"/> in <paramref name="ns"/> ("" for cluster scope):
    /// every ClusterRoleBinding naming the user, then every RoleBinding in the namespace naming it.
    /// A binding whose role is missing adds an error (reported as the denial's reason), not a rule.
    /// </summary>
    public IEnumerable<RuleSource> RulesFor(KubeUser user, string ns, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var binding in ListAll(ClusterRoleBindings, null))
        {
            if (MatchingSubject(binding, user, "") is not { } subject)
            {
                continue;
            }

            var (kind, roleName) = RoleRef(binding);
            var rules = kind == "ClusterRole" ? RulesOf(ClusterRoles, "", roleName, "clusterrole", errors) : null;
            if (rules is not null)
            {
                yield return new RuleSource($"ClusterRoleBinding \"{Name(binding)}\" of {kind} \"{roleName}\" to {subject}", rules);
            }
        }

        if (ns.Length == 0)
        {
            yield break;
        }

        foreach (var binding in ListAll(RoleBindings, ns))
        {
            if (MatchingSubject(binding, user, ns) is not { } subject)
            {
                continue;
            }

            var (kind, roleName) = RoleRef(binding);
            var rules = kind switch
            {
                "ClusterRole" => RulesOf(ClusterRoles, "", roleName, "clusterrole", errors),
                "Role" => RulesOf(Roles, ns, roleName, "role", errors),
                _ => null,
            };
            if (rules is not null)
            {
                yield return new RuleSource($"RoleBinding \"{Name(binding)}/{ns}\" of {kind} \"{roleName}\" to {subject}", rules);
            }
        }
    }

    /// <summary>The rules of the role a binding refers to (kind Role in <paramref name="ns"/>, or ClusterRole); null, with an error, when it does not exist.</summary>
    public IReadOnlyList<PolicyRule>? RoleRules(string kind, string ns, string name, List<string> errors) =>
        kind == "Role" ? RulesOf(Roles, ns, name, "role", errors) : RulesOf(ClusterRoles, "", name, "clusterrole", errors);

    /// <summary>"RBAC: x" for one error, "RBAC: [x, y]" for more (Go's error aggregate), "" for none.</summary>
    public static string Reason(IReadOnlyList<string> errors) => errors.Count switch
    {
        0 => "",
        1 => $"RBAC: {errors[0]}",
        _ => $"RBAC: [{string.Join(", ", errors)}]",
    };

    /// <summary>The binding's subject that names the user, described as the server does (<c>Group "ir-responders"</c>), or null.</summary>
    private static string? MatchingSubject(JsonObject binding, KubeUser user, string bindingNamespace)
    {
        foreach (var subject in (binding["subjects"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var kind = Text(subject["kind"]);
            var name = Text(subject["name"]);
            switch (kind)
            {
                case "User" when user.Username == name:
                    return $"User \"{name}\"";
                case "Group" when user.InGroup(name):
                    return $"Group \"{name}\"";
                case "ServiceAccount":
                    // A RoleBinding's service account without a namespace is one of the binding's namespace.
                    var saNamespace = Text(subject["namespace"]) is { Length: > 0 } given ? given : bindingNamespace;
                    if (saNamespace.Length > 0 && user.Username == ServiceAccounts.Username(saNamespace, name))
                    {
                        return $"ServiceAccount \"{name}/{saNamespace}\"";
                    }

                    break;
            }
        }

        return null;
    }

    private IReadOnlyList<PolicyRule>? RulesOf(string storageKey, string ns, string name, string kind, List<string> errors)
    {
        var role = _store.Get(storageKey, ns, name);
        if (role is null)
        {
            errors.Add($"{kind}.{Group} \"{name}\" not found");
            return null;
        }

        return PolicyRule.ListFromJson(role["rules"]);
    }

    private List<JsonObject> ListAll(string storageKey, string? ns) => _store.ListAll(storageKey, ns);

    private static (string Kind, string Name) RoleRef(JsonObject binding) =>
        (Text(binding["roleRef"]?["kind"]), Text(binding["roleRef"]?["name"]));

    private static string Name(JsonObject obj) => Text(obj["metadata"]?["name"]);

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}
