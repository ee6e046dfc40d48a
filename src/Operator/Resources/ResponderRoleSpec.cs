using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using IrOperator.Resources.Schema;

namespace IrOperator.Resources;

/// <summary>The IAM role the operator keeps in each selected account.</summary>
[CelRule(CelRules.TrustXorBreakGlass, CelRules.TrustXorBreakGlassMessage)]
public sealed class ResponderRoleSpec
{
    /// <summary>
    /// Name of the IAM role in every account (1-64 characters of A-Z a-z 0-9 _+=,.@-). Defaults to
    /// "ir-" + metadata.name. IAM names are not case-sensitive.
    /// </summary>
    [Pattern(ResourcePatterns.IamRoleName)]
    [MaxLength(64)]
    [JsonPropertyName("roleName")]
    public string? RoleName { get; set; }

    /// <summary>
    /// IAM path of the role: "/" or a path that starts and ends with "/" (at most 512 characters). The
    /// operator's provisioner role may only manage roles under its configured path, by default this one.
    /// </summary>
    [Defaulted]
    [Pattern(ResourcePatterns.IamPath)]
    [MaxLength(512)]
    [JsonPropertyName("path")]
    public string Path { get; set; } = "/incident-response/";

    /// <summary>Description of the IAM role (at most 1000 characters).</summary>
    [Pattern(ResourcePatterns.IamRoleDescription)]
    [MaxLength(1000)]
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary>
    /// Reviewed permission set for incident response: SecurityAnalyst (read logs, trails, flow logs,
    /// Config, EC2; Session Manager on tagged instances), ForensicInvestigator (adds evidence snapshots),
    /// IncidentCommander (adds containment), or None (only the policies below).
    /// </summary>
    [Defaulted]
    [JsonPropertyName("preset")]
    public RolePreset Preset { get; set; } = RolePreset.None;

    /// <summary>ARNs of managed policies attached in addition to the preset's (IAM allows 10 per role by default, 20 at most).</summary>
    [MaxItems(20)]
    [ListType(ListTypeAttribute.Set)]
    [Pattern(ResourcePatterns.ManagedPolicyArn, OnItems = true)]
    [MaxLength(2048, OnItems = true)]
    [JsonPropertyName("managedPolicyArns")]
    public IList<string>? ManagedPolicyArns { get; set; }

    /// <summary>
    /// Inline policies by name; each value is an IAM policy document as an object (not a string). All
    /// inline policies of a role share IAM's 10,240-character budget with the operator's own deny statements.
    /// </summary>
    [MaxProperties(10)]
    [PreserveUnknownFields(OnItems = true)]
    [CelRule(CelRules.InlinePolicyNames, CelRules.InlinePolicyNamesMessage)]
    [JsonPropertyName("inlinePolicies")]
    public IDictionary<string, JsonObject>? InlinePolicies { get; set; }

    /// <summary>
    /// ARN of a managed policy used as the role's permissions boundary; the account may be written {accountId} to
    /// name each account's own policy (arn:aws:iam::{accountId}:policy/iroperator/IrOperatorResponderBoundary).
    /// Unset: the operator's default boundary, if one is configured.
    /// </summary>
    [Pattern(ResourcePatterns.PermissionsBoundaryArn)]
    [MaxLength(2048)]
    [JsonPropertyName("permissionsBoundaryArn")]
    public string? PermissionsBoundaryArn { get; set; }

    /// <summary>Longest session an AssumeRole may ask for, from 1h to 12h (e.g. "1h", "90m", "2h30m").</summary>
    [Defaulted]
    [Duration("1h", "12h", Note = "the range of an IAM role's MaxSessionDuration")]
    [JsonPropertyName("maxSessionDuration")]
    public string MaxSessionDuration { get; set; } = "1h";

    /// <summary>The accounts the role exists in, resolved through AWS Organizations (active accounts only).</summary>
    [Required]
    [JsonPropertyName("accounts")]
    public AccountSelector Accounts { get; set; } = new();

    /// <summary>Standing trust: principals that may assume the role at any time. Omit for a break-glass role.</summary>
    [JsonPropertyName("trust")]
    public TrustSpec? Trust { get; set; }

    /// <summary>Makes the role dormant: nobody may assume it until a BreakGlassGrant for it is approved.</summary>
    [JsonPropertyName("breakGlass")]
    public BreakGlassSpec? BreakGlass { get; set; }

    /// <summary>Delete (default) removes the IAM roles when the ResponderRole is deleted; Retain leaves them.</summary>
    [Defaulted]
    [JsonPropertyName("deletionPolicy")]
    public DeletionPolicy DeletionPolicy { get; set; } = DeletionPolicy.Delete;

    /// <summary>
    /// Tags on the IAM role. At most 40: IAM allows 50 per role and the operator adds its own. Keys must
    /// not start with "aws:".
    /// </summary>
    [MaxProperties(40)]
    [MaxLength(256, OnItems = true)]
    [CelRule(CelRules.TagKeys, CelRules.TagKeysMessage)]
    [JsonPropertyName("tags")]
    public IDictionary<string, string>? Tags { get; set; }
}
