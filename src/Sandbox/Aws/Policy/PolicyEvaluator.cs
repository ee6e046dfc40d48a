namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>
/// IAM's evaluation: within one set of policies an explicit Deny wins, then an Allow, else the
/// request is implicitly denied; across the caller's identity policies, permissions boundary and
/// session policies (<see cref="EvaluateEffective"/>) an explicit deny in any wins and every one
/// present must allow, as in
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html (SCPs are not modelled).
/// </summary>
public static class PolicyEvaluator
{
    public const string AssumeRoleAction = "sts:AssumeRole";
    public const string SetSourceIdentityAction = "sts:SetSourceIdentity";
    public const string TagSessionAction = "sts:TagSession";

    /// <summary>
    /// Evaluates a role's trust policy for <paramref name="context"/> (Principal, Action and
    /// Condition; a trust policy has no Resource). When an sts:AssumeRole request carries a source
    /// identity (the context key sts:SourceIdentity: the one requested, or the one a chained session
    /// already has, which AWS carries over), IAM also requires sts:SetSourceIdentity to be allowed by
    /// the trust policy, and with session tags sts:TagSession (see <see cref="AlsoRequired"/>). The
    /// request is then evaluated for each action: an explicit deny of any denies, all must be allowed,
    /// and otherwise it is an implicit deny. This is why the operator's grant statement lists them.
    /// <paramref name="directOnly"/> counts only statements that name the caller's own ARN (not its
    /// account or everyone): in the same account such a trust needs no identity policy.
    /// </summary>
    public static Decision EvaluateTrust(PolicyDocument trust, RequestContext context, bool directOnly = false)
    {
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(context);
        var decision = Evaluate([trust], context, directOnly ? PrincipalMatch.Direct : PrincipalMatch.Any);
        if (!string.Equals(context.Action, AssumeRoleAction, StringComparison.OrdinalIgnoreCase) || decision.Kind == DecisionKind.ExplicitDeny)
        {
            return decision;
        }

        foreach (var action in AlsoRequired(context))
        {
            var also = Evaluate([trust], context with { Action = action }, directOnly ? PrincipalMatch.Direct : PrincipalMatch.Any);
            if (also.Kind == DecisionKind.ExplicitDeny)
            {
                return also;
            }

            if (!also.IsAllowed)
            {
                decision = Decision.ImplicitDeny;
            }
        }

        return decision;
    }

    /// <summary>
    /// The actions an sts:AssumeRole request needs besides sts:AssumeRole, read from its context:
    /// sts:SetSourceIdentity when it carries a source identity (sts:SourceIdentity), sts:TagSession when it
    /// passes session tags or carries transitive ones (aws:TagKeys, sts:TransitiveTagKeys).
    /// </summary>
    public static IReadOnlyList<string> AlsoRequired(RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var actions = new List<string>();
        if (context.ValuesOf(ContextKeys.StsSourceIdentity).Count > 0)
        {
            actions.Add(SetSourceIdentityAction);
        }

        if (context.ValuesOf(ContextKeys.TagKeys).Count > 0 || context.ValuesOf(ContextKeys.StsTransitiveTagKeys).Count > 0)
        {
            actions.Add(TagSessionAction);
        }

        return actions;
    }

    /// <summary>
    /// The caller's effective permissions for <paramref name="context"/>: an explicit deny in the identity
    /// policies, the permissions boundary or the session policies denies; otherwise the identity
    /// policies must allow (unless <paramref name="allowedByResource"/>: a same-account resource policy
    /// naming the caller already allowed it) and the boundary and the session policies, where present,
    /// must allow too. The decision names the policy type that denied, for IAM's message.
    /// </summary>
    public static Decision EvaluateEffective(EffectivePolicies policies, RequestContext context, bool allowedByResource = false)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(context);
        var identity = Evaluate(policies.Identity, context, PrincipalMatch.None);
        var boundary = policies.PermissionsBoundary is { } document
            ? Evaluate([document], context, PrincipalMatch.None) with { Source = DecisionSource.PermissionsBoundary }
            : null;
        var session = policies.SessionPolicies is { } sessionPolicies
            ? Evaluate(sessionPolicies, context, PrincipalMatch.None) with { Source = DecisionSource.SessionPolicy }
            : null;
        Decision?[] all = [identity, boundary, session];
        if (all.FirstOrDefault(decision => decision?.Kind == DecisionKind.ExplicitDeny) is { } deny)
        {
            return deny;
        }

        if (!allowedByResource && !identity.IsAllowed)
        {
            return identity;
        }

        if (boundary is { IsAllowed: false })
        {
            return boundary;
        }

        if (session is { IsAllowed: false })
        {
            return session;
        }

        return allowedByResource ? Decision.Allow(null) with { Source = DecisionSource.Resource } : identity;
    }

    /// <summary>Evaluates the identity (permissions) policies of the caller for <paramref name="context"/>.</summary>
    public static Decision EvaluateIdentity(IEnumerable<PolicyDocument> policies, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(context);
        return Evaluate(policies, context, PrincipalMatch.None);
    }

    private static Decision Evaluate(IEnumerable<PolicyDocument> policies, RequestContext context, PrincipalMatch principals)
    {
        Decision? allow = null;
        foreach (var policy in policies)
        {
            foreach (var statement in policy.Statements)
            {
                if (!Applies(statement, policy.SupportsVariables, context, principals))
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

    private static bool Applies(PolicyStatement statement, bool variables, RequestContext context, PrincipalMatch principals) =>
        (principals == PrincipalMatch.None || PrincipalApplies(statement, context.Caller, principals == PrincipalMatch.Direct))
        && ActionApplies(statement, context.Action)
        && ResourceApplies(statement, variables, context)
        && statement.Conditions.All(clause => ConditionEvaluator.Evaluate(clause, context, variables));

    // Direct: only a Principal that names the caller's own ARN (user, role or session), not its
    // account or everyone; NotPrincipal never names anyone directly.
    private static bool PrincipalApplies(PolicyStatement statement, CallerIdentity caller, bool direct) =>
        statement.Principal is not null
            ? (direct ? PrincipalMatcher.NamesDirectly(statement.Principal, caller) : PrincipalMatcher.Matches(statement.Principal, caller))
            : !direct && statement.NotPrincipal is not null && !PrincipalMatcher.IsExempt(statement.NotPrincipal, caller);

    private enum PrincipalMatch
    {
        None,
        Any,
        Direct,
    }

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
