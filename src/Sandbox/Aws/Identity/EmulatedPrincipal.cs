using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Sandbox.Aws.Identity;

/// <summary>
/// Who holds an access key: the policy engine's <see cref="CallerIdentity"/> plus what the emulator
/// needs to find the caller's policies and answer GetCallerIdentity. <see cref="UserId"/> is AWS's
/// unique id: the account id for root, AIDA... for a user, AROA...:session for a role session.
/// </summary>
public sealed record EmulatedPrincipal(CallerIdentity Identity, string UserId, string? UserName = null, string? RoleName = null)
{
    public string AccountId => Identity.AccountId;

    public string Arn => Identity.Arn;
}
