using IrOperator.Resources;
using k8s.Models;

namespace IrOperator.Benchmarks.ResponderRoles;

/// <summary>
/// The ResponderRoles a scenario applies: the SecurityAnalyst preset, standing trust for an Identity Center
/// permission set of the management account (MFA and source identity required), a team tag, and every
/// account of the organization tagged <c>ir-managed=true</c> (so the inventory resolves the selection).
/// </summary>
internal static class BenchRoles
{
    public const string ClusterId = "bench";

    public static ResponderRole Object(int index) => new()
    {
        Metadata = new V1ObjectMeta { Name = Name(index) },
        Spec = new ResponderRoleSpec
        {
            Description = "Benchmark role (security analyst preset)",
            Preset = RolePreset.SecurityAnalyst,
            MaxSessionDuration = "4h",
            Accounts = new AccountSelector { Tags = new Dictionary<string, string> { [BenchOrganization.SelectorTag] = "true" } },
            Trust = new TrustSpec
            {
                Principals = [$"arn:aws:iam::{BenchOrganization.ManagementAccountId}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_SecurityAnalyst_*"],
            },
            Tags = new Dictionary<string, string> { ["team"] = $"team-{index % 5}" },
        },
    };

    public static string Name(int index) => $"bench-{index:D3}";
}
