using IrOperator.Iam.Desired;
using IrOperator.Iam.Policies;
using IrOperator.Resources;

namespace IrOperator.Iam.Planning;

/// <summary>
/// The one planner (the reconciler and the <c>plan</c> CLI share it): a pure function from the
/// desired role and the observed one to the minimal ordered list of IAM writes. Documents are
/// compared semantically and always written whole from the desired state, never patched from what
/// IAM returned. Ordering never leaves the role more open than both the old and the new state
/// (docs/iam-model.md, "Plan order"): what closes access goes first, what opens it last.
/// </summary>
public static class RolePlanner
{
    public static RolePlan Plan(DesiredRole desired, ObservedRole? observed, PlanContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(desired);
        context ??= PlanContext.None;
        if (observed is null)
        {
            if (context.Recent.RoleCreatedAt is { } created && context.Now - created < context.PropagationWindow)
            {
                // Created moments ago and not visible yet: never a second CreateRole.
                return new RolePlan(desired.RoleName, PlanOutcome.AwaitingPropagation, [])
                {
                    Message = "the role was created and is not visible yet",
                    Propagating = ["role"],
                };
            }

            return new RolePlan(desired.RoleName, PlanOutcome.Create, Create(desired));
        }

        if (desired.Owner.WhyNotOwned(observed.Tags) is { } why)
        {
            return new RolePlan(desired.RoleName, PlanOutcome.NotOwned, []) { Message = why };
        }

        if (!string.Equals(observed.Path, desired.Path, StringComparison.Ordinal))
        {
            return new RolePlan(desired.RoleName, PlanOutcome.Replace, [.. DeleteSteps(observed), .. Create(desired)])
            {
                Message = $"the role is at path {observed.Path}, the spec says {desired.Path}; IAM cannot move a role, so it is deleted and created again",
            };
        }

        return Update(desired, observed, context);
    }

    /// <summary>
    /// Deletion per <paramref name="policy"/>: Delete detaches managed policies, deletes inline
    /// policies (the end-of-access denies last, so no session is freed early) and the role; Retain
    /// removes only the ownership tags. A role this owner does not own is left alone (NotOwned).
    /// </summary>
    public static RolePlan PlanDeletion(string roleName, RoleOwner owner, ObservedRole? observed, DeletionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (observed is null)
        {
            return new RolePlan(roleName, PlanOutcome.Absent, []);
        }

        if (owner.WhyNotOwned(observed.Tags) is { } why)
        {
            return new RolePlan(roleName, PlanOutcome.NotOwned, []) { Message = why };
        }

        return policy == DeletionPolicy.Retain
            ? new RolePlan(roleName, PlanOutcome.Release, [new UntagRoleStep(observed.RoleName, RoleOwner.TagKeys)
                {
                    Previous = RoleOwner.TagKeys.Where(observed.Tags.ContainsKey).ToDictionary(key => key, key => observed.Tags[key], StringComparer.Ordinal),
                }])
            : new RolePlan(roleName, PlanOutcome.Delete, DeleteSteps(observed));
    }

    private static List<PlanStep> Create(DesiredRole desired)
    {
        List<PlanStep> steps =
        [
            new CreateRoleStep(desired.RoleName, desired.Path, desired.TrustPolicy, desired.Description, desired.MaxSessionDuration,
                desired.PermissionsBoundaryArn, desired.Tags),
        ];
        // The end-of-access denies before any permission, then the permissions.
        steps.AddRange(desired.InlinePolicies
            .OrderBy(pair => pair.Key == EndOfAccessPolicy.Name ? 0 : 1)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new PutRolePolicyStep(desired.RoleName, pair.Key, pair.Value, null, "added")));
        steps.AddRange(desired.ManagedPolicyArns.Order(StringComparer.Ordinal).Select(arn => new AttachRolePolicyStep(desired.RoleName, arn)));
        return steps;
    }

    private static List<PlanStep> DeleteSteps(ObservedRole observed)
    {
        var steps = new List<PlanStep>();
        steps.AddRange(observed.AttachedPolicyArns.Order(StringComparer.Ordinal).Select(arn => new DetachRolePolicyStep(observed.RoleName, arn)));
        steps.AddRange(observed.InlinePolicies
            .OrderBy(pair => pair.Key == EndOfAccessPolicy.Name ? 1 : 0)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new DeleteRolePolicyStep(observed.RoleName, pair.Key, TryParse(pair.Value))));
        steps.Add(new DeleteRoleStep(observed.RoleName));
        return steps;
    }

    private static RolePlan Update(DesiredRole desired, ObservedRole observed, PlanContext context)
    {
        var name = observed.RoleName;
        var propagating = new List<string>();

        // Trust: written whole when it differs semantically (an unreadable document always differs).
        UpdateAssumeRolePolicyStep? trustStep = null;
        var observedTrust = TryParse(observed.AssumeRolePolicyDocument);
        if (!desired.TrustPolicy.SemanticallyEquals(observedTrust))
        {
            // Only while the spec still wants what was written: a newer desired document is written at once.
            var recentTrust = Recent(context, DocumentKeys.Trust);
            if (observedTrust is not null && desired.TrustPolicy.SemanticallyEquals(recentTrust?.After)
                && Propagation.IsPropagation(observedTrust, recentTrust, context.Now, context.PropagationWindow))
            {
                propagating.Add("trust policy");
            }
            else
            {
                var difference = observedTrust is null ? "replaced an unreadable document" : DocumentDiff.Describe(observedTrust, desired.TrustPolicy);
                trustStep = new UpdateAssumeRolePolicyStep(name, desired.TrustPolicy, observedTrust, difference);
            }
        }

        var trustNarrows = trustStep is not null && DocumentDiff.Narrows(trustStep.Previous, desired.TrustPolicy);

        // Inline policies.
        var endOfAccess = new List<PlanStep>();
        var puts = new List<PlanStep>();
        foreach (var (policyName, document) in desired.InlinePolicies.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var before = observed.InlinePolicies.TryGetValue(policyName, out var json) ? TryParse(json) : null;
            var present = json is not null;
            if (present && document.SemanticallyEquals(before))
            {
                continue;
            }

            var recent = Recent(context, DocumentKeys.Inline(policyName));
            if ((!present || before is not null) && document.SemanticallyEquals(recent?.After)
                && Propagation.IsPropagation(present ? before : null, recent, context.Now, context.PropagationWindow))
            {
                propagating.Add("inline policy " + policyName);
                continue;
            }

            var difference = !present ? "added" : before is null ? "replaced an unreadable document" : DocumentDiff.Describe(before, document);
            var step = new PutRolePolicyStep(name, policyName, document, before, difference);
            (policyName == EndOfAccessPolicy.Name ? endOfAccess : puts).Add(step);
        }

        var deletes = new List<PlanStep>();
        foreach (var (policyName, json) in observed.InlinePolicies
                     .Where(pair => !desired.InlinePolicies.ContainsKey(pair.Key))
                     .OrderBy(pair => pair.Key == EndOfAccessPolicy.Name ? 1 : 0)
                     .ThenBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var before = TryParse(json);
            var recent = Recent(context, DocumentKeys.Inline(policyName));
            // A policy the operator just deleted that still shows is propagation; one it just wrote is not.
            if (recent is { After: null } && before is not null && Propagation.IsPropagation(before, recent, context.Now, context.PropagationWindow))
            {
                propagating.Add("inline policy " + policyName);
                continue;
            }

            deletes.Add(new DeleteRolePolicyStep(name, policyName, before));
        }

        // Other values: what still shows the operator's previous write is propagation, not drift.
        bool Stale(string key, string? observedValue, string? desiredValue, string what)
        {
            if (context.Recent.Values.TryGetValue(key, out var write) && string.Equals(write.After, desiredValue, StringComparison.Ordinal)
                && write.IsPropagation(observedValue, context.Now, context.PropagationWindow))
            {
                propagating.Add(what);
                return true;
            }

            return false;
        }

        // Managed policies: a set difference.
        var desiredArns = desired.ManagedPolicyArns.ToHashSet(StringComparer.Ordinal);
        var observedArns = observed.AttachedPolicyArns.ToHashSet(StringComparer.Ordinal);
        var detaches = observedArns.Where(arn => !desiredArns.Contains(arn)).Order(StringComparer.Ordinal)
            .Where(arn => !Stale(ValueKeys.Managed(arn), ValueKeys.Attached, null, "managed policy " + arn))
            .Select(arn => (PlanStep)new DetachRolePolicyStep(name, arn)).ToList();
        var attaches = desiredArns.Where(arn => !observedArns.Contains(arn)).Order(StringComparer.Ordinal)
            .Where(arn => !Stale(ValueKeys.Managed(arn), null, ValueKeys.Attached, "managed policy " + arn))
            .Select(arn => (PlanStep)new AttachRolePolicyStep(name, arn)).ToList();

        // Boundary: setting or changing one may narrow, removing one widens.
        PlanStep? putBoundary = null;
        PlanStep? deleteBoundary = null;
        if (!string.Equals(desired.PermissionsBoundaryArn, observed.PermissionsBoundaryArn, StringComparison.Ordinal)
            && !Stale(ValueKeys.Boundary, observed.PermissionsBoundaryArn, desired.PermissionsBoundaryArn, "permissions boundary"))
        {
            if (desired.PermissionsBoundaryArn is { } boundary)
            {
                putBoundary = new PutRolePermissionsBoundaryStep(name, boundary, observed.PermissionsBoundaryArn);
            }
            else
            {
                deleteBoundary = new DeleteRolePermissionsBoundaryStep(name, observed.PermissionsBoundaryArn!);
            }
        }

        // Description and session duration: one UpdateRole for both.
        var descriptionChanged = !string.Equals(desired.Description ?? "", observed.Description ?? "", StringComparison.Ordinal)
            && !Stale(ValueKeys.Description, observed.Description ?? "", desired.Description ?? "", "description");
        var sessionChanged = desired.MaxSessionDuration != observed.MaxSessionDuration
            && !Stale(ValueKeys.MaxSessionDuration, observed.MaxSessionDuration.ToString(System.Globalization.CultureInfo.InvariantCulture),
                desired.MaxSessionDuration.ToString(System.Globalization.CultureInfo.InvariantCulture), "max session duration");
        PlanStep? updateRole = descriptionChanged || sessionChanged
            ? new UpdateRoleStep(name, descriptionChanged ? desired.Description ?? "" : null, sessionChanged ? desired.MaxSessionDuration : null)
            {
                PreviousDescription = observed.Description ?? "",
                PreviousMaxSessionDuration = observed.MaxSessionDuration,
            }
            : null;

        // Tags: TagRole for added or changed values, UntagRole for keys the spec no longer has. Keys
        // under aws: belong to AWS and cannot be removed.
        string? ObservedTag(string key) => observed.Tags.TryGetValue(key, out var value) ? value : null;
        var tagChanges = desired.Tags
            .Where(tag => ObservedTag(tag.Key) != tag.Value && !Stale(ValueKeys.Tag(tag.Key), ObservedTag(tag.Key), tag.Value, "tag " + tag.Key))
            .ToDictionary(tag => tag.Key, tag => tag.Value, StringComparer.Ordinal);
        var untag = observed.Tags.Keys
            .Where(key => !desired.Tags.ContainsKey(key) && !key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            .Where(key => !Stale(ValueKeys.Tag(key), ObservedTag(key), null, "tag " + key))
            .Order(StringComparer.Ordinal)
            .ToList();

        var steps = new List<PlanStep>();
        if (trustNarrows)
        {
            steps.Add(trustStep!);
        }

        steps.AddRange(endOfAccess);
        Add(steps, putBoundary);
        steps.AddRange(detaches);
        steps.AddRange(deletes);
        steps.AddRange(puts);
        steps.AddRange(attaches);
        Add(steps, deleteBoundary);
        Add(steps, updateRole);
        if (tagChanges.Count > 0)
        {
            steps.Add(new TagRoleStep(name, tagChanges)
            {
                Previous = tagChanges.Keys.Where(observed.Tags.ContainsKey).ToDictionary(key => key, key => observed.Tags[key], StringComparer.Ordinal),
            });
        }

        if (untag.Count > 0)
        {
            steps.Add(new UntagRoleStep(name, untag)
            {
                Previous = untag.ToDictionary(key => key, key => observed.Tags[key], StringComparer.Ordinal),
            });
        }

        // Opening trust is the last write: whoever it lets in finds the role complete.
        if (trustStep is not null && !trustNarrows)
        {
            steps.Add(trustStep);
        }

        var outcome = steps.Count > 0 ? PlanOutcome.Update : propagating.Count > 0 ? PlanOutcome.AwaitingPropagation : PlanOutcome.InSync;
        return new RolePlan(desired.RoleName, outcome, steps) { Propagating = propagating };
    }

    private static void Add(List<PlanStep> steps, PlanStep? step)
    {
        if (step is not null)
        {
            steps.Add(step);
        }
    }

    private static RecentWrite? Recent(PlanContext context, string key) =>
        context.Recent.Documents.TryGetValue(key, out var write) ? write : null;

    private static PolicyDocument? TryParse(string json) => PolicyDocument.TryParse(json, out var document, out _) ? document : null;
}
