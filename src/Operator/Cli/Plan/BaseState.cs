using IrOperator.Iam.Desired;
using IrOperator.Iam.Planning;

namespace IrOperator.Cli.Plan;

/// <summary>
/// The IAM roles the base manifests (<c>--base</c>, e.g. the pull request's target branch) would have made:
/// each role's desired state in each account it selects, as the <see cref="ObservedRole"/> a read after the
/// operator applied it would return. Planning the head manifests against it shows exactly what the change
/// does, offline (docs/gitops.md, "Modes").
/// </summary>
public static class BaseState
{
    public static ObservedRole Observed(DesiredRole desired, string account)
    {
        ArgumentNullException.ThrowIfNull(desired);
        return new ObservedRole
        {
            RoleName = desired.RoleName,
            Arn = desired.ArnIn(account),
            Path = desired.Path,
            Description = desired.Description,
            MaxSessionDuration = desired.MaxSessionDuration,
            AssumeRolePolicyDocument = desired.TrustPolicy.ToJson(),
            PermissionsBoundaryArn = desired.PermissionsBoundaryArn,
            Tags = desired.Tags,
            InlinePolicies = desired.InlinePolicies.ToDictionary(pair => pair.Key, pair => pair.Value.ToJson(), StringComparer.Ordinal),
            AttachedPolicyArns = [.. desired.ManagedPolicyArns],
        };
    }
}
