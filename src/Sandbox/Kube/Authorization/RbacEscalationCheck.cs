using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Admission;
using IrOperator.Sandbox.Kube.Errors;
using IrOperator.Sandbox.Kube.Security;

namespace IrOperator.Sandbox.Kube.Authorization;

/// <summary>
/// RBAC's escalation prevention (the rbac registry's policy-based storage): writing a Role or
/// ClusterRole needs every permission it grants, or the <c>escalate</c> verb on it; writing a binding
/// needs every permission of its role, or the <c>bind</c> verb on that role. system:masters may do
/// anything; an aggregationRule needs cluster-admin. A refusal is the server's 403.
/// </summary>
public sealed class RbacEscalationCheck : IAdmissionCheck
{
    private readonly RbacAuthorizer _rbac;

    public RbacEscalationCheck(RbacAuthorizer rbac) => _rbac = rbac ?? throw new ArgumentNullException(nameof(rbac));

    public void Admit(AdmissionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = request.Resource;
        if (type.Group != RbacAuthorizer.Group || request.Object is not { } obj || request.Operation == "DELETE" || request.User.InGroup(KubeUser.MastersGroup))
        {
            return;
        }

        switch (type.Plural)
        {
            case "roles" or "clusterroles":
                if (Allowed(request, "escalate", type.Plural, request.Name))
                {
                    return;
                }

                if (obj["aggregationRule"] is JsonObject)
                {
                    throw Refuse(request, "must have cluster-admin privileges to use the aggregationRule");
                }

                ConfirmNoEscalation(request, PolicyRule.ListFromJson(obj["rules"]));
                return;
            case "rolebindings" or "clusterrolebindings":
                var kind = obj["roleRef"]?["kind"]?.GetValue<string>() ?? "";
                var roleName = obj["roleRef"]?["name"]?.GetValue<string>() ?? "";
                var rolePlural = kind == "Role" ? "roles" : "clusterroles";
                if (Allowed(request, "bind", rolePlural, roleName))
                {
                    return;
                }

                var errors = new List<string>();
                var rules = _rbac.RoleRules(kind, request.Namespace, roleName, errors)
                            ?? throw StatusObjects.NotFound($"{rolePlural}.{RbacAuthorizer.Group} \"{roleName}\" not found");
                ConfirmNoEscalation(request, rules);
                return;
        }
    }

    private static KubeApiException Refuse(AdmissionRequest request, string why) =>
        new(StatusObjects.Failure(403, "Forbidden", $"{request.Resource.QualifiedPlural} \"{request.Name}\" is forbidden: {why}",
            new JsonObject { ["name"] = request.Name, ["group"] = RbacAuthorizer.Group, ["kind"] = request.Resource.Plural }));

    private bool Allowed(AdmissionRequest request, string verb, string plural, string name) =>
        _rbac.Authorize(RequestAttributes.ForResource(request.User, verb, RbacAuthorizer.Group, plural, ns: request.Namespace, name: name)).Allowed;

    private void ConfirmNoEscalation(AdmissionRequest request, IReadOnlyList<PolicyRule> wanted)
    {
        var errors = new List<string>();
        var held = _rbac.RulesFor(request.User, request.Namespace, errors).SelectMany(s => s.Rules).ToList();
        var missing = RuleCoverage.Missing(held, wanted);
        if (missing.Count == 0)
        {
            return;
        }

        var user = request.User;
        var why = $"user \"{user.Username}\" (groups=[{string.Join(' ', user.Groups.Select(g => $"\"{g}\""))}]) is attempting to grant RBAC permissions not currently held:\n{string.Join('\n', missing)}";
        if (errors.Count > 0)
        {
            why += $"; resolution errors: [{string.Join(", ", errors)}]";
        }

        throw Refuse(request, why);
    }
}
