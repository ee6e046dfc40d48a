using System.Text.Json.Serialization;
using IrOperator.Resources.Schema;

namespace IrOperator.Resources;

/// <summary>What is requested. Immutable: to change it, delete the grant and request a new one.</summary>
[CelRule(CelRules.Immutable, CelRules.ImmutableMessage)]
public sealed class BreakGlassGrantSpec
{
    /// <summary>Name of the ResponderRole to open; it must have breakGlass.</summary>
    [Required]
    [MaxLength(253)]
    [Pattern(ResourcePatterns.ObjectName)]
    [JsonPropertyName("role")]
    public string Role { get; set; } = "";

    /// <summary>
    /// The IAM role or user ARN allowed to assume the role, in one account, e.g.
    /// arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Responder_* ('*' only as
    /// the suffix of an IAM Identity Center role, which Identity Center re-creates with a new suffix).
    /// </summary>
    [Required]
    [MaxLength(2048)]
    [CelRule(CelRules.PrincipalArn, CelRules.PrincipalArnMessage)]
    [JsonPropertyName("principalArn")]
    public string PrincipalArn { get; set; } = "";

    /// <summary>
    /// The human the access is for, as Kubernetes authenticates them (the admission policy requires the
    /// creating user). Mapped to the sts:SourceIdentity every session must carry (configured prefixes such as
    /// "oidc:" are stripped; the rest must be 2-64 characters of [A-Za-z0-9_+=,.@-]).
    /// </summary>
    [Required]
    [MinLength(1)]
    [MaxLength(256)]
    [CelRule(CelRules.NotBlank, CelRules.NotBlankMessage)]
    [JsonPropertyName("requestedBy")]
    public string RequestedBy { get; set; } = "";

    /// <summary>Account ids to open, a subset of the role's accounts; all of the role's accounts when omitted.</summary>
    [MinItems(1)]
    [MaxItems(1000)]
    [ListType(ListTypeAttribute.Set)]
    [Pattern(ResourcePatterns.AccountId, OnItems = true)]
    [JsonPropertyName("accounts")]
    public IList<string>? Accounts { get; set; }

    /// <summary>
    /// How long access stays open once active, from 1m to 12h and at most the role's breakGlass.maxGrantDuration
    /// (e.g. "2h"). Shorter than STS's 15-minute session minimum is fine: the end-of-access deny cuts sessions that
    /// outlive the grant.
    /// </summary>
    [Required]
    [Duration("1m", "12h")]
    [JsonPropertyName("duration")]
    public string Duration { get; set; } = "";

    /// <summary>The incident the access is for, e.g. INC-4711.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(128)]
    [CelRule(CelRules.NotBlank, CelRules.NotBlankMessage)]
    [JsonPropertyName("incident")]
    public string Incident { get; set; } = "";

    /// <summary>Why the access is needed; recorded in events and the audit log.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(1024)]
    [CelRule(CelRules.NotBlank, CelRules.NotBlankMessage)]
    [JsonPropertyName("reason")]
    public string Reason { get; set; } = "";
}
