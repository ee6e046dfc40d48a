namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>
/// IAM's evaluation within one set of policies: an explicit Deny wins, then an Allow, else the
/// request is implicitly denied. (SCPs, permissions boundaries and session policies are not modelled.)
/// </summary>
public static class PolicyEvaluator
{
    public const string AssumeRoleAction = "sts:AssumeRole";
    public const string SetSourceIdentityAction = "sts:SetSourceIdentity";

    /// <summary>
    /// Evaluates a role's trust policy for <paramref name="context"/> (Principal, Action and
    /// Condition; a trust policy has no Resource). When an sts:AssumeRole request carries a source
    /// identity (the context key sts:SourceIdentity: the one requested, or the one a chained session
    /// already has, which AWS carries over), IAM also requires sts:SetSourceIdentity to be allowed by
    /// the trust policy. The request is then evaluated for both actions: an explicit deny of either
    /// denies, both must be allowed, and otherwise it is an implicit deny. This is why the operator's
    /// grant statement lists both actions.
    /// </summary>
    public static Decision EvaluateTrust(PolicyDocument trust, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(context);
        var decision = Evaluate([trust], context, matchPrincipal: true);
        var setsSourceIdentity = string.Equals(context.Action, AssumeRoleAction, StringComparison.OrdinalIgnoreCase)
            && context.ValuesOf(ContextKeys.StsSourceIdentity).Count > 0;
        if (!setsSourceIdentity || decision.Kind == DecisionKind.ExplicitDeny)
        {
            return decision;
        }

        var sourceIdentity = Evaluate([trust], context with { Action = SetSourceIdentityAction }, matchPrincipal: true);
        return sourceIdentity.Kind switch
        {
            DecisionKind.ExplicitDeny => sourceIdentity,
            DecisionKind.Allow when decision.IsAllowed => decision,
            _ => Decision.ImplicitDeny,
        };
    }

    /// <summary>Evaluates the identity (permissions) policies of the caller for <paramref name="context"/>.</summary>
    public static Decision EvaluateIdentity(IEnumerable<PolicyDocument> policies, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(context);
        return Evaluate(policies, context, matchPrincipal: false);
    }

    private static Decision Evaluate(IEnumerable<PolicyDocument> policies, RequestContext context, bool matchPrincipal)
    {
        Decision? allow = null;
        foreach (var policy in policies)
        {
            foreach (var statement in policy.Statements)
            {
                if (!Applies(statement, policy.SupportsVariables, context, matchPrincipal))
                {
                    continue;
                }

                if (statement.Effect == PolicyEffect.Deny)
                {
                    return Decision.ExplicitDeny(statement.Sid);
                }

                allow ??= Decision.Allow(statement.Sid);
            }
        }

        return allow ?? Decision.ImplicitDeny;
    }

    private static bool Applies(PolicyStatement statement, bool variables, RequestContext context, bool matchPrincipal) =>
        (!matchPrincipal || PrincipalApplies(statement, context.Caller))
        && ActionApplies(statement, context.Action)
        && ResourceApplies(statement, variables, context)
        && statement.Conditions.All(clause => ConditionEvaluator.Evaluate(clause, context, variables));

    private static bool PrincipalApplies(PolicyStatement statement, CallerIdentity caller) =>
        statement.Principal is not null
            ? PrincipalMatcher.Matches(statement.Principal, caller)
            : statement.NotPrincipal is not null && !PrincipalMatcher.IsExempt(statement.NotPrincipal, caller);

    // Action names are case-insensitive in IAM ("IAM:getrole" is iam:GetRole).
    private static bool ActionApplies(PolicyStatement statement, string action) =>
        statement.Actions is not null
            ? statement.Actions.Any(pattern => WildcardPattern.IsMatch(pattern, action, ignoreCase: true))
            : statement.NotActions is not null && !statement.NotActions.Any(pattern => WildcardPattern.IsMatch(pattern, action, ignoreCase: true));

    private static bool ResourceApplies(PolicyStatement statement, bool variables, RequestContext context)
    {
        if (statement.Resources is null && statement.NotResources is null)
        {
            // A trust policy has no Resource element: its resource is the role itself.
            return true;
        }

        bool Matches(string pattern)
        {
            var resolved = variables ? PolicyVariables.Substitute(pattern, context) : pattern;
            return resolved is not null && ArnPattern.IsMatch(resolved, context.Resource);
        }

        return statement.Resources is not null ? statement.Resources.Any(Matches) : !statement.NotResources!.Any(Matches);
    }
}
