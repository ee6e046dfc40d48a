using IrOperator.Aws.Errors;
using IrOperator.Aws.Iam;
using IrOperator.Controllers.Grants;
using IrOperator.Iam.Desired;
using IrOperator.Iam.Planning;
using IrOperator.Resources;
using Serilog;

namespace IrOperator.Controllers.ResponderRoles;

/// <summary>
/// Brings one ResponderRole's IAM role in one account in line, or removes it, under that (account, role)'s
/// apply lock: read (<see cref="ObservedRoleReader"/>), plan (<see cref="RolePlanner"/>, the planner the
/// `plan` CLI shares), apply the steps in order. Never touches a role it does not own; never rewrites what it
/// just wrote while IAM propagates it; turns every AWS failure into that account's outcome with AWS's code,
/// so one account never blocks another (docs/responder-roles.md).
/// </summary>
public sealed class AccountSync(
    IIamClientFactory clients,
    RoleApplyLocks locks,
    RoleWriteMemory memory,
    ResponderRoleOptions options,
    TimeProvider time,
    ILogger log)
{
    /// <summary>A role created by an earlier attempt but not yet visible is looked at again this soon.</summary>
    private static readonly TimeSpan NotYetVisibleRecheck = TimeSpan.FromSeconds(1);

    /// <param name="specChanged">
    /// True when the spec changed since this account was last in line, so differences found are an update;
    /// otherwise they were made outside the operator: drift, reported as a Warning.
    /// </param>
    public async Task<AccountOutcome> SyncAsync(string account, DesiredRole desired, bool specChanged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var trust = new SeenTrust();
        var outcome = await SyncCoreAsync(account, desired, specChanged, trust, cancellationToken).ConfigureAwait(false);
        // What the grants need from this apply: which statements IAM showed, which were written (docs/grants.md).
        return outcome with { VisibleTrustSids = trust.Visible, WrittenTrustSids = trust.Written };
    }

    private async Task<AccountOutcome> SyncCoreAsync(string account, DesiredRole desired, bool specChanged, SeenTrust trust, CancellationToken cancellationToken)
    {
        var iam = clients.Iam(account);
        var arn = desired.ArnIn(account);
        await using var held = await locks.AcquireAsync(account, desired.RoleName, cancellationToken).ConfigureAwait(false);
        RolePlan? plan = null;
        var applied = 0;
        try
        {
            var observed = await ObservedRoleReader.ReadAsync(iam, desired.RoleName, cancellationToken).ConfigureAwait(false);
            trust.Visible = TrustSids.Of(observed?.AssumeRolePolicyDocument);
            var now = time.GetUtcNow();
            var recent = memory.Recent(account, desired.RoleName).Prune(now, options.PropagationWindow);
            plan = RolePlanner.Plan(desired, observed, new PlanContext(now, options.PropagationWindow, recent));
            var fingerprint = DesiredFingerprint.Of(desired);
            switch (plan.Outcome)
            {
                case PlanOutcome.NotOwned:
                    return new AccountOutcome(account, RoleAccountState.NotOwned, observed?.Arn, $"a role named {desired.RoleName} exists and is not managed by this ResponderRole: {plan.Message}")
                    {
                        Event = AccountEvent.NotOwned,
                        Changes = [plan.Message ?? "not owned"],
                    };
                case PlanOutcome.InSync:
                    return new AccountOutcome(account, RoleAccountState.Ready, observed?.Arn ?? arn, "in line with the spec");
                case PlanOutcome.AwaitingPropagation when memory.WroteInFull(account, desired.RoleName, fingerprint):
                    trust.Written = TrustSids.Of(desired.TrustPolicy);
                    return Propagating(account, observed?.Arn ?? arn, plan.Propagating, options.PropagationWindow);
                case PlanOutcome.AwaitingPropagation:
                    // What we wrote is not visible yet, and the spec has moved on since: not Ready, apply once it shows.
                    return new AccountOutcome(account, RoleAccountState.Pending, observed?.Arn ?? arn, "waiting for IAM to show the last write before applying the change")
                    {
                        Changes = plan.Propagating,
                        RecheckAfter = NotYetVisibleRecheck,
                    };
            }
            if (memory.Propagating(account, desired.RoleName, fingerprint, now, options.PropagationWindow) is { } left)
            {
                // This exact state was written moments ago; what we read predates it. Rewriting now would flap.
                trust.Written = TrustSids.Of(desired.TrustPolicy);
                log.Debug("Role {Role} in {Account} reads as before the write ({Calls}); IAM is propagating, re-checking in {Delay}",
                    desired.RoleName, account, string.Join(", ", plan.Steps.Select(s => s.Action)), left);
                return Propagating(account, observed?.Arn ?? arn, plan.Changes, left);
            }
            foreach (var step in plan.Steps)
            {
                try
                {
                    await step.ApplyAsync(iam, cancellationToken).ConfigureAwait(false);
                    applied++;
                }
                catch (AwsServiceException e) when (step is CreateRoleStep && e.ErrorCode == AwsErrorCodes.EntityAlreadyExists)
                {
                    // Created by an earlier attempt (e.g. before a restart) and not yet visible to reads: wait, do not fail.
                    memory.Applied(account, desired.RoleName, plan with { Steps = [step] }, time.GetUtcNow(), null);
                    return new AccountOutcome(account, RoleAccountState.Pending, arn, "the role exists but IAM does not show it yet (propagation)")
                    {
                        RecheckAfter = NotYetVisibleRecheck,
                    };
                }
            }
            // The propagation window starts when the last write landed, not when the plan was made: a slow
            // apply (throttling, retries) must not eat the window a later read relies on.
            memory.Applied(account, desired.RoleName, plan, time.GetUtcNow(), fingerprint);
            trust.Written = TrustSids.Of(desired.TrustPolicy);
            var kind = plan.Outcome is PlanOutcome.Create ? AccountEvent.Created : specChanged ? AccountEvent.Updated : AccountEvent.DriftCorrected;
            log.Information("Role {Role} in {Account}: {Event} with {Calls} IAM calls: {Changes}", desired.RoleName, account, kind, plan.Steps.Count, plan.Changes);
            return new AccountOutcome(account, RoleAccountState.Ready, observed?.Arn ?? arn, plan.Outcome is PlanOutcome.Create ? "created" : "in line with the spec")
            {
                Event = kind,
                Changes = plan.Message is null ? plan.Changes : [plan.Message, .. plan.Changes],
                SyncedAt = now.UtcDateTime,
                // Read again once IAM has propagated, to see what it really kept.
                RecheckAfter = options.PropagationWindow > TimeSpan.Zero ? options.PropagationWindow : null,
            };
        }
        catch (AwsServiceException e)
        {
            if (plan is not null && applied > 0)
            {
                // Remember what did land, so its propagation is not mistaken for drift on the retry.
                memory.Applied(account, desired.RoleName, plan with { Steps = plan.Steps.Take(applied).ToList() }, time.GetUtcNow(), null);
            }
            return Failed(account, desired.RoleName, e);
        }
    }

    /// <summary>
    /// Removes an owned role per the deletion policy (Delete: detach, delete inline policies, delete the role;
    /// Retain: remove the ownership tags). A missing role, or one owned by someone else, is done with.
    /// </summary>
    /// <param name="lastWritten">When status says the role was last written (lastSyncTime), for a process that has no memory of it.</param>
    public async Task<AccountOutcome> TeardownAsync(string account, string roleName, RoleOwner owner, DeletionPolicy policy, DateTimeOffset? lastWritten, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var iam = clients.Iam(account);
        await using var held = await locks.AcquireAsync(account, roleName, cancellationToken).ConfigureAwait(false);
        try
        {
            var observed = await ObservedRoleReader.ReadAsync(iam, roleName, cancellationToken).ConfigureAwait(false);
            var plan = RolePlanner.PlanDeletion(roleName, owner, observed, policy);
            switch (plan.Outcome)
            {
                case PlanOutcome.Absent when WrittenWithin(account, roleName, lastWritten) is { } left:
                    // Written moments ago and not visible yet: "absent" may be propagation, and giving up now would
                    // leave the role behind for good. Look again once the window has passed.
                    return new AccountOutcome(account, RoleAccountState.Deleting, null, "the role was just written and is not visible yet; waiting before deleting it")
                    {
                        RecheckAfter = left,
                    };
                case PlanOutcome.Absent:
                    memory.Forget(account, roleName);
                    return new AccountOutcome(account, RoleAccountState.Deleting, null, "no role left") { Removed = true };
                case PlanOutcome.NotOwned:
                    log.Information("Role {Role} in {Account} is not ours ({Reason}); leaving it", roleName, account, plan.Message);
                    return new AccountOutcome(account, RoleAccountState.NotOwned, observed?.Arn, $"left in place: {plan.Message}") { Removed = true };
            }
            foreach (var step in plan.Steps)
            {
                try
                {
                    await step.ApplyAsync(iam, cancellationToken).ConfigureAwait(false);
                }
                catch (AwsServiceException e) when (e.ErrorCode == AwsErrorCodes.NoSuchEntity)
                {
                    // Cleanup is idempotent: already gone is success.
                }
            }
            memory.Forget(account, roleName);
            var kind = plan.Outcome == PlanOutcome.Release ? AccountEvent.Retained : AccountEvent.Deleted;
            var changes = kind == AccountEvent.Retained ? [.. plan.Changes, "role left in place (deletionPolicy Retain)"] : plan.Changes;
            log.Information("Role {Role} in {Account}: {Event}: {Changes}", roleName, account, kind, changes);
            return new AccountOutcome(account, RoleAccountState.Deleting, observed?.Arn, kind.ToString()) { Event = kind, Changes = changes, Removed = true };
        }
        catch (AwsServiceException e)
        {
            return Failed(account, roleName, e);
        }
    }

    private TimeSpan? WrittenWithin(string account, string roleName, DateTimeOffset? lastWritten)
    {
        var now = time.GetUtcNow();
        var recent = memory.Recent(account, roleName);
        var latest = new[] { recent.RoleCreatedAt, recent.Documents.Values.Select(d => (DateTimeOffset?)d.At).DefaultIfEmpty().Max(), lastWritten }.Max();
        var left = latest + options.PropagationWindow - now;
        return left > TimeSpan.Zero ? left : null;
    }

    private static AccountOutcome Propagating(string account, string arn, IReadOnlyList<string> what, TimeSpan recheck) =>
        new(account, RoleAccountState.Ready, arn, "written; IAM is propagating the change")
        {
            Changes = what,
            RecheckAfter = recheck,
        };

    private AccountOutcome Failed(string account, string roleName, AwsServiceException e)
    {
        log.Warning("Role {Role} in {Account} failed: {Service}:{Action} {ErrorCode} ({ErrorKind})", roleName, account, e.Service, e.Action, e.ErrorCode, e.Kind);
        return new AccountOutcome(account, RoleAccountState.Error, null, $"{e.Action} failed with {e.ErrorCode}: {e.AwsMessage}")
        {
            Event = AccountEvent.AccountFailed,
            ErrorCode = e.ErrorCode,
            FailedAction = e.Action,
            // A role that vanished between GetRole and the list calls (deleted, or IAM propagating) is read again.
            Retryable = e.IsRetryable || (e.ErrorCode == AwsErrorCodes.NoSuchEntity && (e.Action.StartsWith("List", StringComparison.Ordinal) || e.Action.StartsWith("Get", StringComparison.Ordinal))),
            Changes = [$"{e.Service}:{e.Action} {e.ErrorCode}"],
        };
    }
}
