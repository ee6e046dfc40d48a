using IrOperator.Iam.Policies;
using static IrOperator.Iam.Presets.PresetStatements;

namespace IrOperator.Iam.Presets;

/// <summary>IncidentCommander's containment on top of <see cref="AnalystPolicy"/>; reasons and limits in docs/presets.md.</summary>
internal static class ContainmentPolicy
{
    public const string Name = "iroperator-preset-containment";

    /// <summary>The AWS managed policy that denies everything: the only policy containment may attach.</summary>
    public const string DenyAllPolicyArn = "arn:aws:iam::aws:policy/AWSDenyAll";

    public static PolicyDocument Build(PresetOptions options) => new(
    [
        Allow("QuarantineTargets", ["ec2:ModifyInstanceAttribute", "ec2:ModifyNetworkInterfaceAttribute"],
            "arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:*:*:network-interface/*"),
        // The security groups an instance may be moved into: only those tagged as quarantine groups.
        Allow("QuarantineSecurityGroups", ["ec2:ModifyInstanceAttribute", "ec2:ModifyNetworkInterfaceAttribute"], "arn:aws:ec2:*:*:security-group/*") with
        {
            Condition = [new("StringEquals", "aws:ResourceTag/" + options.QuarantineTagKey, options.QuarantineTagValue)],
        },
        Allow("StopInstances", ["ec2:StopInstances"], "arn:aws:ec2:*:*:instance/*"),
        Allow("DeactivateAccessKeys", ["iam:UpdateAccessKey"], "arn:aws:iam::*:user/*"),
        Allow("AttachDenyAllOnly", ["iam:AttachUserPolicy", "iam:AttachRolePolicy"], "arn:aws:iam::*:user/*", "arn:aws:iam::*:role/*") with
        {
            Condition = [new("ArnEquals", "iam:PolicyARN", DenyAllPolicyArn)],
        },
    ]);
}
