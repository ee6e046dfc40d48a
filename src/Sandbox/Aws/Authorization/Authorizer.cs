using IrOperator.Sandbox.Aws.Iam;
using IrOperator.Sandbox.Aws.Identity;
using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Sandbox.Aws.Authorization;

/// <summary>
/// Decides a call the way IAM does within one account's identity policies: an explicit deny wins,
/// then an allow, else an implicit deny. The root user is always allowed (no SCPs here). A session
/// is judged by its role's policies as they are visible now, so a deny added to a role cuts off
/// sessions already issued (after the consistency delay), which is what the operator relies on.
/// </summary>
public sealed class Authorizer(AwsEmulatorState state)
{
    public Decision Decide(EmulatedPrincipal caller, string action, string resource, Func<RequestContext, RequestContext>? addKeys = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Identity.Kind == CallerKind.Root)
        {
            return Decision.Allow(null);
        }

        var context = RequestContext.Create(caller.Identity, action, resource, state.Now);
        if (addKeys is not null)
        {
            context = addKeys(context);
        }

        return PolicyEvaluator.EvaluateIdentity(PoliciesOf(caller), context);
    }

    private IReadOnlyList<PolicyDocument> PoliciesOf(EmulatedPrincipal caller)
    {
        if (caller.UserName is { } userName)
        {
            return state.Account(caller.AccountId)?.User(userName)?.Policies ?? [];
        }

        // A session belongs to the role it was issued for (by unique id): a role deleted and created
        // again under the same name does not lend its policies to the old role's sessions.
        if (caller.RoleName is { } roleName && state.VisibleRole(caller.AccountId, roleName) is { } role
            && caller.UserId.StartsWith(role.RoleId + ":", StringComparison.Ordinal))
        {
            return [.. role.InlinePolicies.Values.Select(policy => policy.Document),
                .. role.AttachedPolicyArns.Select(ManagedPolicyCatalog.Find).OfType<PolicyDocument>()];
        }

        return [];
    }
}
