namespace IrOperator.Iam.Presets;

/// <summary>Settings of the presets (docs/presets.md): the tags that scope Session Manager and quarantine.</summary>
public sealed record PresetOptions
{
    /// <summary>Session Manager sessions may start only on EC2 instances carrying this tag with <see cref="SessionTagValue"/>.</summary>
    public string SessionTagKey { get; init; } = "ir-session-access";

    public string SessionTagValue { get; init; } = "true";

    /// <summary>IncidentCommander may move instances only into security groups carrying this tag with <see cref="QuarantineTagValue"/>.</summary>
    public string QuarantineTagKey { get; init; } = "ir-quarantine";

    public string QuarantineTagValue { get; init; } = "true";
}
