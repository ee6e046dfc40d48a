using System.Text.Json.Serialization;
using IrOperator.Resources.Schema;

namespace IrOperator.Resources;

/// <summary>Standing trust: who may assume the role at any time, and on which conditions.</summary>
public sealed class TrustSpec
{
    /// <summary>
    /// IAM role or user ARNs allowed to assume the role. '*' only as the suffix of an IAM Identity Center
    /// role (role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_PermissionSet_*). The trust policy holds
    /// 2,048 characters by default, so keep this list short.
    /// </summary>
    [Required]
    [MinItems(1)]
    [MaxItems(20)]
    [ListType(ListTypeAttribute.Set)]
    [MaxLength(2048, OnItems = true)]
    [CelRule(CelRules.PrincipalArn, CelRules.PrincipalArnMessage, OnItems = true)]
    [JsonPropertyName("principals")]
    public IList<string> Principals { get; set; } = [];

    /// <summary>Require MFA (aws:MultiFactorAuthPresent) to assume the role.</summary>
    [Defaulted]
    [JsonPropertyName("requireMfa")]
    public bool RequireMfa { get; set; } = true;

    /// <summary>Require a source identity (sts:SourceIdentity) so CloudTrail names the human behind every session.</summary>
    [Defaulted]
    [JsonPropertyName("requireSourceIdentity")]
    public bool RequireSourceIdentity { get; set; } = true;
}
