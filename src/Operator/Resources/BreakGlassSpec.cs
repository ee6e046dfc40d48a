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

    /// <summary>Longest duration a grant may ask for, from 1m to 12h (e.g. "4h").</summary>
    [Defaulted]
    [Duration("1m", "12h")]
    [JsonPropertyName("maxGrantDuration")]
    public string MaxGrantDuration { get; set; } = "4h";

    /// <summary>
    /// ARN patterns a grant's principalArn must match ('*' and '?' within one colon-separated part, as IAM's
    /// ArnLike), so a responder cannot point a grant at someone else's principal. A grant naming an Identity
    /// Center pattern (..._*) is allowed only by a pattern that ends in '*' and covers every role it matches.
    /// When empty: any principal in an account of the organization.
    /// </summary>
    [MaxItems(20)]
    [ListType(ListTypeAttribute.Set)]
    [MaxLength(2048, OnItems = true)]
    [Pattern(ResourcePatterns.PrincipalArnPattern, OnItems = true)]
    [JsonPropertyName("allowedPrincipals")]
    public IList<string>? AllowedPrincipals { get; set; }
}
