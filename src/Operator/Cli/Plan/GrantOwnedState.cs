using IrOperator.Iam.Desired;
using IrOperator.Iam.Planning;
using IrOperator.Iam.Policies;

namespace IrOperator.Cli.Plan;

/// <summary>
/// The part of a role's IAM state that grants own: the trust statements of open grants (Sid <c>IrGrant...</c>)
/// and the end-of-access denies (<see cref="EndOfAccessPolicy.Name"/>). The operator builds them from the
/// grants in its cache, which `plan` does not read; a ResponderRole change leaves them as they are, so the
/// plan carries what IAM shows into the desired state rather than planning their removal (docs/gitops.md,
/// "Grants in a plan"). Expiry removes them later, whatever the manifests say.
/// </summary>
public static class GrantOwnedState
{
    public static DesiredRole Keep(DesiredRole desired, ObservedRole? observed)
    {
        ArgumentNullException.ThrowIfNull(desired);
        if (observed is null)
        {
            return desired;
        }

        var grantStatements = PolicyDocument.TryParse(observed.AssumeRolePolicyDocument, out var trust, out _)
            ? trust.Statements.Where(s => s.Sid?.StartsWith("IrGrant", StringComparison.Ordinal) == true).ToList()
            : [];
        var result = desired;
        if (grantStatements.Count > 0)
        {
            // As TrustPolicies.Build: the dormant deny only stands while no other statement does.
            var own = desired.TrustPolicy.Statements.Where(s => s.Sid != TrustPolicies.DormantSid);
            result = result with { TrustPolicy = desired.TrustPolicy with { Statements = [.. own, .. grantStatements.OrderBy(s => s.Sid, StringComparer.Ordinal)] } };
        }

        if (!desired.InlinePolicies.ContainsKey(EndOfAccessPolicy.Name)
            && observed.InlinePolicies.TryGetValue(EndOfAccessPolicy.Name, out var json)
            && PolicyDocument.TryParse(json, out var ends, out _))
        {
            result = result with
            {
                InlinePolicies = new Dictionary<string, PolicyDocument>(desired.InlinePolicies, StringComparer.Ordinal) { [EndOfAccessPolicy.Name] = ends },
            };
        }

        return result;
    }
}
