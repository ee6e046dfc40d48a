using System.Text.RegularExpressions;

namespace IrOperator.Aws.Sts;

/// <summary>The role the operator assumes in each member account, and how it names its sessions.</summary>
public sealed partial class ProvisionerRoleOptions
{
    public string RoleName { get; set; } = "IrOperatorProvisioner";

    public string RolePath { get; set; } = "/";

    /// <summary>RoleSessionName: shows in CloudTrail as the assumed-role session ("...:assumed-role/IrOperatorProvisioner/iroperator").</summary>
    public string SessionName { get; set; } = "iroperator";

    /// <summary>SourceIdentity of the operator's sessions; it stays on every action CloudTrail records for them.</summary>
    public string SourceIdentity { get; set; } = "iroperator";

    /// <summary>Session length asked of STS (900..43200 s, within the role's MaxSessionDuration).</summary>
    public TimeSpan SessionDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Credentials are renewed this long before they expire, so no call is signed with credentials about to lapse.</summary>
    public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromMinutes(5);

    public string RoleArn(string partition, string accountId) => $"arn:{partition}:iam::{accountId}:role{RolePath}{RoleName}";

    public void Validate()
    {
        if (!RolePath.StartsWith('/') || !RolePath.EndsWith('/'))
        {
            throw new ArgumentException($"RolePath must begin and end with '/'; got '{RolePath}'.", nameof(RolePath));
        }

        if (!SessionNamePattern().IsMatch(SessionName))
        {
            throw new ArgumentException("SessionName must be 2-64 characters of letters, digits and +=,.@-.", nameof(SessionName));
        }

        if (!SessionNamePattern().IsMatch(SourceIdentity) || SourceIdentity.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("SourceIdentity must be 2-64 characters of letters, digits and +=,.@- and must not start with 'aws:'.", nameof(SourceIdentity));
        }

        if (SessionDuration < TimeSpan.FromMinutes(15) || SessionDuration > TimeSpan.FromHours(12))
        {
            throw new ArgumentOutOfRangeException(nameof(SessionDuration), SessionDuration, "SessionDuration must be between 15 minutes and 12 hours.");
        }

        if (RefreshBefore < TimeSpan.Zero || RefreshBefore >= SessionDuration)
        {
            throw new ArgumentOutOfRangeException(nameof(RefreshBefore), RefreshBefore, "RefreshBefore must be non-negative and shorter than SessionDuration.");
        }
    }

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$")]
    private static partial Regex SessionNamePattern();
}
