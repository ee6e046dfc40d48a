namespace IrOperator.Aws.Iam;

/// <summary>
/// The seam controllers get IAM clients through: one client per member account, signed with the
/// provisioner role's session there (see docs/aws.md). Pure parts are tested without it; the rest runs
/// against the AWS emulator through <see cref="AwsClientFactory"/>.
/// </summary>
public interface IIamClientFactory
{
    /// <summary>The IAM client of a member account (cached; cheap to call per reconcile).</summary>
    IIamClient Iam(string accountId);
}
