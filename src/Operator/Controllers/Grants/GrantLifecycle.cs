using IrOperator.Resources;

namespace IrOperator.Controllers.Grants;

/// <summary>
/// The grant lifecycle as an ordered chain of rules; the first that fires decides (docs/grants.md, "Lifecycle").
/// Pure: a grant, its validation, its approvals and what the role's apply path reported, at a time. Times come
/// from status, so a restart or a new leader decides the same thing: an expiry that passed while no operator
/// ran is found at the next look, with <c>endedAt</c> = <c>expiresAt</c>, the moment AWS itself ended access.
/// </summary>
public static class GrantLifecycle
{
    /// <summary>The rules in order. Finished grants keep their phase; only a grant never activated can be Denied.</summary>
    public static IReadOnlyList<(string Name, GrantRule Rule)> Rules { get; } =
    [
        ("Finished", Finished),
        ("Denied", Denied),
        ("Revoked", Revoked),
        ("Expired", Expired),
        ("RoleWithdrawn", RoleWithdrawn),
        ("Failed", Failed),
        ("Active", Active),
        ("ApprovalPolicyMissing", ApprovalPolicyMissing),
        ("Approved", Approved),
        ("Pending", Pending),
    ];

    public static GrantDecision Decide(GrantFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        foreach (var (_, rule) in Rules)
        {
            if (rule(facts) is { } decision)
            {
                return decision;
            }
        }
        throw new InvalidOperationException("The Pending rule always fires.");
    }

    public static bool IsFinished(GrantPhase? phase) =>
        phase is GrantPhase.Denied or GrantPhase.Expired or GrantPhase.Revoked or GrantPhase.Failed;

    // A finished grant stays as it is, and is deleted once its retention has passed (its record stays in the
    // audit log). Retention counts from endedAt; a grant finished by an older operator without one counts from now.
    private static GrantDecision? Finished(GrantFacts f)
    {
        if (!IsFinished(f.Status.Phase))
        {
            return null;
        }
        var phase = f.Status.Phase!.Value;
        var ended = f.EndedAt ?? f.Now;
        var until = ended + f.Retention;
        var condition = f.Status.Conditions?.FirstOrDefault(c => c.Type == GrantConditions.Active);
        var reason = condition?.Reason ?? phase.ToString();
        var message = condition?.Message ?? $"the grant is {phase}";
        if (f.Now < until)
        {
            return new GrantDecision("Finished", phase, reason, message, f.ActivatedAt, f.ExpiresAt, ended, RequeueAt: until);
        }
        // Once recorded, the message stays as it is: a grant the finalizer still holds after the delete is decided
        // again on every event, and a message that grew each time would make each decision a new status write,
        // whose watch event brings the next decision (docs/grants.md, "The grant controller").
        var deleted = reason == GrantReasons.RetentionEnded
            ? message
            : $"{message}; deleted after the retention of {GrantTimes.Describe(f.Retention)}";
        return new GrantDecision("Finished", phase, GrantReasons.RetentionEnded, deleted, f.ActivatedAt, f.ExpiresAt, ended, Delete: true);
    }

    // Only before activation: a grant that opened access ends by expiry or revoke, never by a later denial.
    private static GrantDecision? Denied(GrantFacts f)
    {
        if (f.ActivatedAt is not null)
        {
            return null;
        }
        if (f.Validation.Outcome == GrantValidationOutcome.Invalid)
        {
            return new GrantDecision("Denied", GrantPhase.Denied, f.Validation.Reason, f.Validation.Message, EndedAt: GrantTimes.Ceiling(f.Now));
        }
        if (f.Approvals is { IsDenied: true } tally)
        {
            return new GrantDecision("Denied", GrantPhase.Denied, GrantReasons.Denied,
                $"denied by {string.Join(", ", tally.Denials.Select(d => d.By))}", EndedAt: GrantTimes.Ceiling(f.Now));
        }
        return null;
    }

    // The revoke annotation or deletion ends the grant now, rounded up to the next whole second, so the
    // end-of-access deny also covers a session issued in the second of the revoke. A grant whose time is already
    // up is Expired, not Revoked: AWS ended it at expiresAt.
    private static GrantDecision? Revoked(GrantFacts f)
    {
        var annotations = f.Grant.Metadata.Annotations;
        var revokedWith = annotations is not null && annotations.TryGetValue(IrOperatorApi.RevokeAnnotation, out var why) ? why : null;
        var deleting = f.Grant.Metadata.DeletionTimestamp is not null;
        if (revokedWith is null && !deleting)
        {
            return null;
        }
        if (f.ExpiresAt is { } expires && f.Now >= expires)
        {
            return null;
        }
        var end = GrantTimes.Ceiling(f.Now);
        var cause = revokedWith is not null
            ? $"revoked through {IrOperatorApi.RevokeAnnotation}" + (revokedWith.Length > 0 ? $": {revokedWith}" : "")
            : "the grant was deleted";
        var message = f.ActivatedAt is null
            ? $"{cause}, before access was opened"
            : $"{cause}; access ended at {GrantTimes.Format(end)} instead of {GrantTimes.Format(f.ExpiresAt!.Value)}";
        return new GrantDecision("Revoked", GrantPhase.Revoked, GrantReasons.Revoked, message, f.ActivatedAt, f.ExpiresAt, end);
    }

    private static GrantDecision? Expired(GrantFacts f)
    {
        if (f.ExpiresAt is not { } expires || f.Now < expires)
        {
            return null;
        }
        var lag = f.Now - expires;
        var late = lag >= TimeSpan.FromSeconds(1)
            ? $"; noticed {GrantTimes.Describe(lag)} later (AWS ended access on time through the policy conditions)"
            : "";
        return new GrantDecision("Expired", GrantPhase.Expired, GrantReasons.Expired,
            $"access ended at {GrantTimes.Format(expires)}{late}", f.ActivatedAt, expires, expires);
    }

    // The role no longer carries an opened grant (deleted, breakGlass dropped, an account left): the grant ends now,
    // as a revoke would, with the reason naming what the role did. Expired wins: AWS ended it at expiresAt.
    private static GrantDecision? RoleWithdrawn(GrantFacts f)
    {
        if (f.ActivatedAt is null || f.Withdrawal is not { } withdrawal)
        {
            return null;
        }
        var end = GrantTimes.Ceiling(f.Now);
        return new GrantDecision("RoleWithdrawn", GrantPhase.Revoked, withdrawal.Reason,
            $"{withdrawal.Message}; access ended at {GrantTimes.Format(end)} instead of {GrantTimes.Format(f.ExpiresAt!.Value)}",
            f.ActivatedAt, f.ExpiresAt, end);
    }

    // A grant IAM cannot take (the trust policy has no room for it, or IAM refused the document) fails; the
    // role's apply path leaves it out, so the other grants of the role are untouched.
    private static GrantDecision? Failed(GrantFacts f)
    {
        if (f.ActivatedAt is null)
        {
            return null;
        }
        var failing = f.TargetAccounts.Select(f.Observed).Where(o => o is { Terminal: true, Error: not null }).ToList();
        if (failing.Count == 0)
        {
            return null;
        }
        var message = string.Join("; ", failing.Select(o => $"account {o.AccountId}: {o.Error}"));
        return new GrantDecision("Failed", GrantPhase.Failed, GrantReasons.Failed, message, f.ActivatedAt, f.ExpiresAt, GrantTimes.Ceiling(f.Now));
    }

    // Activated (approved, times fixed) and not over: Active once every target account shows the statement in a
    // read from IAM; until then Approved, with the per-account progress.
    private static GrantDecision? Active(GrantFacts f)
    {
        if (f.ActivatedAt is not { } activated || f.ExpiresAt is not { } expires)
        {
            return null;
        }
        var targets = f.TargetAccounts;
        var observed = targets.Select(f.Observed).ToList();
        var visible = observed.Count(o => o.Statement == StatementState.Visible);
        if (targets.Count > 0 && visible == targets.Count)
        {
            return new GrantDecision("Active", GrantPhase.Active, GrantReasons.Activated,
                $"open in {Accounts(targets.Count)} until {GrantTimes.Format(expires)}", activated, expires, RequeueAt: expires);
        }
        var written = observed.Count(o => o.Statement == StatementState.Written);
        var errors = observed.Where(o => o.Error is not null).Select(o => $"account {o.AccountId}: {o.Error}").ToList();
        var message = $"opening: visible in {visible} of {Accounts(targets.Count)}, written and not yet visible in {written}"
                      + (errors.Count > 0 ? "; retrying " + string.Join("; ", errors) : "");
        return new GrantDecision("Active", GrantPhase.Approved, errors.Count > 0 ? GrantReasons.AccountFailed : GrantReasons.Activating,
            message, activated, expires, RequeueAt: expires);
    }

    // Fail closed: approvals are only true while the admission policy is in place, so an approved grant does not open
    // without it; it stays Pending and is looked at again when the guard next checks (docs/approvals.md, "Fail closed").
    private static GrantDecision? ApprovalPolicyMissing(GrantFacts f)
    {
        if (f.ApprovalPolicy is not { InPlace: false } check || !f.Validation.IsValid || f.Approvals is not { IsApproved: true } tally)
        {
            return null;
        }
        return new GrantDecision("ApprovalPolicyMissing", GrantPhase.Pending, GrantReasons.ApprovalPolicyMissing,
            $"approved by {string.Join(", ", tally.Approvers)} but not opened: {check.Message}; the approval admission policy must be " +
            "in place for approvals to be trusted (docs/approvals.md)", RequeueAt: check.NextCheck);
    }

    // Enough valid approvals: the window is fixed now (activatedAt on a whole second, expiresAt = activatedAt +
    // duration) and handed to the role's apply path through status.
    private static GrantDecision? Approved(GrantFacts f)
    {
        if (!f.Validation.IsValid || f.Approvals is not { IsApproved: true } tally)
        {
            return null;
        }
        var activated = GrantTimes.Floor(f.Now);
        var expires = activated + f.Validation.Duration;
        return new GrantDecision("Approved", GrantPhase.Approved, GrantReasons.Approved,
            $"approved by {string.Join(", ", tally.Approvers)}; opening in {Accounts(f.TargetAccounts.Count)} until {GrantTimes.Format(expires)}",
            activated, expires, RequeueAt: expires);
    }

    private static GrantDecision? Pending(GrantFacts f)
    {
        if (f.Validation.Outcome == GrantValidationOutcome.Waiting)
        {
            return new GrantDecision("Pending", GrantPhase.Pending, f.Validation.Reason, f.Validation.Message);
        }
        var tally = f.Approvals;
        var have = tally?.Counted.Count ?? 0;
        var need = tally?.Required ?? 1;
        var by = have > 0 ? $" ({string.Join(", ", tally!.Approvers)})" : "";
        return new GrantDecision("Pending", GrantPhase.Pending, GrantReasons.AwaitingApproval,
            $"{have} of {need} approval{(need == 1 ? "" : "s")}{by}; an approver adds approval.iroperator.io/<name>=<their user name> (docs/approvals.md)");
    }

    private static string Accounts(int count) => count == 1 ? "1 account" : $"{count} accounts";
}
