using IrOperator.Iam.Desired;

namespace IrOperator.Controllers.ResponderRoles;

/// <summary>How the ResponderRole controller works (section "ResponderRoles" of the settings; see docs/responder-roles.md).</summary>
public sealed class ResponderRoleOptions
{
    /// <summary>
    /// How often every role is compared with IAM again even when nothing changed in Kubernetes: the drift
    /// check. A steady state costs only reads.
    /// </summary>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Accounts of one role worked on at the same time.</summary>
    public int MaxParallelAccounts { get; set; } = 8;

    /// <summary>
    /// How long after a write a read that still shows the previous document is taken as IAM's propagation
    /// delay, not as drift (IAM is eventually consistent: usually seconds).
    /// </summary>
    public TimeSpan PropagationWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>This cluster's id in the ownership tag, so two clusters never fight over one role.</summary>
    public string ClusterId { get; set; } = "default";

    /// <summary>
    /// The permissions boundary of every role whose spec sets none; <c>{accountId}</c> in the account field names each
    /// account's own policy, e.g. deploy/aws's <c>arn:aws:iam::{accountId}:policy/iroperator/IrOperatorResponderBoundary</c>.
    /// A role's own spec.permissionsBoundaryArn wins (docs/responder-roles.md, "Permissions boundary").
    /// </summary>
    public string? DefaultPermissionsBoundary { get; set; }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ResyncInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add($"responderRoles.resyncInterval must be at least 1 second (got {ResyncInterval}).");
        }
        if (MaxParallelAccounts < 1)
        {
            errors.Add($"responderRoles.maxParallelAccounts must be at least 1 (got {MaxParallelAccounts}).");
        }
        if (PropagationWindow < TimeSpan.Zero)
        {
            errors.Add($"responderRoles.propagationWindow must not be negative (got {PropagationWindow}).");
        }
        if (string.IsNullOrWhiteSpace(ClusterId) || ClusterId.Length > 128)
        {
            errors.Add("responderRoles.clusterId must be 1-128 characters (it is an IAM tag value).");
        }
        if (!string.IsNullOrEmpty(DefaultPermissionsBoundary) && PermissionsBoundary.Problem(DefaultPermissionsBoundary) is { } problem)
        {
            errors.Add($"{PermissionsBoundary.DefaultSetting}: {problem}.");
        }
        return errors;
    }
}
