namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>
/// Who makes a request. <see cref="Arn"/> is what GetCallerIdentity returns: for a role session
/// <c>arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION</c>, while <see cref="RoleArn"/> is the role's
/// IAM ARN with its path (<c>arn:aws:iam::ACCOUNT:role/PATH/NAME</c>), which is what aws:PrincipalArn
/// holds and what a role principal in a trust policy matches. For Service and Federated callers
/// <see cref="Arn"/> holds the service name or the identity provider.
/// </summary>
public sealed record CallerIdentity(
    CallerKind Kind,
    string AccountId,
    string Arn,
    string Partition = "aws",
    string? RoleArn = null,
    string? SourceIdentity = null,
    DateTimeOffset? TokenIssueTime = null,
    bool? MultiFactorAuthPresent = null)
{
    public static CallerIdentity Root(string accountId, string partition = "aws") =>
        new(CallerKind.Root, accountId, AwsArn.RootOf(partition, accountId), partition);

    public static CallerIdentity User(string userArn, bool? multiFactorAuthPresent = null)
    {
        var arn = Parse(userArn);
        return new(CallerKind.User, arn.Account, userArn, arn.Partition, MultiFactorAuthPresent: multiFactorAuthPresent);
    }

    /// <summary>
    /// A session of <paramref name="roleArn"/> named <paramref name="sessionName"/>. Temporary
    /// credentials always carry aws:MultiFactorAuthPresent (false unless MFA was used).
    /// </summary>
    public static CallerIdentity Session(
        string roleArn, string sessionName, DateTimeOffset issuedAt, string? sourceIdentity = null, bool multiFactorAuthPresent = false)
    {
        var role = Parse(roleArn);
        var roleName = role.Resource[(role.Resource.LastIndexOf('/') + 1)..];
        var sessionArn = $"arn:{role.Partition}:sts::{role.Account}:assumed-role/{roleName}/{sessionName}";
        return new(CallerKind.AssumedRole, role.Account, sessionArn, role.Partition, roleArn, sourceIdentity, issuedAt, multiFactorAuthPresent);
    }

    /// <summary>AWS's unique id of the caller (aws:userid): the account id for root, AIDA... for a user, AROA...:session for a session.</summary>
    public string? UserId { get; init; }

    /// <summary>The organization of the caller's account (aws:PrincipalOrgID), when it belongs to one.</summary>
    public string? PrincipalOrgId { get; init; }

    /// <summary>
    /// aws:PrincipalTag/*: the tags of the calling user or role, with a session's tags in place of a
    /// role's tags of the same key (keys compared case-insensitively, as IAM does).
    /// </summary>
    public IReadOnlyDictionary<string, string> PrincipalTags { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The ARN IAM uses as aws:PrincipalArn: the role's ARN for a session, else the caller's ARN.</summary>
    public string PrincipalArn => Kind == CallerKind.AssumedRole && RoleArn is not null ? RoleArn : Arn;

    private static AwsArn Parse(string arn) =>
        AwsArn.TryParse(arn, out var parsed) ? parsed : throw new ArgumentException($"'{arn}' is not an ARN.", nameof(arn));
}
