using System.Text.Json.Serialization;

namespace IrOperator.Resources;

/// <summary>A reviewed, least-privilege permission set for incident response, kept in code (see Iam/Presets).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RolePreset>))]
public enum RolePreset
{
    /// <summary>No preset: only managedPolicyArns and inlinePolicies grant permissions.</summary>
    None,

    /// <summary>Read access to logs, trails, flow logs, Config and EC2, plus Session Manager on tagged instances.</summary>
    SecurityAnalyst,

    /// <summary>SecurityAnalyst plus snapshot and image creation to preserve evidence.</summary>
    ForensicInvestigator,

    /// <summary>SecurityAnalyst plus containment: isolate instances, disable access keys.</summary>
    IncidentCommander,
}
