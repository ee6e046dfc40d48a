using System.Text.Json.Serialization;
using IrOperator.Resources.Schema;

namespace IrOperator.Resources;

/// <summary>Break-glass rules: who approves grants for this role, how many approvals, and how long a grant may last.</summary>
[CelRule(CelRules.EnoughApproverUsers, CelRules.EnoughApproverUsersMessage)]
public sealed class BreakGlassSpec
{
    /// <summary>Who may approve grants (never the requester of the grant).</summary>
    [Required]
    [JsonPropertyName("approvers")]
    public Approvers Approvers { get; set; } = new();

    /// <summary>Distinct approvals a grant needs, 1 to 5; 2 is the two-person rule.</summary>
    [Defaulted]
    [Range(1, 5)]
    [JsonPropertyName("minApprovals")]
    public int MinApprovals { get; set; } = 1;

    /// <summary>Longest duration a grant may ask for, from 15m to 12h (e.g. "4h").</summary>
    [Defaulted]
    [Duration("15m", "12h")]
    [JsonPropertyName("maxGrantDuration")]
    public string MaxGrantDuration { get; set; } = "4h";
}
