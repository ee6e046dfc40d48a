using IrOperator.Iam.Policies;
using IrOperator.Resources;

namespace IrOperator.Iam.Presets;

/// <summary>
/// The reviewed, least-privilege permission sets of docs/presets.md, as inline policies named
/// <c>iroperator-preset-*</c> (a name prefix users cannot take): SecurityAnalyst = analyst;
/// ForensicInvestigator = analyst + forensics; IncidentCommander = analyst + containment. Inline,
/// not managed, so a role carries its own reviewed copy in every account with no policy to
/// pre-create; they share the role's 10,240-character inline budget with the spec's policies and
/// the end-of-access denies.
/// </summary>
public static class Presets
{
    public const string NamePrefix = "iroperator-preset-";

    public static IReadOnlyDictionary<string, PolicyDocument> For(RolePreset preset, PresetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var policies = new SortedDictionary<string, PolicyDocument>(StringComparer.Ordinal);
        if (preset == RolePreset.None)
        {
            return policies;
        }

        policies[AnalystPolicy.Name] = AnalystPolicy.Build(options);
        if (preset == RolePreset.ForensicInvestigator)
        {
            policies[ForensicsPolicy.Name] = ForensicsPolicy.Build(options);
        }
        else if (preset == RolePreset.IncidentCommander)
        {
            policies[ContainmentPolicy.Name] = ContainmentPolicy.Build(options);
        }

        return policies;
    }
}
