using IrOperator.Kube;
using IrOperator.Resources;
using k8s.Models;

namespace IrOperator.Controllers.Grants;

/// <summary>
/// The whole status of a grant as a projection of the decision, the approvals, the validation and what the role's
/// apply path reported per account (docs/grants.md, "Status"). The controller writes it only when it differs.
/// </summary>
public static class GrantStatusProjection
{
    public static BreakGlassGrantStatus Project(
        BreakGlassGrant grant, GrantFacts facts, GrantDecision decision, ResponderRole? role, string partition, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(decision);
        var old = grant.Status ?? new BreakGlassGrantStatus();
        var generation = grant.Metadata.Generation;
        var opened = decision.ActivatedAt is not null;
        var status = new BreakGlassGrantStatus
        {
            ObservedGeneration = generation,
            Phase = decision.Phase,
            SourceIdentity = old.SourceIdentity ?? facts.Validation.SourceIdentity,
            // Approvals are counted until the grant opens, then kept as they were when it opened.
            Approvals = opened && old.ActivatedAt is not null ? old.Approvals : Nonempty(facts.Approvals?.Counted),
            ActivatedAt = decision.ActivatedAt?.UtcDateTime,
            ExpiresAt = decision.ExpiresAt?.UtcDateTime,
            EndedAt = decision.EndedAt?.UtcDateTime,
        };

        var targets = opened && old.Accounts is { Count: > 0 } fixedAccounts
            ? [.. fixedAccounts.Select(a => a.AccountId)]
            : facts.Validation.Accounts ?? [];
        status.Accounts = targets.Count == 0 ? null : [.. targets.Select(a => Account(a, decision, facts, role, partition, status.SourceIdentity, old))];

        var conditions = old.Conditions;
        var approved = facts.Approvals is { IsApproved: true } || opened;
        conditions = approved && decision.Phase != GrantPhase.Denied
            ? Conditions.Set(conditions, GrantConditions.Approved, Conditions.True, GrantReasons.Approved,
                ApprovedMessage(status.Approvals), generation, time)
            : Conditions.Set(conditions, GrantConditions.Approved, Conditions.False, decision.Reason, decision.Message, generation, time);
        conditions = decision.Phase == GrantPhase.Active
            ? Conditions.Set(conditions, GrantConditions.Active, Conditions.True, decision.Reason, decision.Message, generation, time)
            : Conditions.Set(conditions, GrantConditions.Active, Conditions.False, decision.Reason, decision.Message, generation, time);
        conditions = RoleChaining.Applies(grant.Spec.PrincipalArn)
            ? Conditions.Set(conditions, GrantConditions.RoleChainingLimitsSessions, Conditions.True, GrantReasons.RoleChainingLimitsSessions,
                RoleChaining.Message(grant.Spec.PrincipalArn), generation, time)
            : [.. conditions.Where(c => c.Type != GrantConditions.RoleChainingLimitsSessions)];
        status.Conditions = conditions;
        return status;
    }

    /// <summary>Per-account state: Pending before the grant opens; Written / Active while open; Removing / Removed after; Error with the message.</summary>
    public static GrantAccountState StateOf(GrantDecision decision, AccountObservation seen)
    {
        if (seen.Error is not null)
        {
            return GrantAccountState.Error;
        }
        if (decision.ActivatedAt is null)
        {
            return GrantAccountState.Pending;
        }
        if (decision.IsFinished)
        {
            return seen.Statement == StatementState.Absent ? GrantAccountState.Removed : GrantAccountState.Removing;
        }
        return seen.Statement switch
        {
            StatementState.Visible => GrantAccountState.Active,
            StatementState.Written => GrantAccountState.Written,
            StatementState.Removing => GrantAccountState.Removing,
            _ => GrantAccountState.Pending,
        };
    }

    /// <summary>
    /// True for an account of a Failed grant where IAM refused the grant (or had no room for it): it stays Error with
    /// that message, and there is nothing to remove there (the refusal is what the Failed condition names).
    /// </summary>
    public static bool IsRefusedIn(BreakGlassGrantStatus status, GrantAccountStatus account)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(account);
        return status.Phase == GrantPhase.Failed && account is { State: GrantAccountState.Error, Message: { } message }
            && status.Conditions?.FirstOrDefault(c => c.Type == GrantConditions.Active)?.Message?.Contains($"account {account.AccountId}: {message}", StringComparison.Ordinal) == true;
    }

    private static GrantAccountStatus Account(
        string accountId, GrantDecision decision, GrantFacts facts, ResponderRole? role, string partition, string? sourceIdentity, BreakGlassGrantStatus old)
    {
        var seen = facts.Observed(accountId);
        if (decision.Phase == GrantPhase.Failed && seen is { Statement: StatementState.Absent, Error: null }
            && old.Accounts?.FirstOrDefault(a => a.AccountId == accountId) is { } before && IsRefusedIn(old, before))
        {
            // The refusal that failed the grant stays on its account: nothing was ever written there.
            seen = seen with { Error = before.Message };
        }
        var roleArn = role?.Status?.Accounts?.FirstOrDefault(a => a.AccountId == accountId)?.RoleArn
                      ?? (role is null ? null : AssumeRoleCommand.RoleArn(partition, accountId, role.Spec.Path, role.IamRoleName));
        var open = decision.Phase is GrantPhase.Approved or GrantPhase.Active;
        return new GrantAccountStatus
        {
            AccountId = accountId,
            RoleArn = roleArn,
            State = StateOf(decision, seen),
            AssumeRoleCommand = open && roleArn is not null && sourceIdentity is not null ? AssumeRoleCommand.For(roleArn, sourceIdentity) : null,
            Message = seen.Error,
        };
    }

    private static string ApprovedMessage(IList<Approval>? approvals) =>
        approvals is { Count: > 0 }
            ? "approved by " + string.Join(", ", approvals.Select(a => a.Groups is { Count: > 0 } g ? $"{a.By} (as {string.Join(", ", g)})" : a.By))
            : "approved";

    private static List<Approval>? Nonempty(IReadOnlyList<Approval>? approvals) => approvals is { Count: > 0 } ? [.. approvals] : null;
}
