using IrOperator.Sandbox.Aws.Iam;
using IrOperator.Sandbox.Aws.Identity;
using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Sandbox.Aws.Authorization;

/// <summary>
/// Decides a call the way IAM does within one account: the caller's identity policies, its role's
/// permissions boundary and its session's session policies (<see cref="PolicyEvaluator.EvaluateEffective"/>):
/// an explicit deny in any wins, and each one present must allow. The root user is always allowed
/// (no SCPs here). A session is judged by its role's policies as they are visible now, so a deny added
/// to a role cuts off sessions already issued (after the consistency delay), which is what the
/// operator relies on; managed policies are evaluated at their current default version.
/// </summary>
public sealed class Authorizer(AwsEmulatorState state)
{
    /// <param name="caller">Who signed the request.</param>
    /// <param name="action">The action, e.g. <c>iam:GetRole</c>.</param>
    /// <param name="resource">The resource ARN.</param>
    /// <param name="addKeys">Adds the request's own condition keys (request tags, sts:ExternalId ...).</param>
    /// <param name="allowedByResource">
    /// A same-account resource policy (a trust policy) names the caller directly and allows the call:
    /// then no identity policy is needed, but explicit denies, the boundary and session policies still apply.
    /// </param>
    public Decision Decide(
        EmulatedPrincipal caller, string action, string resource, Func<RequestContext, RequestContext>? addKeys = null, bool allowedByResource = false)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Identity.Kind == CallerKind.Root)
        {
            return Decision.Allow(null);
        }

        var context = RequestContext.Create(state.ContextIdentityOf(caller), action, resource, state.Now);
        if (addKeys is not null)
        {
            context = addKeys(context);
        }

        return PolicyEvaluator.EvaluateEffective(PoliciesOf(caller), context, allowedByResource);
    }

    private EffectivePolicies PoliciesOf(EmulatedPrincipal caller)
    {
        if (caller.UserName is { } userName)
        {
            return new EffectivePolicies(state.Account(caller.AccountId)?.User(userName)?.Policies ?? []);
        }

        // A session belongs to the role it was issued for (by unique id): a role deleted and created
        // again under the same name does not lend its policies to the old role's sessions.
        if (caller.RoleName is { } roleName && state.VisibleRole(caller.AccountId, roleName) is { } role
            && caller.UserId.StartsWith(role.RoleId + ":", StringComparison.Ordinal))
        {
            IReadOnlyList<PolicyDocument> identity =
            [
                .. role.InlinePolicies.Values.Select(policy => policy.Document),
                .. role.AttachedPolicyArns.Select(arn => state.FindPolicy(role.AccountId, arn)?.Document).OfType<PolicyDocument>(),
            ];

            // A boundary whose policy has gone allows nothing (IAM refuses to delete an attached boundary policy anyway).
            var boundary = role.PermissionsBoundaryArn is { } arn
                ? state.FindPolicy(role.AccountId, arn)?.Document ?? DenyAll
                : null;
            return new EffectivePolicies(identity, boundary, caller.SessionPolicies);
        }

        return new EffectivePolicies([], null, caller.SessionPolicies);
    }

    private static readonly PolicyDocument DenyAll =
        PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}""").ValidateAsIdentityPolicy();
}
