using System.Globalization;

namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>
/// What IAM evaluates a request against: the caller, the action (<c>sts:AssumeRole</c>,
/// <c>iam:GetRole</c> ...), the resource ARN, and the condition keys as a case-insensitive map of
/// key to values. Build it with <see cref="Create"/>, which fills the global keys from the caller
/// and the time the way AWS does, and add request-specific keys with <see cref="With"/>.
/// </summary>
public sealed record RequestContext(
    CallerIdentity Caller,
    string Action,
    string Resource,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Keys)
{
    /// <summary>
    /// The context AWS builds for <paramref name="caller"/> at <paramref name="now"/>.
    /// Keys AWS leaves out are left out here too, because conditions on a missing key behave
    /// differently (see <see cref="ConditionEvaluator"/>): aws:TokenIssueTime and aws:SourceIdentity
    /// exist only for sessions, and aws:MultiFactorAuthPresent is absent for long-term access keys
    /// (the reason IAM recommends BoolIfExists with false rather than Bool with true).
    /// </summary>
    public static RequestContext Create(CallerIdentity caller, string action, string resource, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var keys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            [ContextKeys.CurrentTime] = [PolicyDate.Format(now)],
            [ContextKeys.EpochTime] = [now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)],
            [ContextKeys.PrincipalArn] = [caller.PrincipalArn],
            [ContextKeys.PrincipalAccount] = [caller.AccountId],
            [ContextKeys.PrincipalType] = [PrincipalTypeOf(caller.Kind)],
        };
        if (caller.UserId is { } userId)
        {
            keys[ContextKeys.UserId] = [userId];
        }

        if (caller.PrincipalOrgId is { } organization)
        {
            keys[ContextKeys.PrincipalOrgId] = [organization];
        }

        foreach (var (key, value) in caller.PrincipalTags)
        {
            keys[ContextKeys.PrincipalTagPrefix + key] = [value];
        }

        if (caller.Kind == CallerKind.User)
        {
            keys[ContextKeys.Username] = [caller.Arn[(caller.Arn.LastIndexOf('/') + 1)..]];
        }

        if (caller.SourceIdentity is not null)
        {
            keys[ContextKeys.SourceIdentity] = [caller.SourceIdentity];
        }

        if (caller.TokenIssueTime is { } issued)
        {
            keys[ContextKeys.TokenIssueTime] = [PolicyDate.Format(issued)];
        }

        if (caller.MultiFactorAuthPresent is { } mfa)
        {
            keys[ContextKeys.MultiFactorAuthPresent] = [mfa ? "true" : "false"];
        }

        return new RequestContext(caller, action, resource, keys);
    }

    /// <summary>A copy with <paramref name="key"/> set to <paramref name="values"/> (replacing any earlier values).</summary>
    public RequestContext With(string key, params string[] values)
    {
        var keys = new Dictionary<string, IReadOnlyList<string>>(Keys, StringComparer.OrdinalIgnoreCase) { [key] = values };
        return this with { Keys = keys };
    }

    /// <summary>
    /// A copy with the tags of a request: aws:RequestTag/KEY for each and aws:TagKeys with all keys
    /// (nothing when there are no tags, so conditions on them see missing keys).
    /// </summary>
    public RequestContext WithRequestTags(IEnumerable<KeyValuePair<string, string>> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var list = tags.ToList();
        if (list.Count == 0)
        {
            return this;
        }

        var keys = new Dictionary<string, IReadOnlyList<string>>(Keys, StringComparer.OrdinalIgnoreCase)
        {
            [ContextKeys.TagKeys] = [.. list.Select(tag => tag.Key)],
        };
        foreach (var (key, value) in list)
        {
            keys[ContextKeys.RequestTagPrefix + key] = [value];
        }

        return this with { Keys = keys };
    }

    /// <summary>A copy without <paramref name="key"/>.</summary>
    public RequestContext Without(string key)
    {
        var keys = new Dictionary<string, IReadOnlyList<string>>(Keys, StringComparer.OrdinalIgnoreCase);
        keys.Remove(key);
        return this with { Keys = keys };
    }

    /// <summary>The values of <paramref name="key"/>; empty when the request has no such key.</summary>
    public IReadOnlyList<string> ValuesOf(string key)
    {
        if (Keys.TryGetValue(key, out var values))
        {
            return values;
        }

        // Keys given to the constructor directly may not use a case-insensitive comparer.
        foreach (var pair in Keys)
        {
            if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Value;
            }
        }

        return [];
    }

    private static string PrincipalTypeOf(CallerKind kind) => kind switch
    {
        CallerKind.Root => "Account",
        CallerKind.User => "User",
        CallerKind.AssumedRole => "AssumedRole",
        CallerKind.Federated => "FederatedUser",
        _ => "Service",
    };
}
