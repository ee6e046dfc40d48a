using System.Text.RegularExpressions;
using IrOperator.Iam.Policies;
using IrOperator.Resources;

namespace IrOperator.Iam.Desired;

/// <summary>
/// Turns a ResponderRole (plus the active grants in one account) into the <see cref="DesiredRole"/>,
/// catching before any call what IAM would refuse: malformed inline documents, reserved names,
/// sizes over IAM's quotas, too many managed policies, an invalid boundary ARN, an out-of-range
/// session duration. Built for one account (<see cref="DesiredRoleOptions.AccountId"/>), it resolves that
/// account's permissions boundary (<see cref="PermissionsBoundary"/>). Every error names its field. Pure: no I/O, no clock. See docs/iam-model.md.
/// </summary>
public static partial class DesiredRoleBuilder
{
    private const string ReservedPrefix = "iroperator";
    private const string ReservedTagPrefix = "iroperator.io/";

    public static DesiredRoleResult Build(ResponderRole role, RoleAccess access, DesiredRoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(options);
        var spec = role.Spec;
        var errors = new List<PolicyError>();

        var maxSession = MaxSessionDuration(spec.MaxSessionDuration, errors);
        var inline = InlinePolicies(spec, access, options, errors);
        var managed = ManagedPolicies(spec, options, errors);
        var boundary = PermissionsBoundary.For(spec.PermissionsBoundaryArn, options.DefaultPermissionsBoundary, options.AccountId, errors);
        var trust = Trust(spec, access, options, errors);
        var owner = RoleOwner.ForResponderRole(role.Metadata?.Name ?? "", options.ClusterId);
        var tags = Tags(spec, owner, options, errors);

        if (errors.Count > 0 || trust is null)
        {
            return new DesiredRoleResult(null, errors);
        }

        return new DesiredRoleResult(
            new DesiredRole
            {
                RoleName = role.IamRoleName,
                Path = spec.Path,
                Description = string.IsNullOrEmpty(spec.Description) ? null : spec.Description,
                MaxSessionDuration = maxSession,
                TrustPolicy = trust,
                InlinePolicies = inline,
                ManagedPolicyArns = managed,
                PermissionsBoundaryArn = boundary,
                Tags = tags,
                Owner = owner,
            },
            []);
    }

    private static int MaxSessionDuration(string text, List<PolicyError> errors)
    {
        if (GoDuration.TryParse(text, out var duration) && duration >= TimeSpan.FromHours(1) && duration <= TimeSpan.FromHours(12))
        {
            return (int)duration.TotalSeconds;
        }

        errors.Add(new PolicyError("spec.maxSessionDuration", $"\"{text}\" must be a duration from 1h to 12h"));
        return 3600;
    }

    private static SortedDictionary<string, PolicyDocument> InlinePolicies(
        ResponderRoleSpec spec, RoleAccess access, DesiredRoleOptions options, List<PolicyError> errors)
    {
        var policies = new SortedDictionary<string, PolicyDocument>(StringComparer.Ordinal);
        foreach (var (name, document) in Presets.Presets.For(spec.Preset, options.Presets))
        {
            policies[name] = document;
        }

        var presetSize = policies.Values.Sum(document => document.Size);
        var userSize = 0;
        foreach (var (name, node) in (spec.InlinePolicies ?? new Dictionary<string, System.Text.Json.Nodes.JsonObject>())
                     .OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var field = "spec.inlinePolicies." + name;
            if (name.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new PolicyError(field, "names starting with \"iroperator\" are reserved for the operator's own policies"));
                continue;
            }

            if (!PolicyNameRegex().IsMatch(name))
            {
                errors.Add(new PolicyError(field, "a policy name is 1-128 of A-Z a-z 0-9 _+=,.@-"));
                continue;
            }

            var policyErrors = PolicyValidator.ValidateIdentityPolicy(node, field, out var parsed);
            if (policyErrors.Count > 0)
            {
                errors.AddRange(policyErrors);
                continue;
            }

            policies[name] = parsed!;
            userSize += parsed!.Size;
        }

        var endSize = 0;
        if (EndOfAccessPolicy.Build(access.Ends) is { } ends)
        {
            policies[EndOfAccessPolicy.Name] = ends;
            endSize = ends.Size;
        }

        var total = presetSize + userSize + endSize;
        if (total > options.InlinePoliciesSizeQuota)
        {
            errors.Add(new PolicyError("spec.inlinePolicies",
                $"the role's inline policies total {total} characters (preset {presetSize}, inlinePolicies {userSize}, end-of-access denies {endSize}), " +
                $"over IAM's quota of {options.InlinePoliciesSizeQuota} per role (white space is not counted)"));
        }

        return policies;
    }

    private static List<string> ManagedPolicies(ResponderRoleSpec spec, DesiredRoleOptions options, List<PolicyError> errors)
    {
        var arns = (spec.ManagedPolicyArns ?? []).Distinct(StringComparer.Ordinal).ToList();
        for (var i = 0; i < arns.Count; i++)
        {
            if (!ManagedPolicyArnRegex().IsMatch(arns[i]))
            {
                errors.Add(new PolicyError($"spec.managedPolicyArns[{i}]", $"\"{arns[i]}\" is not an IAM managed policy ARN (arn:aws:iam::aws:policy/... or arn:aws:iam::<account>:policy/...)"));
            }
        }

        if (arns.Count > options.ManagedPoliciesPerRoleQuota)
        {
            errors.Add(new PolicyError("spec.managedPolicyArns",
                $"{arns.Count} managed policies, over IAM's quota of {options.ManagedPoliciesPerRoleQuota} per role"));
        }

        return arns;
    }

    private static PolicyDocument? Trust(ResponderRoleSpec spec, RoleAccess access, DesiredRoleOptions options, List<PolicyError> errors)
    {
        StandingTrust? standing = null;
        if (spec.Trust is { } trust)
        {
            var bad = false;
            for (var i = 0; i < trust.Principals.Count; i++)
            {
                if (!PrincipalArnRegex().IsMatch(trust.Principals[i]) && !IdentityCenterRoleRegex().IsMatch(trust.Principals[i]))
                {
                    errors.Add(new PolicyError($"spec.trust.principals[{i}]", $"\"{trust.Principals[i]}\" is not an IAM role or user ARN"));
                    bad = true;
                }
            }

            if (bad)
            {
                return null;
            }

            standing = new StandingTrust([.. trust.Principals], trust.RequireMfa, trust.RequireSourceIdentity);
        }

        var document = TrustPolicies.Build(standing, access.Grants);
        var size = document.Size;
        if (size > options.TrustPolicySizeQuota)
        {
            var field = access.Grants.Count == 0 ? "spec.trust.principals" : "trust policy";
            errors.Add(new PolicyError(field,
                $"the trust policy is {size} characters ({access.Grants.Count} grant statements), over the quota of {options.TrustPolicySizeQuota} " +
                "(IAM's default is 2,048; a raised quota is configured in the operator's settings)"));
        }

        return document;
    }

    private static SortedDictionary<string, string> Tags(ResponderRoleSpec spec, RoleOwner owner, DesiredRoleOptions options, List<PolicyError> errors)
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in spec.Tags ?? new Dictionary<string, string>())
        {
            if (key.StartsWith(ReservedTagPrefix, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new PolicyError("spec.tags." + key, $"tag keys starting with {ReservedTagPrefix} are reserved for the operator"));
                continue;
            }

            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new PolicyError("spec.tags." + key, "tag keys starting with aws: are reserved for AWS"));
                continue;
            }

            // IAM's tagKeyType / tagValueType (letters, spaces, digits and _ . : / = + - @).
            if (key.Length is 0 or > 128 || !TagTextRegex().IsMatch(key))
            {
                errors.Add(new PolicyError("spec.tags." + key, "a tag key is 1-128 letters, digits, spaces and _ . : / = + - @"));
                continue;
            }

            if (value.Length > 256 || !TagTextRegex().IsMatch(value))
            {
                errors.Add(new PolicyError("spec.tags." + key, "a tag value is at most 256 letters, digits, spaces and _ . : / = + - @"));
                continue;
            }

            tags[key] = value;
        }

        foreach (var (key, value) in owner.Tags)
        {
            tags[key] = value;
        }

        if (tags.Count > options.TagsPerRoleQuota)
        {
            errors.Add(new PolicyError("spec.tags", $"{tags.Count} tags with the operator's own, over IAM's quota of {options.TagsPerRoleQuota} per role"));
        }

        return tags;
    }

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$", RegexOptions.CultureInvariant)]
    private static partial Regex TagTextRegex();

    [GeneratedRegex(ResourcePatterns.ManagedPolicyArn, RegexOptions.CultureInvariant)]
    private static partial Regex ManagedPolicyArnRegex();

    [GeneratedRegex(ResourcePatterns.IamPolicyName, RegexOptions.CultureInvariant)]
    private static partial Regex PolicyNameRegex();

    [GeneratedRegex(ResourcePatterns.PrincipalArn, RegexOptions.CultureInvariant)]
    private static partial Regex PrincipalArnRegex();

    [GeneratedRegex(ResourcePatterns.IdentityCenterRoleArnPattern, RegexOptions.CultureInvariant)]
    private static partial Regex IdentityCenterRoleRegex();
}
