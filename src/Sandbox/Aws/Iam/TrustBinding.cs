using System.Collections.Immutable;
using System.Text.Json.Nodes;
using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Sandbox.Aws.Iam;

/// <summary>
/// IAM binds a trust policy's user and role ARNs to those principals' unique ids when the policy is
/// written. If the principal is deleted, the policy keeps the id: GetRole then shows the id (AIDA...,
/// AROA...) where the ARN was, and a principal created again under the same ARN has a new id and is
/// not trusted. A trust on the account root narrowed by aws:PrincipalArn is a string comparison and
/// keeps working (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles).
/// </summary>
public static class TrustBinding
{
    /// <summary>The ids of the user and role ARNs <paramref name="trust"/> names, as <paramref name="uniqueIdOf"/> resolves them now.</summary>
    public static ImmutableDictionary<string, string> Bind(PolicyDocument trust, Func<string, string?> uniqueIdOf)
    {
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(uniqueIdOf);
        var ids = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var arn in trust.Statements.SelectMany(statement => Arns(statement.Principal).Concat(Arns(statement.NotPrincipal))))
        {
            if (uniqueIdOf(arn) is { } id)
            {
                ids[arn] = id;
            }
        }

        return ids.ToImmutable();
    }

    /// <summary>The ARNs whose principal is gone or has another id now, mapped to the id the policy holds.</summary>
    public static IReadOnlyDictionary<string, string> Stale(IamRole role, Func<string, string?> uniqueIdOf)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(uniqueIdOf);
        return role.TrustPrincipalIds.Where(pair => uniqueIdOf(pair.Key) != pair.Value).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
    }

    /// <summary>The trust policy as IAM evaluates it: stale ARNs replaced by the ids they were bound to, which match no caller.</summary>
    public static PolicyDocument Effective(IamRole role, Func<string, string?> uniqueIdOf)
    {
        ArgumentNullException.ThrowIfNull(role);
        var stale = Stale(role, uniqueIdOf);
        if (stale.Count == 0)
        {
            return role.TrustPolicy;
        }

        PrincipalSet? Replace(PrincipalSet? set) => set is null || set.IsAnyone ? set : set with
        {
            Entries = set.Entries.ToDictionary(
                entry => entry.Key,
                entry => (IReadOnlyList<string>)[.. entry.Value.Select(value => entry.Key == PrincipalSet.Aws && stale.TryGetValue(value, out var id) ? id : value)],
                StringComparer.Ordinal),
        };

        return role.TrustPolicy with
        {
            Statements = [.. role.TrustPolicy.Statements.Select(statement => statement with { Principal = Replace(statement.Principal), NotPrincipal = Replace(statement.NotPrincipal) })],
        };
    }

    /// <summary>The trust policy text as GetRole returns it: stale ARNs replaced by the ids.</summary>
    public static string Display(IamRole role, Func<string, string?> uniqueIdOf)
    {
        ArgumentNullException.ThrowIfNull(role);
        var stale = Stale(role, uniqueIdOf);
        if (stale.Count == 0 || JsonNode.Parse(role.TrustPolicyJson) is not JsonObject root)
        {
            return role.TrustPolicyJson;
        }

        var statements = root["Statement"] switch
        {
            JsonArray array => array.OfType<JsonObject>().ToList(),
            JsonObject single => [single],
            _ => [],
        };
        foreach (var statement in statements)
        {
            foreach (var element in new[] { "Principal", "NotPrincipal" })
            {
                if (statement[element] is JsonObject principal && principal["AWS"] is { } aws)
                {
                    principal["AWS"] = aws switch
                    {
                        JsonArray values => new JsonArray([.. values.Select(value => (JsonNode?)JsonValue.Create(Shown(value?.GetValue<string>())))]),
                        _ => JsonValue.Create(Shown(aws.GetValue<string>())),
                    };
                }
            }
        }

        return root.ToJsonString();

        string? Shown(string? value) => value is not null && stale.TryGetValue(value, out var id) ? id : value;
    }

    private static IEnumerable<string> Arns(PrincipalSet? set) =>
        set is null ? [] : set.ValuesOf(PrincipalSet.Aws).Where(value => AwsArn.TryParse(value, out var arn) && arn.Service == "iam"
            && (arn.Resource.StartsWith("user/", StringComparison.Ordinal) || arn.Resource.StartsWith("role/", StringComparison.Ordinal)));
}
