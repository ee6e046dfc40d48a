using System.Text.Json;
using System.Text.Json.Nodes;
using IrOperator.Iam.Planning;
using IrOperator.Iam.Policies;

namespace IrOperator.Cli.Plan;

/// <summary>
/// The policy document a plan step writes or removes, with the one it replaces: what a reviewer must read.
/// Documents are shown as indented JSON in the canonical order (<see cref="PolicyWriter"/>), so two
/// documents that mean the same print the same and a diff shows only real changes.
/// </summary>
public sealed record StepDocuments(string Label, PolicyDocument? Before, PolicyDocument? After)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static StepDocuments? Of(PlanStep step) => step switch
    {
        CreateRoleStep create => new("trust policy", null, create.TrustPolicy),
        UpdateAssumeRolePolicyStep trust => new("trust policy", trust.Previous, trust.Document),
        PutRolePolicyStep put => new("inline policy " + put.PolicyName, put.Previous, put.Document),
        DeleteRolePolicyStep delete => new("inline policy " + delete.PolicyName, delete.Previous, null),
        _ => null,
    };

    /// <summary>The unified diff of the two documents as indented JSON (<c>/dev/null</c> for a missing one).</summary>
    public string Diff() => UnifiedDiff.Compute(Pretty(Before), Pretty(After),
        Before is null ? "/dev/null" : "a/" + Label, After is null ? "/dev/null" : "b/" + Label);

    public static string Pretty(PolicyDocument? document) =>
        document is null ? "" : JsonNode.Parse(document.ToJson())!.ToJsonString(Indented);
}
