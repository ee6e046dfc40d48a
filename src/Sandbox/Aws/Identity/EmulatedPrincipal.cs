using IrOperator.Sandbox.Aws.Iam;
using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Sandbox.Aws.Identity;

/// <summary>
/// Who holds an access key: the policy engine's <see cref="CallerIdentity"/> plus what the emulator
/// needs to find the caller's policies and answer GetCallerIdentity. <see cref="UserId"/> is AWS's
/// unique id: the account id for root, AIDA... for a user, AROA...:session for a role session.
/// A session also keeps what AssumeRole gave it: its session policies, session tags and which of
/// those tags pass on to chained sessions.
/// </summary>
public sealed record EmulatedPrincipal(CallerIdentity Identity, string UserId, string? UserName = null, string? RoleName = null)
{
    public string AccountId => Identity.AccountId;

    public string Arn => Identity.Arn;

    /// <summary>The session policies passed to AssumeRole (inline and by ARN, as resolved then); null when none were.</summary>
    public IReadOnlyList<PolicyDocument>? SessionPolicies { get; init; }

    /// <summary>The session's tags (passed to AssumeRole, plus transitive ones inherited through chaining).</summary>
    public IReadOnlyList<IamTag> SessionTags { get; init; } = [];

    /// <summary>The keys of <see cref="SessionTags"/> that pass on to sessions chained from this one.</summary>
    public IReadOnlyList<string> TransitiveTagKeys { get; init; } = [];
}
