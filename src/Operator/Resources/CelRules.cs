namespace IrOperator.Resources;

/// <summary>
/// The CEL rules of the CRD schemas. Rules that read a value a pattern also checks first test the
/// pattern, so a malformed value gets one error (the pattern's) instead of a second "evaluation error".
/// Only the core language plus <c>size</c>, <c>has</c>, <c>all</c>, <c>matches</c> and <c>duration</c>:
/// the API server and the emulator's Cel 0.3.3 both evaluate these.
/// </summary>
public static class CelRules
{
    /// <summary>A duration string within bounds; a value that is not a duration passes here and fails the pattern.</summary>
    public static string DurationBetween(string minimum, string maximum) =>
        $"self == '' || !self.matches('{ResourcePatterns.Duration}') || " +
        $"(duration(self) >= duration('{minimum}') && duration(self) <= duration('{maximum}'))";

    public const string PrincipalArn =
        "self.matches('" + ResourcePatterns.PrincipalArn + "') || self.matches('" + ResourcePatterns.IdentityCenterRoleArnPattern + "')";

    public const string PrincipalArnMessage =
        "must be one IAM role or user ARN in one account, arn:<aws|aws-us-gov|aws-cn>:iam::<12-digit account id>:<role|user>/[path/]<name>; " +
        "'*' is allowed only as the suffix of an IAM Identity Center role, role/aws-reserved/sso.amazonaws.com/[<region>/]AWSReservedSSO_<PermissionSet>_*";

    public const string NotBlank = "self.matches('[^ \\t\\r\\n]')";

    public const string NotBlankMessage = "must not be blank";

    public const string Immutable = "self == oldSelf";

    public const string ImmutableMessage = "spec is immutable: delete the grant and request a new one";

    public const string InlinePolicyNames =
        "self.all(name, name.matches('" + ResourcePatterns.IamPolicyName + "') && !name.matches('^(?i)iroperator'))";

    public const string InlinePolicyNamesMessage =
        "inline policy names must be 1-128 characters of [A-Za-z0-9_+=,.@-] and must not start with 'iroperator' (reserved for the operator's own policies)";

    public const string TagKeys = "self.all(key, size(key) >= 1 && size(key) <= 128 && !key.startsWith('aws:'))";

    public const string TagKeysMessage = "tag keys must be 1-128 characters and must not start with 'aws:'";

    public const string SelectsAccounts = "has(self.ids) || has(self.organizationalUnits) || has(self.tags)";

    public const string SelectsAccountsMessage = "select accounts by at least one of ids, organizationalUnits or tags";

    public const string TrustXorBreakGlass = "has(self.trust) != has(self.breakGlass)";

    public const string TrustXorBreakGlassMessage =
        "set exactly one of trust (standing access) or breakGlass (dormant until a BreakGlassGrant is approved)";

    public const string NamesApprovers = "has(self.users) || has(self.groups)";

    public const string NamesApproversMessage = "name at least one approver user or group";

    public const string EnoughApproverUsers =
        "has(self.approvers.groups) || !has(self.approvers.users) || !has(self.minApprovals) || size(self.approvers.users) >= self.minApprovals";

    public const string EnoughApproverUsersMessage = "minApprovals is larger than the number of approvers.users (and no approver groups are named)";

    public const string DefaultRoleNameFits = "has(self.spec.roleName) || size(self.metadata.name) <= 61";

    public const string DefaultRoleNameFitsMessage =
        "metadata.name is longer than 61 characters, so the default IAM role name 'ir-' + metadata.name would exceed IAM's 64: set spec.roleName";
}
