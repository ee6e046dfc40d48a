namespace IrOperator.Sandbox.Kube.Authorization;

/// <summary>
/// Whether one set of RBAC rules covers another (the RBAC validation package's Covers): each rule to
/// grant is broken into one verb, group, resource (or URL) and name at a time, and each piece must be
/// covered by some rule already held. What is missing is described as the server describes it
/// (rbacv1helpers.CompactString), pieces of one resource with different verbs merged.
/// </summary>
public static class RuleCoverage
{
    public static IReadOnlyList<string> Missing(IReadOnlyList<PolicyRule> owner, IReadOnlyList<PolicyRule> wanted)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(wanted);
        var missing = BreakDown(wanted).Where(piece => !owner.Any(o => Covers(o, piece))).ToList();
        var compacted = new List<PolicyRule>();
        foreach (var piece in missing)
        {
            var same = compacted.FindIndex(c => c.NonResourceUrls.Count == 0 && piece.NonResourceUrls.Count == 0 && c.ResourceNames.Count == 0
                                                && piece.ResourceNames.Count == 0 && c.ApiGroups.SequenceEqual(piece.ApiGroups) && c.Resources.SequenceEqual(piece.Resources));
            if (same >= 0)
            {
                compacted[same] = compacted[same] with { Verbs = [.. compacted[same].Verbs, .. piece.Verbs] };
            }
            else
            {
                compacted.Add(piece);
            }
        }

        return compacted.Select(Describe).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary><c>{APIGroups:["iroperator.io"], Resources:["responderroles"], Verbs:["patch"]}</c>, as Go prints it.</summary>
    public static string Describe(PolicyRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var parts = new List<string>();
        void Add(string name, IReadOnlyList<string> values)
        {
            if (values.Count > 0)
            {
                parts.Add($"{name}:[{string.Join(' ', values.Select(v => $"\"{v}\""))}]");
            }
        }

        Add("APIGroups", rule.ApiGroups);
        Add("Resources", rule.Resources);
        Add("NonResourceURLs", rule.NonResourceUrls);
        Add("ResourceNames", rule.ResourceNames);
        Add("Verbs", rule.Verbs);
        return "{" + string.Join(", ", parts) + "}";
    }

    private static IEnumerable<PolicyRule> BreakDown(IEnumerable<PolicyRule> rules)
    {
        foreach (var rule in rules)
        {
            foreach (var verb in rule.Verbs)
            {
                foreach (var url in rule.NonResourceUrls)
                {
                    yield return new PolicyRule([verb], [], [], [], [url]);
                }

                foreach (var group in rule.ApiGroups)
                {
                    foreach (var resource in rule.Resources)
                    {
                        if (rule.ResourceNames.Count == 0)
                        {
                            yield return new PolicyRule([verb], [group], [resource], [], []);
                        }

                        foreach (var name in rule.ResourceNames)
                        {
                            yield return new PolicyRule([verb], [group], [resource], [name], []);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Whether <paramref name="owner"/> covers one broken-down piece (ruleCovers).</summary>
    private static bool Covers(PolicyRule owner, PolicyRule piece)
    {
        var verb = owner.Verbs.Contains(PolicyRule.All) || piece.Verbs.All(owner.Verbs.Contains);
        var group = owner.ApiGroups.Contains(PolicyRule.All) || piece.ApiGroups.All(owner.ApiGroups.Contains);
        var resource = owner.Resources.Contains(PolicyRule.All) || piece.Resources.All(r =>
            owner.Resources.Contains(r) || (r.Contains('/', StringComparison.Ordinal) && owner.Resources.Contains("*/" + r.Split('/', 2)[1])));
        var url = owner.NonResourceUrls.Contains(PolicyRule.All) || piece.NonResourceUrls.All(u =>
            owner.NonResourceUrls.Any(o => o == u || (o.EndsWith('*') && u.StartsWith(o[..^1], StringComparison.Ordinal))));
        var names = owner.ResourceNames.Count == 0 || (piece.ResourceNames.Count > 0 && piece.ResourceNames.All(owner.ResourceNames.Contains));
        return verb && group && resource && url && names;
    }
}
