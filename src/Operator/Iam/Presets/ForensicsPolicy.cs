using IrOperator.Iam.Policies;
using static IrOperator.Iam.Presets.PresetStatements;

namespace IrOperator.Iam.Presets;

/// <summary>ForensicInvestigator's evidence capture on top of <see cref="AnalystPolicy"/>; reasons in docs/presets.md.</summary>
internal static class ForensicsPolicy
{
    public const string Name = "iroperator-preset-forensics";

    private const string Instances = "arn:aws:ec2:*:*:instance/*";
    private const string Volumes = "arn:aws:ec2:*:*:volume/*";
    private const string Snapshots = "arn:aws:ec2:*::snapshot/*";
    private const string Images = "arn:aws:ec2:*::image/*";

    public static PolicyDocument Build(PresetOptions options) => new(
    [
        Allow("EvidenceSnapshots", ["ec2:CreateSnapshot", "ec2:CreateSnapshots"], Instances, Volumes, Snapshots),
        Allow("EvidenceImages", ["ec2:CreateImage"], Instances, Images, Snapshots),
        Allow("CopyEvidence", ["ec2:CopySnapshot", "ec2:CopyImage"], Snapshots, Images),
        // Tags only while creating evidence: ec2:CreateAction names the call that creates the resource,
        // so existing snapshots and images (anyone's) cannot be retagged.
        Allow("TagEvidenceAtCreation", ["ec2:CreateTags"], Snapshots, Images) with
        {
            Condition = [new("StringEquals", "ec2:CreateAction", ["CreateSnapshot", "CreateSnapshots", "CreateImage", "CopySnapshot", "CopyImage"])],
        },
    ]);
}
